// What probing the stub as an attacker or a careless client found, each a test that failed before
// its fix: pages that were HTML with a stack, an export that one odd request broke, values the
// stub normalized instead of refusing, and Prefer answering requests that were not otherwise valid.
import { request as httpRequest } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createStubAdminClient } from "../client/index.ts";
import { parseAmzDate } from "../server/customer-profiles/auth.ts";
import { demoCredentials, demoObject, type TestStub, startTestStub } from "./support/stub.ts";

let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => {
  await stub.close();
});

/** A request with whatever Host the test wants (fetch sends the real one). */
function raw(path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(stub.baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, path, method: "DELETE", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("no HTML, no stack", () => {
  test.each(["/openapi/%zz", "/openapi/%E0%A4%A"])("GET %s is a 400 in JSON", async (path) => {
    const response = await fetch(`${stub.baseUrl}${path}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: "The path is not a valid URL path." });
    expect(text).not.toMatch(/URIError|\n\s+at |\/work\/|node_modules/);
  });

  test("GET /docs/%zz is plain text, without a stack", async () => {
    const response = await fetch(`${stub.baseUrl}/docs/%zz`);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).not.toMatch(/URIError|\n\s+at |\/work\//);
  });
});

test.each(["127.0.0.1:99999", "[::1", "exa mple"])(
  "a request with the Host %s leaves the HAR export working",
  async (host) => {
    expect(await raw("/v3/access-profiles/x", { host })).toBeGreaterThanOrEqual(400);
    const { data, response } = await createStubAdminClient({ baseUrl: stub.baseUrl }).requestsHar();
    expect(response.status).toBe(200);
    expect(data!.log.entries.at(-1)!.request.url).toMatch(/^http:\/\/localhost\/v3\/access-profiles\/x$/);
  },
);

describe("X-Amz-Date is a real time, or no time", () => {
  test.each(["20261129T120060Z", "20260431T000000Z", "20261129T240000Z", "20230229T000000Z", "20261329T000000Z"])(
    "%s is refused, not rolled over",
    (value) => expect(parseAmzDate(value)).toBeUndefined(),
  );

  test("a real one is read, leap days included", () => {
    expect(parseAmzDate("20240229T235959Z")?.toISOString()).toBe("2024-02-29T23:59:59.000Z");
  });
});

test("a signature over UNSIGNED-PAYLOAD is refused: the body could be changed after signing", async () => {
  const body = JSON.stringify({
    ProfileId: demoObject.ProfileId,
    ObjectTypeName: demoObject.ObjectTypeName,
    ProfileObjectUniqueKey: demoObject.ProfileObjectUniqueKey,
  });
  const url = new URL(`${stub.baseUrl}/domains/DemoDomain/profiles/objects/delete`);
  const signed = await new SignatureV4({
    service: "profile",
    region: "us-east-1",
    credentials: demoCredentials,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  }).sign({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, "content-type": "application/json", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    body,
  });
  const changed = body.replace(demoObject.ProfileObjectUniqueKey, "SomeOtherKey");
  const response = await fetch(url, {
    method: "POST",
    headers: signed.headers as Record<string, string>,
    body: changed,
  });
  expect(response.status).toBe(403);
  expect(response.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
});

describe("the token endpoint", () => {
  test.each([
    ["a wrong secret", "org-admin", "wrong", 401],
    ["an unknown client", "nobody", "stub-secret", 401],
  ])("does not let Prefer: code=200 answer %s with a token", async (_what, clientId, secret, status) => {
    const response = await fetch(`${stub.baseUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", prefer: "code=200" },
      body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}`,
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("still lets Prefer answer a request that would get a token", async () => {
    const response = await fetch(`${stub.baseUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", prefer: "code=500" },
      body: "grant_type=client_credentials&client_id=org-admin&client_secret=stub-secret",
    });
    expect(response.status).toBe(500);
  });
});

test.each(["limit=1e309", "limit=0x10", "since=1e309", "status=2e2", "limit=Infinity"])(
  "GET /__stub/requests?%s is refused with 400: numbers are decimal digits",
  async (query) => {
    const response = await fetch(`${stub.baseUrl}/__stub/requests?${query}`);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBeTruthy();
  },
);
