// Every named request example, sent to a fresh stub with valid credentials, produces the response
// example of the same name (Microcks' convention; `x-microcks-refs` names them for bodiless
// responses). The operations and their examples come from the specs; each is sent as
// test/support/operations.ts reads it from its spec.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { operationsOf, requestExampleNames, sendOperation, type Operation } from "./support/operations.ts";
import { ContractOracle, recordingFetch } from "./support/oracle.ts";
import { startTestStub, type TestStub } from "./support/stub.ts";

const oracle = await ContractOracle.load();

interface Pair {
  op: Operation;
  name: string;
  status: number;
  responseBody: unknown;
}

function pairsOf(op: Operation): Pair[] {
  return requestExampleNames(op).map((name) => {
    const matches = Object.entries<any>(op.spec.responses).filter(
      ([, r]) =>
        (r["x-microcks-refs"] ?? []).includes(name) ||
        Object.values<any>(r.content ?? {}).some((m) => name in (m.examples ?? {})),
    );
    expect(
      matches.map(([status]) => status),
      `request example ${name} of ${op.operationId} must pair with exactly one response`,
    ).toHaveLength(1);
    const [status, response] = matches[0]!;
    const responseBody = response.content?.["application/json"]?.examples?.[name]?.value;
    return { op, name, status: Number(status), responseBody };
  });
}

const operations = operationsOf(oracle);
const pairs = operations.flatMap(pairsOf);

let stub: TestStub;
let wire: ReturnType<typeof recordingFetch>;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "examples" });
  wire = recordingFetch();
});
afterEach(async () => {
  await stub.close();
});

/**
 * Tracking ids and tokens are fresh per request; the example's are only samples of the format. So
 * are the read-only properties of what a request with a body makes (a create's ID and dates): the
 * server sets them, and the example can only show their type.
 */
const madeType: Record<string, unknown> = { string: String, number: Number };

function comparable(body: unknown, pair: Pair): unknown {
  const schema = pair.op.spec.responses[pair.status]?.content?.["application/json"]?.schema;
  if (pair.op.spec.requestBody && body && typeof body === "object" && schema?.properties) {
    const made = Object.keys(body).filter((k) => schema.properties[k]?.readOnly);
    if (made.length > 0)
      return {
        ...body,
        ...Object.fromEntries(made.map((k) => [k, expect.any(madeType[typeof (body as any)[k]] ?? Object)])),
      };
  }
  if (body && typeof body === "object" && "trackingId" in body)
    return { ...body, trackingId: expect.stringMatching(/^[0-9a-f]{32}$/) };
  if (body && typeof body === "object" && "access_token" in body)
    return { ...body, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) };
  return body;
}

describe("named example pairs", () => {
  test("every operation that takes input (a path parameter or a body) has at least one named request example", () => {
    const takesInput = operations.filter(
      (op) => (op.spec.parameters ?? []).some((p: { in: string }) => p.in === "path") || op.spec.requestBody,
    );
    expect(takesInput.filter((op) => !pairs.some((p) => p.op === op)).map((op) => op.operationId)).toEqual([]);
  });

  for (const pair of pairs) {
    test(`${pair.op.operationId} example "${pair.name}" answers ${pair.status} with its paired example`, async () => {
      await sendOperation(oracle, stub.baseUrl, pair.op, { example: pair.name, fetch: wire.fetch });
      const [response] = wire.responses;
      expect(response!.status).toBe(pair.status);
      expect(response!.body === "" ? undefined : JSON.parse(response!.body)).toEqual(
        comparable(pair.responseBody, pair),
      );
      expect(oracle.check(pair.op.api, pair.op.operationId, response!)).toEqual([]);
    });
  }
});
