// The generated clients against the real app, for every operation × every documented status. The
// list of tests comes from the bundled specs, so a status added to a spec fails here until it has
// a scenario; every response is checked by the independent oracle.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createAccessProfilesClient,
  createAccessProfilesV1Client,
  createCustomerProfilesClient,
  createSailPointOAuthClient,
  createStubAdminClient,
} from "../client/index.ts";
import { adminCalls, invalidAdminCalls, preferring, withHeader } from "./support/admin-calls.ts";
import { authenticated } from "./support/operations.ts";
import { apiNames, ContractOracle, documentedMatrix, recordingFetch } from "./support/oracle.ts";
import type { ContractContext, Scenario, Scenarios } from "./support/contract.ts";
import { demoCredentials, type TestStub, startTestStub } from "./support/stub.ts";

const oracle = await ContractOracle.load();
let stub: TestStub;
let wire: ReturnType<typeof recordingFetch>;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
  wire = recordingFetch();
});
afterEach(async () => {
  await stub.close();
});

const context: ContractContext = {
  get stub() {
    return stub;
  },
  awsClient: (secretAccessKey = demoCredentials.secretAccessKey) =>
    createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: { ...demoCredentials, secretAccessKey },
      fetch: wire.fetch,
      retry: false,
    }),
  oauthClient: () => createSailPointOAuthClient({ baseUrl: stub.baseUrl, fetch: wire.fetch }),
  sailpointClient: (accessToken: string) =>
    createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken, fetch: wire.fetch, retry: false }),
  sailpointV1Client: (accessToken: string) =>
    createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken, fetch: wire.fetch, retry: false }),
};

// Each operation's own scenarios, from test/operations/<operationId>.contract.ts, by "<operationId> <status>".
const scenarios: Record<string, Scenario> = {};
const scenarioDir = fileURLToPath(new URL("./operations/", import.meta.url));
for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith(".contract.ts"))) {
  const operationId = file.slice(0, -".contract.ts".length);
  const own: Scenarios = (await import(`./operations/${file}`)).scenarios;
  for (const [status, scenario] of Object.entries(own)) scenarios[`${operationId} ${status}`] = scenario;
}

const matrix = apiNames.flatMap(documentedMatrix);

test("every scenario names an operation and a status the specs document", () => {
  const documented = new Set(matrix.map((row) => `${row.operationId} ${row.status}`));
  expect(Object.keys(scenarios).filter((key) => !documented.has(key))).toEqual([]);
});

// Admin operations share their error scenarios: a stub that requires a token (401), a web page of
// another site (403), an invalid call (400), and Prefer: code=500 (500).
for (const row of documentedMatrix("stub-admin")) {
  const call = adminCalls[row.operationId]!;
  const admin = (fetcher: typeof fetch = wire.fetch, baseUrl = stub.baseUrl) =>
    createStubAdminClient({ baseUrl, fetch: fetcher });
  const key = `${row.operationId} ${row.status}`;
  if (row.status < 300)
    scenarios[key] = {
      when: "called on loopback without a token",
      run: async () => expect((await call(admin())).response.ok).toBe(true),
    };
  else if (row.status === 400 && invalidAdminCalls[row.operationId])
    scenarios[key] = {
      when: "the body breaks its schema or its references",
      run: async () =>
        expect((await invalidAdminCalls[row.operationId]!(admin())).error?.details.length).toBeGreaterThan(0),
    };
  else if (row.status === 400)
    scenarios[key] = {
      when: "Prefer asks for a response the operation does not document",
      run: async () => expect((await call(admin(preferring("code=418", wire.fetch)))).response.status).toBe(400),
    };
  else if (row.status === 401)
    scenarios[key] = {
      when: "the stub requires an admin token and none is sent",
      async run() {
        const guarded = await startTestStub({ exerciser: "client", adminToken: "s3cret" });
        try {
          await call(admin(wire.fetch, guarded.baseUrl));
        } finally {
          await guarded.close();
        }
      },
    };
  else if (row.status === 403)
    scenarios[key] = {
      when: "a web page of another site sends it (Origin: http://evil.example)",
      run: () => call(admin(withHeader("origin", "http://evil.example", wire.fetch))),
    };
  else if (row.status === 500)
    scenarios[key] = {
      when: "Prefer: code=500 asks for a fault",
      run: () => call(admin(preferring("code=500", wire.fetch))),
    };
}

// A documented 405 is the answer to a method the path does not take: the first of these it lacks.
for (const row of matrix.filter((r) => r.status === 405)) {
  const spec = oracle.spec(row.api);
  const taken = Object.keys(spec.paths[row.path]).map((m) => m.toUpperCase());
  const method = ["PATCH", "PUT", "DELETE", "POST", "GET"].find((m) => !taken.includes(m))!;
  const base = new URL(String(spec.servers?.[0]?.url ?? "/").replace(/\{[^}]+\}/g, "x"), "http://x").pathname;
  // With the API's valid credentials: an API that checks them first refuses a request without them.
  const op = { api: row.api, operationId: row.operationId, method, path: row.path, spec: {} };
  scenarios[`${row.operationId} 405`] = {
    when: `the path is sent ${method}, a method it does not take`,
    run: async () =>
      wire.fetch(
        await authenticated(op, new Request(`${stub.baseUrl}${base.replace(/\/$/, "")}${row.path}`, { method })),
      ),
  };
}

const operations = [...new Set(matrix.map((row) => `${row.method} ${row.path}`))];

for (const operation of operations) {
  describe(operation, () => {
    for (const row of matrix.filter((r) => `${r.method} ${r.path}` === operation)) {
      const scenario = scenarios[`${row.operationId} ${row.status}`];
      test(`returns ${row.status} when ${scenario?.when ?? "(no scenario written yet)"}`, async () => {
        expect(scenario, `documented status ${row.status} of ${row.operationId} has no contract test`).toBeDefined();
        await scenario!.run(context);
        expect(wire.responses).toHaveLength(1);
        const [response] = wire.responses;
        expect(response!.status).toBe(row.status);
        expect(oracle.check(row.api, row.operationId, response!)).toEqual([]);
        expect(stub.errors).toEqual([]);
      });
    }
  });
}

test("every contract scenario belongs to a documented status", () => {
  const documented = new Set(matrix.map((row) => `${row.operationId} ${row.status}`));
  expect(Object.keys(scenarios).filter((key) => !documented.has(key))).toEqual([]);
});
