// The request journal: what it records and what it leaves out, who answered, bodies, bounds,
// clearing, filters, its HAR export, and that no secret sent to the stub is ever in it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import {
  clientCredentialsToken,
  createAccessProfilesClient,
  createCustomerProfilesClient,
  createStubAdminClient,
  type JournalEntry,
} from "../client/index.ts";
import { createApp } from "../server/app.ts";
import { startServer } from "../server/serve.ts";
import { StubStore } from "../server/store.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import {
  demoCredentials,
  demoData,
  demoObject,
  type TestStub,
  startTestStub,
  unusedAccessProfile,
} from "./support/stub.ts";
import { validHar } from "./support/har.ts";
import { methodNotOnPath } from "./support/operations.ts";
import { ContractOracle } from "./support/oracle.ts";
import { token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();
const object = demoObject;
const unusedProfile = unusedAccessProfile;
const otherUnusedProfile = "2c9180835d191a86015d28455b4a2403";

let stubs: TestStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  stubs = [];
});

async function journaled(options: Parameters<typeof startTestStub>[0] = {}) {
  const stub = await startTestStub(options);
  stubs.push(stub);
  const admin = createStubAdminClient({ baseUrl: stub.baseUrl });
  const entries = async (filter: Parameters<typeof admin.requests>[0] = {}) => (await admin.requests(filter)).data!;
  const aws = (fetcher: typeof fetch = fetch, credentials = demoCredentials) =>
    createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials,
      fetch: fetcher,
      retry: false,
    });
  const sailpoint = async (clientId = "org-admin", authorities = ["ORG_ADMIN"]) =>
    createAccessProfilesClient({
      baseUrl: `${stub.baseUrl}/v3`,
      accessToken: await token({ clientId, authorities }),
      retry: false,
    });
  return { stub, admin, entries, aws, sailpoint };
}

/** A fetch that notes the requests it sends, to know the secrets they carried. */
function noting() {
  const sent: Request[] = [];
  const fetcher: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    return fetch(request);
  };
  return { sent, fetcher };
}

