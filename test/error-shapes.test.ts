// Whatever a client sends, it gets an answer in the API's own documented error shape and status:
// never a stack trace, an HTML page or an undocumented status.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCustomerProfilesClient } from "../client/index.ts";
import { ContractOracle, recordingFetch, type ObservedResponse } from "./support/oracle.ts";
import { demoCredentials, startTestStub, type TestStub } from "./support/stub.ts";
import { methodNotOnPath } from "./support/operations.ts";
import { token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();
let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub({ bodyLimitBytes: 4096 });
});
afterAll(async () => {
  await stub.close();
});

const validBody = {
  ProfileId: "0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b",
  ObjectTypeName: "Order",
  ProfileObjectUniqueKey: "order-1001",
};

/** Sends a signed request with an arbitrary method, path, body and content type. */
async function signedAws(init: {
  method?: string;
  path?: string;
  body?: string;
  contentType?: string;
}): Promise<ObservedResponse> {
  const wire = recordingFetch();
  const client = createCustomerProfilesClient({
    baseUrl: stub.baseUrl,
    region: "us-east-1",
    credentials: demoCredentials,
    fetch: wire.fetch,
  });
  const path = init.path ?? "/domains/DemoDomain/profiles/objects/delete";
  await client.raw.request(
    (init.method ?? "POST").toLowerCase() as "post",
    path as "/domains/{DomainName}/profiles/objects/delete",
    {
      params: { path: { DomainName: "DemoDomain" } },
      body: init.body as never,
      bodySerializer: (b: unknown) => b as string,
      headers: init.contentType ? { "content-type": init.contentType } : {},
    },
  );
  return wire.responses[0]!;
}

