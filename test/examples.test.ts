// Every named request example, sent to a fresh stub with valid credentials, produces the response
// example of the same name (Microcks' convention; `x-microcks-refs` names them for bodiless responses).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createAccessProfilesClient,
  createCustomerProfilesClient,
  createSailPointOAuthClient,
} from "../client/index.ts";
import { ContractOracle, recordingFetch, type ApiName } from "./support/oracle.ts";
import { demoCredentials, startTestStub, type TestStub } from "./support/stub.ts";
import { token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();

interface Pair {
  api: ApiName;
  operationId: string;
  name: string;
  params: Record<string, unknown>;
  body: unknown;
  status: number;
  responseBody: unknown;
}

function pairsOf(api: ApiName, operationId: string): Pair[] {
  const op = oracle.operation(api, operationId);
  const requestContent = Object.values<any>(op.requestBody?.content ?? {});
  const requestExamples: Record<string, { value: unknown }> = Object.assign(
    {},
    ...requestContent.map((m) => m.examples ?? {}),
  );
  const names = new Set<string>(Object.keys(requestExamples));
  for (const p of op.parameters ?? []) for (const name of Object.keys(p.examples ?? {})) names.add(name);
  return [...names].map((name) => {
    const params = Object.fromEntries((op.parameters ?? []).map((p: any) => [p.name, p.examples?.[name]?.value]));
    const matches = Object.entries<any>(op.responses).filter(
      ([, r]) =>
        (r["x-microcks-refs"] ?? []).includes(name) ||
        Object.values<any>(r.content ?? {}).some((m) => name in (m.examples ?? {})),
    );
    expect(
      matches.map(([status]) => status),
      `request example ${name} of ${operationId} must pair with exactly one response`,
    ).toHaveLength(1);
    const [status, response] = matches[0]!;
    const responseBody = response.content?.["application/json"]?.examples?.[name]?.value;
    return { api, operationId, name, params, body: requestExamples[name]?.value, status: Number(status), responseBody };
  });
}

const pairs = [
  ...pairsOf("customer-profiles", "DeleteProfileObject"),
  ...pairsOf("access-profiles", "deleteAccessProfile"),
  ...pairsOf("sailpoint-oauth", "createAccessToken"),
  ...pairsOf("stub-admin", "replaceStubState"),
  ...pairsOf("stub-admin", "addStubFault"),
  ...pairsOf("stub-admin", "setStubLimits"),
];

const adminRoutes: Record<string, [string, string]> = {
  replaceStubState: ["PUT", "/__stub/state"],
  addStubFault: ["POST", "/__stub/faults"],
  setStubLimits: ["PUT", "/__stub/limits"],
};

let stub: TestStub;
let wire: ReturnType<typeof recordingFetch>;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "examples" });
  wire = recordingFetch();
});
afterEach(async () => {
  await stub.close();
});

/** Tracking ids and tokens are fresh per request; the example's are only samples of the format. */
function comparable(body: unknown): unknown {
  if (body && typeof body === "object" && "trackingId" in body)
    return { ...body, trackingId: expect.stringMatching(/^[0-9a-f]{32}$/) };
  if (body && typeof body === "object" && "access_token" in body)
    return { ...body, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) };
  return body;
}

describe("named example pairs", () => {
  test("every operation has at least one pair", () => {
    expect(new Set(pairs.map((p) => p.operationId))).toEqual(
      new Set([
        "DeleteProfileObject",
        "deleteAccessProfile",
        "createAccessToken",
        "replaceStubState",
        "addStubFault",
        "setStubLimits",
      ]),
    );
  });

  for (const pair of pairs) {
    test(`${pair.operationId} example "${pair.name}" answers ${pair.status} with its paired example`, async () => {
      if (pair.api === "customer-profiles") {
        const client = createCustomerProfilesClient({
          baseUrl: stub.baseUrl,
          region: "us-east-1",
          credentials: demoCredentials,
          fetch: wire.fetch,
        });
        await client.deleteProfileObject({ DomainName: pair.params.DomainName as string, ...(pair.body as any) });
      } else if (pair.api === "stub-admin") {
        const [method, path] = adminRoutes[pair.operationId]!;
        await wire.fetch(`${stub.baseUrl}${path}`, {
          method,
          body: JSON.stringify(pair.body),
          headers: { "content-type": "application/json" },
        });
      } else if (pair.api === "sailpoint-oauth") {
        const form = pair.body as Record<string, string>;
        await createSailPointOAuthClient({ baseUrl: stub.baseUrl, fetch: wire.fetch }).raw.POST("/oauth/token", {
          body: form as never,
          bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      } else {
        const client = createAccessProfilesClient({
          baseUrl: `${stub.baseUrl}/v3`,
          accessToken: await token(),
          fetch: wire.fetch,
        });
        await client.deleteAccessProfile(pair.params.id as string);
      }
      const [response] = wire.responses;
      expect(response!.status).toBe(pair.status);
      expect(response!.body === "" ? undefined : JSON.parse(response!.body)).toEqual(comparable(pair.responseBody));
      expect(oracle.check(pair.api, pair.operationId, response!)).toEqual([]);
    });
  }
});
