// The admin API: reset, state, faults, rate limits and its token.
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import {
  createAccessProfilesClient,
  createAccessProfilesV1Client,
  createCustomerProfilesClient,
  createStubAdminClient,
} from "../client/index.ts";
import { adminTokenFor, isLoopback } from "../server/config.ts";
import { ContractOracle, recordingFetch } from "./support/oracle.ts";
import {
  demoCredentials,
  demoData,
  demoObject,
  type TestStub,
  startTestStub,
  unusedAccessProfile,
} from "./support/stub.ts";
import { token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();
let stub: TestStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const sample = demoObject;
const unused = unusedAccessProfile;

async function clients(options: Parameters<typeof startTestStub>[0] = {}) {
  const running = await startTestStub({ exerciser: "client", ...options });
  stub = running;
  const wire = recordingFetch();
  return {
    stub: running,
    wire,
    admin: createStubAdminClient({ baseUrl: running.baseUrl }),
    aws: createCustomerProfilesClient({
      baseUrl: running.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
      fetch: wire.fetch,
      retry: false,
    }),
    sailpoint: async (clientId = "org-admin") =>
      createAccessProfilesClient({
        baseUrl: `${running.baseUrl}/v3`,
        accessToken: await token({ clientId }),
        fetch: wire.fetch,
        retry: false,
      }),
  };
}

describe("state", () => {
  test("GET /__stub/state on a fresh stub is the demo data, and the spec's Demo example matches it", async () => {
    const { admin } = await clients();
    const { data } = await admin.getState();
    expect(data).toEqual(demoData());
    const example = oracle.operation("stub-admin", "getStubState").responses["200"].content["application/json"].examples
      .Demo.value;
    expect(data).toEqual(example);
  });

  test("POST /__stub/reset undoes deletes and drops faults", async () => {
    const { admin, aws } = await clients();
    await aws.deleteProfileObject(sample);
    await admin.addFault({ count: 5, status: 500 });
    expect((await admin.reset()).response.status).toBe(204);
    expect((await admin.listFaults()).data).toEqual([]);
    expect((await aws.deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
  });

  test("PUT /__stub/state replaces everything; the stub then serves the new state", async () => {
    const { admin, aws } = await clients();
    const data = demoData();
    data.customerProfiles.domains.push("NewDomain");
    data.customerProfiles.objectTypes = [
      { domainName: "NewDomain", objectTypeName: "Note", definition: { Description: "Notes" } },
    ];
    data.customerProfiles.profiles = [{ domainName: "NewDomain", profileId: "0123456789abcdef0123456789abcdef" }];
    data.customerProfiles.profileObjects = [
      {
        domainName: "NewDomain",
        profileId: "0123456789abcdef0123456789abcdef",
        objectTypeName: "Note",
        uniqueKey: "n-1",
      },
    ];
    expect((await admin.replaceState(data)).response.status).toBe(204);
    expect((await aws.deleteProfileObject(sample)).error?.name).toBe("ResourceNotFoundException");
    expect(
      (
        await aws.deleteProfileObject({
          DomainName: "NewDomain",
          ProfileId: "0123456789abcdef0123456789abcdef",
          ObjectTypeName: "Note",
          ProfileObjectUniqueKey: "n-1",
        })
      ).data,
    ).toEqual({ Message: "OK" });
  });

  test("PUT /__stub/state refuses state with dangling references, lists why, and changes nothing", async () => {
    const { admin } = await clients();
    const data = demoData();
    data.accessProfiles.roles[0]!.accessProfileIds.push("ghost");
    data.accessProfiles.oauthClients[3]!.sourceIds = ["nowhere"];
    const { error } = await admin.replaceState(data);
    expect(error?.status).toBe(400);
    expect(error?.details).toEqual([
      "OAuth client source-subadmin administers unknown source nowhere",
      "role 2c9180835d191a86015d28455b4a2330 uses unknown access profile ghost",
    ]);
    expect((await admin.getState()).data).toEqual(demoData());
  });

  test("PUT /__stub/state refuses a body that breaks the schema", async () => {
    const { admin } = await clients();
    const { error } = await admin.replaceState({
      customerProfiles: { credentials: [], domains: ["bad domain"], profileObjects: [] },
    } as never);
    expect(error?.status).toBe(400);
    expect(error?.details.join(" ")).toMatch(/accessProfiles/);
  });
});

describe("faults", () => {
  test("answer the next N matching requests with a documented status, then stop", async () => {
    const { admin, sailpoint, wire } = await clients();
    const armed = await admin.addFault({
      api: "access-profiles",
      operationId: "deleteAccessProfile",
      count: 2,
      status: 500,
    });
    expect(armed.data).toMatchObject({ id: 1, count: 2, remaining: 2, status: 500 });
    const client = await sailpoint();
    expect((await client.deleteAccessProfile(unused)).error?.detailCode).toBe("500.0 Internal Fault");
    expect((await admin.listFaults()).data).toMatchObject([{ id: 1, remaining: 1 }]);
    expect((await client.deleteAccessProfile(unused)).error?.detailCode).toBe("500.0 Internal Fault");
    expect((await client.deleteAccessProfile(unused)).response.status).toBe(204);
    for (const response of wire.responses)
      expect(oracle.check("access-profiles", "deleteAccessProfile", response)).toEqual([]);
  });

  test("are used up only by requests that pass authentication and validation, as the spec and docs say", async () => {
    const { admin, sailpoint } = await clients();
    await admin.addFault({ api: "access-profiles", count: 1, status: 500 });
    // No token: refused as the service refuses it, and the fault stays armed.
    const unauthenticated = await fetch(`${stub!.baseUrl}/v3/access-profiles/${unused}`, { method: "DELETE" });
    expect(unauthenticated.status).toBe(401);
    expect((await admin.listFaults()).data).toMatchObject([{ id: 1, remaining: 1 }]);
    const client = await sailpoint();
    expect((await client.deleteAccessProfile(unused)).error?.detailCode).toBe("500.0 Internal Fault");
    expect((await admin.listFaults()).data).toEqual([]);
  });

  test("match only their API and operation", async () => {
    const { admin, aws, sailpoint } = await clients();
    await admin.addFault({ api: "customer-profiles", status: 429 });
    expect((await (await sailpoint()).deleteAccessProfile(unused)).response.status).toBe(204);
    const throttled = await aws.deleteProfileObject(sample);
    expect(throttled.error?.name).toBe("ThrottlingException");
    expect(throttled.error?.retryAfterSeconds).toBe(1);
  });

  test("drop the connection without an answer", async () => {
    const { admin, aws } = await clients();
    await admin.addFault({ api: "customer-profiles", drop: true });
    await expect(aws.deleteProfileObject(sample)).rejects.toThrow();
    expect((await aws.deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
  });

  test("add latency before the answer", async () => {
    const { admin, aws } = await clients();
    await admin.addFault({ api: "customer-profiles", latencyMs: 300 });
    const started = performance.now();
    expect((await aws.deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("are armed whenever their schema allows, and affect only the operations they match and that document their status", async () => {
    const { admin, sailpoint } = await clients();
    // No operation documents 200 for a delete of an access profile: armed, it can affect nothing.
    const none = await admin.addFault({ operationId: "deleteAccessProfile", status: 200 });
    expect(none.response.status).toBe(201);
    expect(none.data?.matches).toEqual([]);
    expect(
      (await admin.addFault({ api: "customer-profiles", operationId: "deleteAccessProfile" })).data?.matches,
    ).toEqual([]);
    // 500 is documented by every service operation but the health of nothing else: it matches them all.
    const everywhere = await admin.addFault({ status: 500 });
    expect(everywhere.data?.matches).toEqual(expect.arrayContaining(["DeleteProfileObject", "deleteAccessProfile"]));
    // The first two never fire: the delete is served the third's 500.
    expect((await (await sailpoint()).deleteAccessProfile(unused)).error?.detailCode).toBe("500.0 Internal Fault");
    expect((await admin.listFaults()).data?.map((f) => f.id)).toEqual([none.data!.id, none.data!.id + 1]);
    expect((await admin.addFault({ count: 0 } as never)).error?.status).toBe(400);
  });

  test.each([
    ["GET", "/__stub/reset", "POST"],
    ["TRACE", "/__stub/health", "GET, HEAD"],
    ["PATCH", "/__stub/faults", "DELETE, GET, HEAD, POST"],
    ["POST", "/__stub/requests.har", "GET, HEAD"],
  ])("%s %s, a method the path does not take, is 405 with Allow: %s", async (method, path, allow) => {
    await clients();
    // fetch refuses TRACE: node:http sends any method.
    const url = new URL(`${stub!.baseUrl}${path}`);
    const response = await new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
      httpRequest({ host: url.hostname, port: url.port, path, method }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, allow: res.headers.allow, body }));
      })
        .on("error", reject)
        .end();
    });
    expect(response.status).toBe(405);
    expect(response.allow).toBe(allow);
    expect(JSON.parse(response.body)).toEqual({ message: `${path} takes ${allow}, not ${method}.`, details: [] });
  });

  test("per request: Prefer fault=drop and latency=<ms>", async () => {
    const { aws } = await clients();
    await expect(aws.deleteProfileObject(sample, { headers: { Prefer: "fault=drop" } })).rejects.toThrow();
    const started = performance.now();
    expect((await aws.deleteProfileObject(sample, { headers: { Prefer: "latency=200" } })).data).toEqual({
      Message: "OK",
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect((await aws.deleteProfileObject(sample, { headers: { Prefer: "latency=soon" } })).error?.message).toMatch(
      /latency=soon must be a whole number/,
    );
  });
});

describe("rate limits", () => {
  test("are off by default", async () => {
    const { admin } = await clients();
    expect((await admin.getLimits()).data).toEqual({ customerProfiles: null, accessProfiles: null });
  });

  test("answer SailPoint's 429 with Retry-After once a client's bucket is empty, per client", async () => {
    const { admin, sailpoint, wire, stub } = await clients();
    expect((await admin.setLimits({ accessProfiles: { requestsPerSecond: 0.001, burst: 2 } })).data).toEqual({
      customerProfiles: null,
      accessProfiles: { requestsPerSecond: 0.001, burst: 2 },
    });
    const orgAdmin = await sailpoint("org-admin");
    await orgAdmin.deleteAccessProfile("no-such-1");
    await orgAdmin.deleteAccessProfile("no-such-2");
    const limited = await orgAdmin.deleteAccessProfile(unused);
    expect(limited.error).toMatchObject({ name: "TooManyRequests", body: { message: " Rate Limit Exceeded " } });
    expect(limited.error!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(oracle.check("access-profiles", "deleteAccessProfile", wire.responses.at(-1)!)).toEqual([]);
    expect(stub.store.accessProfiles.find(unused)).toBeDefined();
    expect((await (await sailpoint("api")).deleteAccessProfile(unused)).response.status).toBe(204);
    // Per client and API version: the same client, refused on v3, gets through on v1.
    const v1 = createAccessProfilesV1Client({
      baseUrl: stub.baseUrl,
      accessToken: await token({ clientId: "org-admin" }),
      retry: false,
    });
    expect((await v1.deleteAccessProfileV1("2c9180835d191a86015d28455b4a2403")).response.status).toBe(204);
  });

  test("answer AWS's ThrottlingException per access key", async () => {
    const { admin, aws, wire } = await clients();
    await admin.setLimits({ customerProfiles: { requestsPerSecond: 0.001, burst: 1 } });
    await aws.deleteProfileObject({ ...sample, ProfileObjectUniqueKey: "other" });
    const { error } = await aws.deleteProfileObject(sample);
    expect(error).toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
    expect(oracle.check("customer-profiles", "DeleteProfileObject", wire.responses.at(-1)!)).toEqual([]);
  });

  test("refill on reset, and can be turned off again", async () => {
    const { admin, aws } = await clients({ rateLimits: { customerProfiles: { requestsPerSecond: 0.001, burst: 1 } } });
    await aws.deleteProfileObject({ ...sample, ProfileObjectUniqueKey: "other" });
    expect((await aws.deleteProfileObject(sample)).error?.name).toBe("ThrottlingException");
    await admin.reset();
    expect((await aws.deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
    await admin.setLimits({ customerProfiles: null });
    expect((await aws.deleteProfileObject(sample)).error?.name).toBe("ResourceNotFoundException");
  });

  test("are refused when not positive", async () => {
    const { admin } = await clients();
    expect((await admin.setLimits({ accessProfiles: { requestsPerSecond: 1, burst: 0 } })).error?.status).toBe(400);
  });
});

describe("admin token", () => {
  test("is required when set: no token and a wrong one get 401, the right one works", async () => {
    stub = await startTestStub({ exerciser: "client", adminToken: "s3cret" });
    const { baseUrl } = stub;
    expect((await createStubAdminClient({ baseUrl }).reset()).error?.status).toBe(401);
    expect((await createStubAdminClient({ baseUrl, adminToken: "guess" }).reset()).error?.status).toBe(401);
    expect((await createStubAdminClient({ baseUrl, adminToken: "s3cret" }).reset()).response.status).toBe(204);
  });

  test("is made up when the stub listens beyond loopback without one, and not needed on loopback", () => {
    expect(isLoopback("127.0.0.1") && isLoopback("localhost") && isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0") || isLoopback("192.168.1.5") || isLoopback("::")).toBe(false);
    expect(adminTokenFor({ host: "127.0.0.1" })).toBeUndefined();
    expect(adminTokenFor({ host: "0.0.0.0" })).toMatch(/^[\w-]{24}$/);
    expect(adminTokenFor({ host: "0.0.0.0", adminToken: "mine" })).toBe("mine");
  });

  test("an unknown admin path is 404, in the admin error shape", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const unknown = await fetch(`${stub.baseUrl}/__stub/nothing`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "No admin operation matches POST /__stub/nothing.", details: [] });
  });
});

describe("web pages cannot reach the admin API", () => {
  /** A request as a browser would send it, Host included (fetch does not let a Host header through). */
  function raw(
    path: string,
    options: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: string }> {
    const url = new URL(`${stub!.baseUrl}${path}`);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: url.hostname, port: url.port, path, method: options.method ?? "GET", headers: options.headers },
        (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  test("a DNS-rebinding page (Host: evil.example) cannot read the state and its credentials", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const { status, body } = await raw("/__stub/state", { headers: { host: "evil.example:4010" } });
    expect(status).toBe(403);
    expect(JSON.parse(body)).toEqual({
      message: "The admin API answers only requests addressed to the stub (Host: evil.example:4010).",
      details: [],
    });
    expect(body).not.toContain(demoCredentials.secretAccessKey);
  });

  test.each([
    ["Origin of another site", { origin: "http://evil.example" }],
    ["an opaque origin", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ])("a cross-site reset (%s) is refused and changes nothing", async (_what, headers) => {
    stub = await startTestStub({ exerciser: "client" });
    await createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token() }).deleteAccessProfile(
      unusedAccessProfile,
    );
    const { status } = await raw("/__stub/reset", { method: "POST", headers });
    expect(status).toBe(403);
    expect(stub.store.accessProfiles.snapshot().accessProfiles.some((p) => p.id === unusedAccessProfile)).toBe(false);
  });

  test.each([
    ["no Origin, as curl and the SDKs send", {}],
    ["a page on the same machine", { origin: "http://localhost:3000", "sec-fetch-site": "same-site" }],
    ["Host: localhost", { host: "localhost:4010" }],
    ["Host: [::1]", { host: "[::1]:4010" }],
    ["a name under .localhost", { host: "stub.localhost:4010" }],
  ])("tools and pages on the stub's machine are answered (%s)", async (_what, headers) => {
    stub = await startTestStub({ exerciser: "client" });
    expect((await raw("/__stub/reset", { method: "POST", headers })).status).toBe(204);
  });

  test("a stub on a named host answers that name, and still no other", async () => {
    stub = await startTestStub({ exerciser: "client", host: "stub.internal" });
    expect((await raw("/__stub/limits", { headers: { host: "stub.internal:4010" } })).status).toBe(200);
    expect((await raw("/__stub/limits", { headers: { host: "evil.example" } })).status).toBe(403);
  });

  test("a stub on every address leaves the guarding to the admin token", async () => {
    stub = await startTestStub({ exerciser: "client", host: "0.0.0.0", adminToken: "s3cret" });
    const headers = { host: "stub-in-a-container:4010", authorization: "Bearer s3cret" };
    expect((await raw("/__stub/limits", { headers })).status).toBe(200);
    expect((await raw("/__stub/limits", { headers: { host: "stub-in-a-container:4010" } })).status).toBe(401);
  });
});
