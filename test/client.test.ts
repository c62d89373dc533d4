// The clients' own behaviour, against an injected fetch: named errors from headers or status, and
// error bodies made up in the API's shape when a server sends none (openapi-fetch leaves them undefined).
import { describe, expect, test } from "vitest";
import { awsStandardRetry, createAccessProfilesClient, createCustomerProfilesClient } from "../client/index.ts";
import { demoCredentials } from "./support/stub.ts";

function answering(status: number, headers: Record<string, string>, body: string | null) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return new Response(body, { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const input = {
  DomainName: "DemoDomain",
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "T",
  ProfileObjectUniqueKey: "k",
};

describe("createCustomerProfilesClient", () => {
  // The SDK's retries, without their waits: these tests are about what an answer becomes, and a
  // 429's Retry-After would otherwise be waited out for real.
  const client = (f: ReturnType<typeof answering>) =>
    createCustomerProfilesClient({
      baseUrl: "http://stub.test",
      region: "us-east-1",
      credentials: demoCredentials,
      fetch: f.fetch,
      retry: { ...awsStandardRetry(), delayMs: () => 0 },
    });

  test("signs with SigV4 for the profile service", async () => {
    const f = answering(200, { "content-type": "application/json" }, '{"Message":"OK"}');
    expect((await client(f).deleteProfileObject(input)).data).toEqual({ Message: "OK" });
    expect(f.seen[0]!.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/profile\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(f.seen[0]!.headers.get("x-amz-date")).toMatch(/^\d{8}T\d{6}Z$/);
  });

  test("names the error from x-amzn-ErrorType, also in its namespaced forms", async () => {
    for (const header of [
      "ThrottlingException",
      "ThrottlingException:http://internal.amazon.com/coral/",
      "com.amazonaws.profile#ThrottlingException",
    ]) {
      const f = answering(
        429,
        { "x-amzn-ErrorType": header, "content-type": "application/json", "retry-after": "3" },
        '{"Message":"slow down"}',
      );
      const { error } = await client(f).deleteProfileObject(input);
      expect(error).toMatchObject({
        name: "ThrottlingException",
        message: "slow down",
        status: 429,
        retryAfterSeconds: 3,
        synthesized: false,
      });
    }
  });

  test("falls back to the status when the header is missing", async () => {
    const f = answering(404, { "content-type": "application/json", "x-amzn-RequestId": "req-1" }, '{"Message":"gone"}');
    expect((await client(f).deleteProfileObject(input)).error).toMatchObject({
      name: "ResourceNotFoundException",
      requestId: "req-1",
    });
  });

  test("gives an error with an AWS-shaped body when the server sends none", async () => {
    const f = answering(500, {}, null);
    const { error } = await client(f).deleteProfileObject(input);
    expect(error).toMatchObject({ name: "InternalServerException", status: 500, synthesized: true });
    expect(error!.message).toMatch(/HTTP 500/);
  });

  test("keeps the text of a non-JSON error body as the message", async () => {
    const f = answering(502, { "content-type": "text/html" }, "<h1>Bad gateway</h1>");
    expect((await client(f).deleteProfileObject(input)).error).toMatchObject({
      name: "UnknownError",
      status: 502,
      message: "<h1>Bad gateway</h1>",
      synthesized: true,
    });
  });
});

describe("createAccessProfilesClient", () => {
  const client = (f: ReturnType<typeof answering>, accessToken: string | (() => Promise<string>) = "tok") =>
    createAccessProfilesClient({ baseUrl: "http://stub.test/v3", accessToken, fetch: f.fetch });

  test("sends the bearer token, asking a token function each time", async () => {
    const f = answering(204, {}, null);
    let n = 0;
    const c = client(f, async () => `tok-${++n}`);
    await c.deleteAccessProfile("a");
    await c.deleteAccessProfile("b");
    expect(f.seen.map((r) => [r.url, r.headers.get("authorization")])).toEqual([
      ["http://stub.test/v3/access-profiles/a", "Bearer tok-1"],
      ["http://stub.test/v3/access-profiles/b", "Bearer tok-2"],
    ]);
  });

  test("URI-encodes the id", async () => {
    const f = answering(204, {}, null);
    await client(f).deleteAccessProfile("a/b c");
    expect(f.seen[0]!.url).toBe("http://stub.test/v3/access-profiles/a%2Fb%20c");
  });

  test("resolves a 204 with neither data nor error", async () => {
    const result = await client(answering(204, {}, null)).deleteAccessProfile("a");
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(204);
  });

  test("reads detailCode and trackingId from an ErrorResponseDto", async () => {
    const body = {
      detailCode: "400.2.1.0 Object in use by another",
      trackingId: "t1",
      messages: [{ locale: "en-US", localeOrigin: "DEFAULT", text: "in use" }],
    };
    const { error } = await client(
      answering(400, { "content-type": "application/json" }, JSON.stringify(body)),
    ).deleteAccessProfile("a");
    expect(error).toMatchObject({
      name: "BadRequest",
      detailCode: body.detailCode,
      trackingId: "t1",
      message: "in use",
      body,
    });
  });

  test.each([
    [401, "Unauthorized", { error: "HTTP 401 Unauthorized" }],
    [429, "TooManyRequests", { message: "HTTP 429 Too Many Requests" }],
    [
      403,
      "Forbidden",
      { detailCode: "403 Forbidden", messages: [{ locale: null, localeOrigin: null, text: "HTTP 403 Forbidden" }] },
    ],
  ])("gives a %i with no body a body of that status's documented shape", async (status, name, body) => {
    const f = {
      fetch: (async () =>
        new Response(null, { status, statusText: name.replace(/([a-z])([A-Z])/g, "$1 $2") })) as typeof fetch,
      seen: [],
    };
    const { error } = await client(f).deleteAccessProfile("a");
    expect(error).toMatchObject({ name, status, synthesized: true, body });
  });
});