describe("what the journal records", () => {
  test("every request to the three served APIs, refused or not; none to the admin API, the docs or the specs", async () => {
    const { stub, entries, aws, sailpoint } = await journaled();
    const before = Date.now();
    await fetch(`${stub.baseUrl}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "org-admin",
        client_secret: "stub-secret",
      }),
    });
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    await aws().deleteProfileObject(object);
    await fetch(`${stub.baseUrl}/domains/DemoDomain/profiles/objects/delete`, { method: "POST" });
    await fetch(`${stub.baseUrl}/__stub/state`);
    await fetch(`${stub.baseUrl}/openapi/customer-profiles.json`);
    await fetch(`${stub.baseUrl}/docs/`);
    const { total, requests } = await entries();
    expect(total).toBe(4);
    expect(requests.map((e) => [e.api, e.operationId, e.response?.status])).toEqual([
      ["sailpoint-oauth", "createAccessToken", 200],
      ["access-profiles", "deleteAccessProfile", 204],
      ["customer-profiles", "DeleteProfileObject", 200],
      ["customer-profiles", "DeleteProfileObject", 403],
    ]);
    const ids = requests.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const e of requests) {
      expect(Date.parse(e.time)).toBeGreaterThanOrEqual(before - 5);
      expect(Date.parse(e.time)).toBeLessThanOrEqual(Date.now());
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  test("the request as received (path and query, headers, parsed body) and the answer as sent", async () => {
    const { stub, entries, aws } = await journaled();
    const { response } = await aws().deleteProfileObject(object);
    const [entry] = (await entries()).requests;
    expect(entry!.request).toMatchObject({
      method: "POST",
      url: "/domains/DemoDomain/profiles/objects/delete",
      headers: { "content-type": "application/json", host: new URL(stub.baseUrl).host },
      body: {
        ProfileId: object.ProfileId,
        ObjectTypeName: object.ObjectTypeName,
        ProfileObjectUniqueKey: object.ProfileObjectUniqueKey,
      },
      bodyTruncated: false,
    });
    expect(entry!.response).toEqual({
      status: 200,
      headers: expect.objectContaining({
        "x-amzn-requestid": response.headers.get("x-amzn-requestid"),
        "content-type": expect.stringMatching(/json/),
      }),
      body: { Message: "OK" },
    });
    await fetch(`${stub.baseUrl}/v3/access-profiles/${unusedProfile}?trace=yes`, { method: "DELETE" });
    expect((await entries({ api: "access-profiles" })).requests[0]!.request.url).toBe(
      `/v3/access-profiles/${unusedProfile}?trace=yes`,
    );
  });

  test("bodies: form fields (urlencoded and multipart), text when it is not valid JSON, null when there is none, cut past 4096 bytes", async () => {
    const { stub, entries } = await journaled();
    const form = { grant_type: "client_credentials", client_id: "api", client_secret: "stub-secret" };
    await fetch(`${stub.baseUrl}/oauth/token`, { method: "POST", body: new URLSearchParams(form) });
    const multipart = new FormData();
    for (const [name, value] of Object.entries(form)) multipart.append(name, value);
    await fetch(`${stub.baseUrl}/oauth/token`, { method: "POST", body: multipart });
    const signed = noting();
    await createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
      retry: false,
      fetch: (input, init) => signed.fetcher(input, init),
    }).raw.POST("/domains/{DomainName}/profiles/objects/delete", {
      params: { path: { DomainName: "DemoDomain" } },
      body: {} as never,
      bodySerializer: () => '{"ProfileId": not json',
    });
    await fetch(`${stub.baseUrl}/v3/access-profiles/x`, { method: "DELETE" });
    await fetch(`${stub.baseUrl}/v3/access-profiles/x`, { method: "DELETE", body: "y".repeat(5000) });
    const bodies = (await entries()).requests.map((e) => [e.request.body, e.request.bodyTruncated]);
    expect(bodies.slice(0, 2)).toEqual([
      [{ ...form, client_secret: "[REDACTED]" }, false],
      [{ ...form, client_secret: "[REDACTED]" }, false],
    ]);
    expect(bodies[2]).toEqual(['{"ProfileId": not json', false]);
    expect(bodies[3]).toEqual([null, false]);
    expect(bodies[4]).toEqual(["y".repeat(4096), true]);
  });

  test("which operation a request matched, served or refused; null when its method and path match none", async () => {
    const { stub, entries, sailpoint } = await journaled();
    const bearer = { authorization: `Bearer ${await token()}` };
    await fetch(`${stub.baseUrl}/v3/access-profiles/x`, { method: "DELETE" });
    const elsewhere = methodNotOnPath(oracle, { api: "access-profiles", path: "/access-profiles/{id}" });
    await fetch(`${stub.baseUrl}/v3/access-profiles/x`, { method: elsewhere, headers: bearer });
    await fetch(`${stub.baseUrl}/v3/no-such-thing`, { headers: bearer });
    await fetch(`${stub.baseUrl}/oauth/authorize`);
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    expect((await entries()).requests.map((e) => [e.request.method, e.operationId, e.answeredBy])).toEqual([
      ["DELETE", "deleteAccessProfile", "auth"],
      [elsewhere, null, "no-operation"],
      ["GET", null, "no-operation"],
      ["GET", null, "no-operation"],
      ["DELETE", "deleteAccessProfile", "handler"],
    ]);
  });
});

describe("which client sent it", () => {
  test("names the official SDKs, as they name themselves, and the AWS SDKs' attempt", async () => {
    const { stub, admin, entries } = await journaled();
    const { CustomerProfilesClient, DeleteProfileObjectCommand } = await import("@aws-sdk/client-customer-profiles");
    const { AccessProfilesApi, Configuration } = await import("sailpoint-api-client");
    await admin.addFault({ api: "customer-profiles", status: 429 });
    const aws = new CustomerProfilesClient({
      endpoint: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
    });
    await aws.send(new DeleteProfileObjectCommand(object));
    const sailpoint = new AccessProfilesApi(
      new Configuration({
        baseurl: stub.baseUrl,
        tokenUrl: `${stub.baseUrl}/oauth/token`,
        clientId: "org-admin",
        clientSecret: "stub-secret",
      } as never),
    );
    await sailpoint.deleteAccessProfile({ id: unusedProfile });
    const clients = (await entries()).requests.map((e) => [e.api, e.client]);
    const awsVersion = expect.stringMatching(/^3\.\d+\.\d+$/);
    expect(clients).toEqual([
      ["customer-profiles", { name: "aws-sdk-js", version: awsVersion, attempt: 1 }],
      ["customer-profiles", { name: "aws-sdk-js", version: awsVersion, attempt: 2 }],
      // The SDK fetches its token with axios, which says so, and deletes as itself.
      ["sailpoint-oauth", { name: "axios", version: expect.any(String) }],
      ["access-profiles", { name: "sailpoint-typescript", version: "1.4.15" }],
    ]);
  });

  test.each<[Record<string, string>, unknown]>([
    [
      { "user-agent": "Boto3/1.44.8 md/Botocore#1.41.8 ua/2.1 os/linux#6 md/arch#x86_64 lang/python#3.11.7" },
      { name: "Boto3", version: "1.44.8" },
    ],
    [
      {
        "user-agent": "aws-sdk-go-v2/1.41.0 ua/2.1 os/linux lang/go#1.26 api/customerprofiles#1.62.1",
        "amz-sdk-request": "attempt=3; max=3",
      },
      { name: "aws-sdk-go-v2", version: "1.41.0", attempt: 3 },
    ],
    [{ "user-agent": "aws-sdk-java/2.40.2 ua/2.1 os/Linux lang/java#17" }, { name: "aws-sdk-java", version: "2.40.2" }],
    [
      { "user-agent": "OpenAPI-Generator/2.1.72/python", "x-sailpoint-sdk": "Python-2.1.72" },
      { name: "sailpoint-python", version: "2.1.72" },
    ],
    // SailPoint's Python SDK: 1.x says its version after OpenAPI Generator's name; 2.x a fixed 1.0.0.
    [{ "user-agent": "OpenAPI-Generator/1.4.2/python" }, { name: "OpenAPI-Generator", version: "1.4.2" }],
    [
      { "user-agent": "SailPoint-SDK-Python/1.0.0 (linux; x86_64) Python/3.11.2 (openapi-generator/7.12.0)" },
      { name: "SailPoint-SDK-Python", version: "1.0.0" },
    ],
    [{ "user-agent": "curl" }, { name: "curl", version: null }],
    [{}, null],
  ])("reads %o as %o", async (headers, client) => {
    const { clientOf } = await import("../server/journal.ts");
    expect(clientOf(headers)).toEqual(client);
  });
});

describe("what answered, when it was not the handler", () => {
  test("auth, the rate limit, validation, an armed fault, a Prefer header", async () => {
    const { stub, admin, entries, aws, sailpoint } = await journaled();
    await aws(fetch, { ...demoCredentials, secretAccessKey: "not-the-secret" }).deleteProfileObject(object);
    await (await sailpoint("helpdesk", [])).deleteAccessProfile(unusedProfile);
    await aws().deleteProfileObject({ ...object, ProfileId: "not-hex" });
    await admin.addFault({ api: "access-profiles", count: 1, status: 500 });
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    await aws().deleteProfileObject(object, { headers: { Prefer: "code=429" } });
    await admin.setLimits({ accessProfiles: { requestsPerSecond: 1, burst: 1 } });
    const limited = await sailpoint();
    await limited.deleteAccessProfile(otherUnusedProfile);
    await limited.deleteAccessProfile(otherUnusedProfile);
    expect((await entries()).requests.map((e) => [e.response?.status, e.answeredBy])).toEqual([
      [403, "auth"],
      [403, "auth"],
      [400, "validation"],
      [500, "fault"],
      [429, "prefer"],
      [204, "handler"],
      [429, "rate-limit"],
    ]);
    expect(stub.errors).toEqual([]);
  });

  test("a dropped connection: no response, and who dropped it", async () => {
    const { stub, admin, entries, sailpoint } = await journaled();
    await admin.addFault({ api: "access-profiles", count: 1, drop: true });
    const client = await sailpoint();
    await expect(client.deleteAccessProfile(unusedProfile)).rejects.toThrow();
    const bearer = { authorization: `Bearer ${await token()}`, prefer: "fault=drop" };
    await expect(
      fetch(`${stub.baseUrl}/v3/access-profiles/${unusedProfile}`, { method: "DELETE", headers: bearer }),
    ).rejects.toThrow();
    await expect.poll(async () => (await entries()).total).toBe(2);
    expect((await entries()).requests.map((e) => [e.response, e.answeredBy])).toEqual([
      [null, "fault"],
      [null, "prefer"],
    ]);
  });

  test("an error in the stub itself", async () => {
    const store = new StubStore(demoData());
    store.customerProfiles.deleteObject = () => {
      throw new Error("the store broke");
    };
    const app = createApp({ store, errorLog: () => {} });
    await app.ready;
    const running = await startServer(app, { host: "127.0.0.1", port: 0 });
    try {
      const client = createCustomerProfilesClient({
        baseUrl: running.url,
        region: "us-east-1",
        credentials: demoCredentials,
        retry: false,
      });
      expect((await client.deleteProfileObject(object)).response.status).toBe(500);
      const { data } = await createStubAdminClient({ baseUrl: running.url }).requests();
      expect(data!.requests.map((e) => [e.response?.status, e.answeredBy])).toEqual([[500, "error"]]);
    } finally {
      await running.shutdown(1000);
    }
  });
});

describe("bounds and clearing", () => {
  test("keeps the last --journal-size requests, dropping the oldest first", async () => {
    const { stub, entries } = await journaled({ journalSize: 3 });
    for (let i = 0; i < 5; i++) await fetch(`${stub.baseUrl}/v3/access-profiles/n${i}`, { method: "DELETE" });
    const { total, dropped, requests } = await entries();
    expect(total).toBe(3);
    expect(requests.map((e) => e.request.url)).toEqual([
      "/v3/access-profiles/n2",
      "/v3/access-profiles/n3",
      "/v3/access-profiles/n4",
    ]);
    // What it dropped is counted, whatever the filter, until the journal is cleared.
    expect(dropped).toBe(2);
    expect((await entries({ status: 200 })).dropped).toBe(2);
    await fetch(`${stub.baseUrl}/__stub/requests`, { method: "DELETE" });
    await fetch(`${stub.baseUrl}/v3/access-profiles/n5`, { method: "DELETE" });
    expect(await entries()).toMatchObject({ total: 1, dropped: 0 });
  });

  test("records nothing with --journal-size 0", async () => {
    const { stub, entries } = await journaled({ journalSize: 0 });
    await fetch(`${stub.baseUrl}/v3/access-profiles/x`, { method: "DELETE" });
    expect(await entries()).toEqual({ total: 0, dropped: 0, requests: [] });
  });

  test("POST /__stub/reset empties it with the state; DELETE /__stub/requests empties only it; ids go on growing", async () => {
    const { stub, admin, entries, sailpoint } = await journaled();
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    const [first] = (await entries()).requests;
    expect((await admin.clearRequests()).response.status).toBe(204);
    expect((await entries()).total).toBe(0);
    expect(stub.store.accessProfiles.find(unusedProfile)).toBeUndefined();
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    const [second] = (await entries()).requests;
    expect(second!.id).toBeGreaterThan(first!.id);
    await admin.reset();
    expect((await entries()).total).toBe(0);
    expect(stub.store.accessProfiles.find(unusedProfile)).toBeDefined();
  });
});

test("filters by api, operationId, status and since; limit keeps the first; total counts them all; oldest first", async () => {
  const { stub, entries, aws, sailpoint } = await journaled();
  const client = await sailpoint();
  await client.deleteAccessProfile(unusedProfile); // 204
  await client.deleteAccessProfile(unusedProfile); // 404
  await aws().deleteProfileObject(object); // 200
  await client.deleteAccessProfile(otherUnusedProfile); // 204
  await fetch(`${stub.baseUrl}/v3/nowhere`, { method: "DELETE" }); // 401
  const all = (await entries()).requests;
  const urls = (page: { requests: JournalEntry[] }) => page.requests.map((e) => e.id);
  expect(urls(await entries({ api: "access-profiles" }))).toEqual([all[0]!.id, all[1]!.id, all[3]!.id, all[4]!.id]);
  expect(urls(await entries({ operationId: "deleteAccessProfile" }))).toEqual([all[0]!.id, all[1]!.id, all[3]!.id]);
  expect(urls(await entries({ status: 204 }))).toEqual([all[0]!.id, all[3]!.id]);
  expect(urls(await entries({ since: all[2]!.id }))).toEqual([all[3]!.id, all[4]!.id]);
  expect(await entries({ api: "access-profiles", limit: 2 })).toEqual({
    total: 4,
    dropped: 0,
    requests: [all[0], all[1]],
  });
});

describe("GET /__stub/requests.har", () => {
  test("is valid HAR 1.2 of the same selection, answers and dropped connections alike", async () => {
    const { stub, admin, aws, sailpoint } = await journaled();
    await aws().deleteProfileObject(object);
    await (await sailpoint()).deleteAccessProfile(unusedProfile);
    await admin.addFault({ api: "access-profiles", count: 1, drop: true });
    await expect((await sailpoint()).deleteAccessProfile(otherUnusedProfile)).rejects.toThrow();
    const { data: har } = await admin.requestsHar();
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    const entries = har!.log.entries;
    expect(entries.map((e) => [e.request.method, e.response.status])).toEqual([
      ["POST", 200],
      ["DELETE", 204],
      ["DELETE", 0],
    ]);
    expect(entries[0]!.request.url).toBe(`${stub.baseUrl}/domains/DemoDomain/profiles/objects/delete`);
    expect(JSON.parse(entries[0]!.request.postData!.text)).toMatchObject({ ProfileId: object.ProfileId });
    expect(entries[0]!.response.content).toMatchObject({
      mimeType: expect.stringMatching(/json/),
      text: '{"Message":"OK"}',
    });
    expect((await admin.requestsHar({ status: 204 })).data!.log.entries.map((e) => e.request.url)).toEqual([
      `${stub.baseUrl}/v3/access-profiles/${unusedProfile}`,
    ]);
  });

  // A browser's own HAR reader: Playwright replays the export in Chromium, where it is installed.
  test.skipIf(!chromiumAvailable)("opens in a browser: Chromium replays it with Playwright", async () => {
    const { stub, admin } = await journaled();
    const recorded = `${stub.baseUrl}/v3/access-profiles/${unusedProfile}`;
    const live = await fetch(recorded);
    const dir = mkdtempSync(join(tmpdir(), "har-"));
    const browser = await launchChromium();
    try {
      writeFileSync(join(dir, "journal.har"), JSON.stringify((await admin.requestsHar()).data));
      // With the stub gone, only the HAR can answer.
      stubs = stubs.filter((s) => s !== stub);
      await stub.close();
      const context = await browser.newContext();
      await context.routeFromHAR(join(dir, "journal.har"), { notFound: "abort" });
      const page = await context.newPage();
      const replayed = await page.goto(recorded);
      expect(replayed?.status()).toBe(live.status);
      expect(await replayed?.text()).toBe(await live.text());
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("no secret sent to the stub is in the journal or the HAR: tokens, client secrets, signatures, session tokens", async () => {
  const data = demoData();
  const session = {
    accessKeyId: "ASIAEXAMPLESESSION01",
    secretAccessKey: "session-secret-key-0123456789",
    sessionToken: "session-token-0123456789abcdef",
  };
  data.customerProfiles.credentials.push(session);
  const { stub, admin } = await journaled({ data });
  const wire = noting();

  // The token endpoint, urlencoded (our client) and multipart (as the SailPoint SDK sends it).
  const accessToken = clientCredentialsToken({
    baseUrl: stub.baseUrl,
    clientId: "org-admin",
    clientSecret: "stub-secret",
    fetch: wire.fetcher,
  });
  const issued = await accessToken();
  const multipart = new FormData();
  for (const [name, value] of Object.entries({
    grant_type: "client_credentials",
    client_id: "api",
    client_secret: "stub-secret",
  }))
    multipart.append(name, value);
  await wire.fetcher(`${stub.baseUrl}/oauth/token`, { method: "POST", body: multipart });
  // A secret sent where it does not belong is kept as text: redacted all the same.
  await wire.fetcher(`${stub.baseUrl}/v3/access-profiles/x`, {
    method: "DELETE",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=api&client_secret=stub-secret",
  });
  // Bearer tokens, accepted and refused.
  const sailpoint = createAccessProfilesClient({
    baseUrl: `${stub.baseUrl}/v3`,
    accessToken,
    fetch: wire.fetcher,
    retry: false,
  });
  await sailpoint.deleteAccessProfile(unusedProfile);
  await sailpoint.deleteAccessProfile(unusedProfile);
  // SigV4, with long-term and with temporary credentials (X-Amz-Security-Token).
  for (const credentials of [demoCredentials, session])
    await createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials,
      fetch: wire.fetcher,
      retry: false,
    }).deleteProfileObject(object);

  const signatures = wire.sent
    .map((r) => /Signature=([0-9a-f]{64})/.exec(r.headers.get("authorization") ?? "")?.[1])
    .filter(Boolean) as string[];
  const secrets = [
    issued,
    "stub-secret",
    session.secretAccessKey,
    session.sessionToken,
    demoCredentials.secretAccessKey,
    ...signatures,
  ];
  expect(signatures).toHaveLength(2);
  expect(wire.sent.some((r) => r.headers.get("x-amz-security-token") === session.sessionToken)).toBe(true);

  const journal = JSON.stringify((await admin.requests()).data);
  const har = JSON.stringify((await admin.requestsHar()).data);
  expect(JSON.parse(journal).total).toBe(7);
  for (const secret of secrets) {
    expect(journal, `the journal holds ${secret}`).not.toContain(secret);
    expect(har, `the HAR holds ${secret}`).not.toContain(secret);
  }
  // What stays helps debugging: the scheme, and SigV4's credential scope and signed headers.
  expect(journal).toContain('"authorization":"Bearer [REDACTED]"');
  expect(journal).toMatch(
    /AWS4-HMAC-SHA256 Credential=ASIAEXAMPLESESSION01\/\d{8}\/us-east-1\/profile\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=\[REDACTED\]/,
  );
  expect(journal).toContain('"x-amz-security-token":"[REDACTED]"');
  expect(journal).toContain('"access_token":"[REDACTED]"');
  expect(journal).toContain("client_secret=[REDACTED]");
});

describe("why a request was refused", () => {
  test("a request the spec refuses says which rule, with a JSON pointer into the request; one served says nothing", async () => {
    const { aws, entries } = await journaled();
    const { DomainName, ...body } = object;
    const client = aws();
    await client.raw.POST("/domains/{DomainName}/profiles/objects/delete", {
      params: { path: { DomainName } },
      body: { ...body, ProfileId: "not-hex" },
    });
    await client.raw.POST("/domains/{DomainName}/profiles/objects/delete", { params: { path: { DomainName } }, body });
    const [refused, served] = (await entries()).requests;
    expect(refused?.refusal).toEqual({
      kind: "invalid-request",
      message: expect.stringContaining("ProfileId"),
      rules: [{ pointer: "/body/ProfileId", message: 'must match pattern "^[a-f0-9]{32}$"' }],
    });
    expect(refused?.answeredBy).toBe("validation");
    expect(served?.response?.status).toBe(200);
    expect(served).not.toHaveProperty("refusal");
  });
});