async function plain(path: string, init: RequestInit = {}): Promise<ObservedResponse> {
  const response = await fetch(`${stub.baseUrl}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function expectAwsError(response: ObservedResponse, status: number, name: string, message?: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers.get("x-amzn-errortype")).toBe(name);
  expect(oracle.check("customer-profiles", "DeleteProfileObject", response)).toEqual([]);
  if (message) expect(JSON.parse(response.body).Message).toMatch(message);
}

function expectDto(response: ObservedResponse, status: number, detailCode: string): void {
  expect(response.status).toBe(status);
  expect(oracle.check("access-profiles", "deleteAccessProfile", response)).toEqual([]);
  const body = JSON.parse(response.body);
  expect(body.detailCode).toBe(detailCode);
  expect(body.trackingId).toMatch(/^[0-9a-f]{32}$/);
}

describe("POST /domains/{DomainName}/profiles/objects/delete with bad input", () => {
  test("returns 400 BadRequestException for malformed JSON", async () => {
    expectAwsError(
      await signedAws({ body: '{"ProfileId": ', contentType: "application/json" }),
      400,
      "BadRequestException",
      /not valid JSON/,
    );
  });

  test("returns 400 BadRequestException for a body that is not JSON", async () => {
    expectAwsError(
      await signedAws({ body: "ProfileId=abc", contentType: "text/plain" }),
      400,
      "BadRequestException",
      /unsupported media type/,
    );
  });

  test("returns 400 BadRequestException for a body over the limit, before parsing it", async () => {
    const huge = JSON.stringify({ ...validBody, ProfileObjectUniqueKey: "k".repeat(10_000) });
    expectAwsError(
      await signedAws({ body: huge, contentType: "application/json" }),
      400,
      "BadRequestException",
      /larger than the stub accepts/,
    );
  });

  test("returns 400 BadRequestException for a missing member, naming it", async () => {
    const { ProfileId: _, ...rest } = validBody;
    expectAwsError(
      await signedAws({ body: JSON.stringify(rest), contentType: "application/json" }),
      400,
      "BadRequestException",
      /ProfileId/,
    );
  });

  test("returns 400 BadRequestException for a member the operation does not take", async () => {
    const body = JSON.stringify({ ...validBody, Extra: 1 });
    expectAwsError(await signedAws({ body, contentType: "application/json" }), 400, "BadRequestException", /Extra/);
  });

  test("returns 400 BadRequestException for a member of the wrong type, and for one too long", async () => {
    expectAwsError(
      await signedAws({ body: JSON.stringify({ ...validBody, ObjectTypeName: 7 }), contentType: "application/json" }),
      400,
      "BadRequestException",
      /ObjectTypeName/,
    );
    expectAwsError(
      await signedAws({
        body: JSON.stringify({ ...validBody, ProfileObjectUniqueKey: "k".repeat(256) }),
        contentType: "application/json",
      }),
      400,
      "BadRequestException",
      /ProfileObjectUniqueKey/,
    );
  });

  test("returns 400 BadRequestException for no body at all", async () => {
    expectAwsError(
      await signedAws({}),
      400,
      "BadRequestException",
      /no body, or no Content-Type; this operation takes an application\/json body/,
    );
  });

  test("returns 400 BadRequestException for a DomainName over 64 characters", async () => {
    expectAwsError(
      await signedAws({
        path: `/domains/${"d".repeat(65)}/profiles/objects/delete`,
        body: JSON.stringify(validBody),
        contentType: "application/json",
      }),
      400,
      "BadRequestException",
      /DomainName/,
    );
  });

  test("leaves the state unchanged by every rejected request", async () => {
    expect(stub.store.customerProfiles.snapshot().profileObjects.some((o) => o.uniqueKey === "order-1001")).toBe(true);
  });
});

describe("Customer Profiles paths and methods that do not exist", () => {
  /** AWS's common error for a request that names no operation, as the spec's description gives it. */
  function expectUnknownOperation(response: ObservedResponse, message: RegExp): void {
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(response.body);
    expect(Object.keys(body)).toEqual(["Message"]);
    expect(body.Message).toMatch(message);
  }

  test("returns 404 UnknownOperationException for an unknown path, as AWS does", async () => {
    expectUnknownOperation(
      await signedAws({
        path: "/domains/DemoDomain/profiles/objects/purge",
        body: JSON.stringify(validBody),
        contentType: "application/json",
      }),
      /No operation matches POST/,
    );
  });

  test.each(["GET", "PUT", "DELETE", "PATCH"])(
    "returns 404 UnknownOperationException for %s on the operation's path, as AWS does (not 405)",
    async (method) => {
      expectUnknownOperation(await signedAws({ method }), new RegExp(`No operation matches ${method}`));
    },
  );

  test("returns 403 AccessDeniedException for an unsigned request to any path, as AWS does", async () => {
    expectAwsError(await plain("/favicon.ico"), 403, "AccessDeniedException", /Missing Authentication Token/);
  });

  test("returns 403 AccessDeniedException for an Authorization header that is not SigV4", async () => {
    const response = await plain("/domains/DemoDomain/profiles/objects/delete", {
      method: "POST",
      headers: { authorization: "Bearer abc", "content-type": "application/json" },
      body: JSON.stringify(validBody),
    });
    expectAwsError(response, 403, "AccessDeniedException", /AWS4-HMAC-SHA256/);
  });
});

describe("DELETE /access-profiles/{id} with bad input", () => {
  const sailpoint = async (path: string, init: RequestInit & { bearer?: string } = {}) =>
    plain(`/v3${path}`, {
      ...init,
      headers: { ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}), ...(init.headers as object) },
    });

  test("returns 401 with {error} when there is no Authorization header", async () => {
    const response = await sailpoint("/access-profiles/2c91808a7813090a017814121919ecca", { method: "DELETE" });
    expect(response.status).toBe(401);
    expect(oracle.check("access-profiles", "deleteAccessProfile", response)).toEqual([]);
    expect(JSON.parse(response.body).error).toMatch(/no bearer token/);
  });

  test("returns 401 for a bearer value that is not a JWT, and for a Basic header", async () => {
    for (const authorization of ["Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer "]) {
      const response = await plain("/v3/access-profiles/2c91808a7813090a017814121919ecca", {
        method: "DELETE",
        headers: { authorization },
      });
      expect(response.status, authorization).toBe(401);
      expect(oracle.check("access-profiles", "deleteAccessProfile", response)).toEqual([]);
    }
  });

  test("returns 400.1 Bad Request Content for a body over the limit", async () => {
    const response = await sailpoint("/access-profiles/2c91808a7813090a017814121919ecca", {
      method: "DELETE",
      bearer: await token(),
      body: "x".repeat(10_000),
      headers: { "content-type": "application/json" },
    });
    expectDto(response, 400, "400.1 Bad Request Content");
  });

  test("returns 404 ErrorResponseDto for an unknown path, 405 with Allow for a method the path does not have", async () => {
    const bearer = await token();
    expectDto(
      await sailpoint("/access-profiles/2c91808a7813090a017814121919ecca/extra", { method: "DELETE", bearer }),
      404,
      "404 Not found",
    );
    // A method the path does not take, whichever the spec leaves it.
    const method = methodNotOnPath(oracle, { api: "access-profiles", path: "/access-profiles/{id}" });
    const refused = await sailpoint("/access-profiles/2c91808a7813090a017814121919ecca", { method, bearer });
    expectDto(refused, 405, "405 Method Not Allowed");
    expect(refused.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
    expectDto(await sailpoint("/", { method: "PUT", bearer }), 404, "404 Not found");
  });

  test("answers every error as JSON, never HTML", async () => {
    for (const response of [
      await plain("/v3/../etc/passwd"),
      await plain("/%E0%A4%A"),
      await plain("/v3/access-profiles/%E0%A4%A", {
        method: "DELETE",
        headers: { authorization: `Bearer ${await token()}` },
      }),
    ]) {
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.body).not.toMatch(/<html|<pre|at .*\.ts:\d+/i);
    }
  });

  test("keeps the access profile through every rejected request", async () => {
    expect(stub.store.accessProfiles.find("2c91808a7813090a017814121919ecca")).toBeDefined();
  });
});

describe("the stub's own faults", () => {
  test("never reach the client as anything but a documented 500", async () => {
    expect(stub.errors).toEqual([]);
  });
});
