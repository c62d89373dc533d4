// `Prefer: code=<status>` returns each documented response with a body that validates, leaves
// state alone, and refuses an undocumented code in the API's own error shape.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  apiNames,
  ContractOracle,
  documentedMatrix,
  recordingFetch,
  type ApiName,
  type ObservedResponse,
} from "./support/oracle.ts";
import { demoCredentials, demoObject, type TestStub, startTestStub } from "./support/stub.ts";
import { createCustomerProfilesClient } from "../client/index.ts";
import { operationsOf, sendOperation } from "./support/operations.ts";

const oracle = await ContractOracle.load();
let stub: TestStub;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterEach(async () => {
  await stub.close();
});

const sample = demoObject;

/** Sends the operation's first request example with a Prefer header; returns the response as sent. */
async function send(api: ApiName, prefer: string, operationId: string): Promise<ObservedResponse> {
  const wire = recordingFetch();
  const op = operationsOf(oracle, [api]).find((o) => o.operationId === operationId)!;
  await sendOperation(oracle, stub.baseUrl, op, { headers: { Prefer: prefer }, fetch: wire.fetch });
  expect(wire.responses).toHaveLength(1);
  return wire.responses[0]!;
}

const json = (response: ObservedResponse) => JSON.parse(response.body);

describe("Prefer: code=<status>", () => {
  for (const row of apiNames.flatMap(documentedMatrix)) {
    test(`${row.operationId} returns its documented ${row.status} and changes nothing`, async () => {
      const before = stub.store.snapshot();
      const response = await send(row.api, `code=${row.status}`, row.operationId);
      expect(response.status).toBe(row.status);
      expect(oracle.check(row.api, row.operationId, response)).toEqual([]);
      expect(stub.store.snapshot()).toEqual(before);
    });
  }

  test("picks a named example with example=<name>", async () => {
    const response = await send("customer-profiles", "code=404, example=DomainNotFound", "DeleteProfileObject");
    expect(response.status).toBe(404);
    expect(json(response)).toEqual({ Message: "Domain NoSuchDomain not found." });
  });

  test("fills a fresh trackingId into SailPoint examples", async () => {
    const response = await send("access-profiles", "code=500", "deleteAccessProfile");
    const body = json(response);
    expect(body.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.trackingId).not.toBe("b21b1f7ce4da4d639f2c62a57171b427");
  });

  test("refuses an undocumented code with AWS's 400 BadRequestException", async () => {
    const response = await send("customer-profiles", "code=418", "DeleteProfileObject");
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    expect(json(response).Message).toMatch(
      /code=418 is not a documented response of DeleteProfileObject; documented: 200, 400, 403, 404, 429, 500/,
    );
  });

  test("refuses an undocumented code with SailPoint's 400.1 ErrorResponseDto", async () => {
    const response = await send("access-profiles", "code=302", "deleteAccessProfile");
    expect(response.status).toBe(400);
    const body = json(response);
    expect(body.detailCode).toBe("400.1 Bad Request Content");
    expect(body.causes.map((c: { text: string }) => c.text).join(" ")).toMatch(
      /code=302 is not a documented response of deleteAccessProfile/,
    );
  });

  test("refuses an example name the response does not have", async () => {
    const response = await send("customer-profiles", "code=404, example=Nope", "DeleteProfileObject");
    expect(response.status).toBe(400);
    expect(json(response).Message).toMatch(/example=Nope is not an example of the 404 response/);
  });

  test("is ignored when the request is not otherwise valid", async () => {
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
    });
    const { error } = await client.deleteProfileObject(
      { ...sample, ProfileId: "nope" },
      { headers: { Prefer: "code=200" } },
    );
    expect(error?.name).toBe("BadRequestException");
  });
});

describe("Prefer: clock-offset=<seconds> (Customer Profiles)", () => {
  const client = () =>
    createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
      retry: false,
    });

  test("refuses a request signed now, 20 minutes from the stub's clock, and dates the answer by that clock", async () => {
    const { error, response } = await client().deleteProfileObject(sample, {
      headers: { Prefer: "clock-offset=1200" },
    });
    expect(response.status).toBe(403);
    expect(error?.message).toMatch(/Signature expired/);
    const date = Date.parse(response.headers.get("date")!);
    expect(Math.abs(date - (Date.now() + 1_200_000))).toBeLessThan(30_000);
  });

  test("refuses it too when the stub's clock is 20 minutes behind, and dates the answer by that clock", async () => {
    const { error, response } = await client().deleteProfileObject(sample, {
      headers: { Prefer: "clock-offset=-1200" },
    });
    expect(response.status).toBe(403);
    expect(error?.message).toMatch(/Signature expired/);
    const behind = Date.parse(response.headers.get("date")!);
    expect(Math.abs(behind - (Date.now() - 1_200_000))).toBeLessThan(30_000);
  });

  test("dates the answer by the real clock without it", async () => {
    const { response } = await client().deleteProfileObject(sample);
    expect(response.status).toBe(200);
    expect(Math.abs(Date.parse(response.headers.get("date")!) - Date.now())).toBeLessThan(30_000);
  });

  test.each(["1200.5", "86401", "-86401", "soon"])(
    "refuses clock-offset=%s with 400 BadRequestException",
    async (value) => {
      const { error, response } = await client().deleteProfileObject(sample, {
        headers: { Prefer: `clock-offset=${value}` },
      });
      expect(response.status).toBe(400);
      expect(error?.name).toBe("BadRequestException");
      expect(error?.message).toMatch(/clock-offset/);
    },
  );
});
