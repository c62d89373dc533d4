// No secret a client sends reaches the journal, its HAR or the request log, wherever the client put
// it: redaction goes by the name of what holds the value (a header, a query parameter, a form
// field, a JSON property at any depth), not by a list of places.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCustomerProfilesClient, createStubAdminClient } from "../client/index.ts";
import {
  isSecretName,
  redactAuthorization,
  redactHeader,
  redactText,
  redactUrl,
  redactValue,
} from "../server/shared/redact.ts";
import { demoCredentials, type TestStub, startTestStub } from "./support/stub.ts";

describe("the rule", () => {
  test.each([
    "Authorization",
    "proxy-authorization",
    "Cookie",
    "set-cookie",
    "X-Api-Key",
    "api_key",
    "apiKey",
    "access_token",
    "refresh_token",
    "X-Amz-Security-Token",
    "client_secret",
    "password",
    "passwd",
    "X-Amz-Signature",
    "client_assertion",
    "sessionId",
    "X-Session",
    // Customer Profiles' sensitive member: a customer's data, not a credential, redacted alike.
    "Object",
  ])("%s names a credential", (name) => expect(isSecretName(name)).toBe(true));

  test.each([
    "content-type",
    "x-amz-date",
    "X-Amz-Credential",
    "X-Amz-SignedHeaders",
    "ProfileObjectUniqueKey",
    "ObjectTypeName",
    "client_id",
    "grant_type",
    "host",
  ])("%s does not", (name) => expect(isSecretName(name)).toBe(false));

  test("keeps an Authorization header's scheme, and SigV4's key id, scope and signed headers", () => {
    expect(redactAuthorization("Bearer eyJhbGciOi.x.y")).toBe("Bearer [REDACTED]");
    expect(redactAuthorization("Basic dXNlcjpwYXNz")).toBe("Basic [REDACTED]");
    expect(redactAuthorization("opaque-token-without-scheme")).toBe("[REDACTED]");
    expect(redactAuthorization("  eyJhbGciOi.x.y  ")).toBe("[REDACTED]");
    expect(redactAuthorization("Bearer")).toBe("[REDACTED]");
    const sigv4 =
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/profile/aws4_request, SignedHeaders=host;x-amz-date, Signature=";
    expect(redactAuthorization(`${sigv4}abc123`)).toBe(`${sigv4}[REDACTED]`);
    // A space after Signature= does not leave the value behind it.
    expect(redactAuthorization(`${sigv4} abc123 def`)).toBe(`${sigv4}[REDACTED]`);
  });

  test("keeps cookie names, not their values", () => {
    expect(redactHeader("Cookie", "sid=abc; theme=dark")).toBe("sid=[REDACTED]; theme=[REDACTED]");
    expect(redactHeader("X-Api-Key", "k-123")).toBe("[REDACTED]");
    expect(redactHeader("Content-Type", "application/json")).toBe("application/json");
  });

  test("judges query parameters by their decoded names, split at & and ;", () => {
    expect(redactUrl("/oauth/token?client_secret=s&client_id=c")).toBe(
      "/oauth/token?client_secret=[REDACTED]&client_id=c",
    );
    expect(redactUrl("/x?X%2DAmz%2DSignature=abc&X-Amz-Credential=AKIA%2F2026")).toBe(
      "/x?X%2DAmz%2DSignature=[REDACTED]&X-Amz-Credential=AKIA%2F2026",
    );
    expect(redactUrl("/x?a=1;X-Amz-Signature=abc")).toBe("/x?a=1;X-Amz-Signature=[REDACTED]");
    expect(redactUrl("/x?access+token=abc#frag")).toBe("/x?access+token=[REDACTED]#frag");
    expect(redactUrl("/v3/access-profiles/abc")).toBe("/v3/access-profiles/abc");
  });

  test("redacts parsed bodies at any depth, and leaves the rest as it was", () => {
    const body = { client_id: "c", refresh_token: "r", nested: { list: [{ sessionToken: "s", keep: 1 }] } };
    expect(redactValue(body)).toEqual({
      client_id: "c",
      refresh_token: "[REDACTED]",
      nested: { list: [{ sessionToken: "[REDACTED]", keep: 1 }] },
    });
    const plain = { ProfileId: "p", ObjectTypeName: "T" };
    expect(redactValue(plain)).toBe(plain);
  });

  test("redacts bodies kept as text: forms, multipart parts and JSON, even cut short", () => {
    expect(redactText("grant_type=password&password=p%40ss&username=u")).toBe(
      "grant_type=password&password=[REDACTED]&username=u",
    );
    expect(
      redactText('--b\r\nContent-Disposition: form-data; name="client_assertion"\r\n\r\neyJ.a.b\r\n--b--\r\n'),
    ).toBe('--b\r\nContent-Disposition: form-data; name="client_assertion"\r\n\r\n[REDACTED]\r\n--b--\r\n');
    expect(redactText('{"password": "p\\"w", "apiKey": 123, "name": "n", "token": "cut sho')).toBe(
      '{"password": "[REDACTED]", "apiKey": "[REDACTED]", "name": "n", "token": "[REDACTED]"',
    );
  });
});

describe("a secret sent anywhere appears nowhere: not in the journal, the HAR or the request log", () => {
  let stub: TestStub;
  const log: string[] = [];
  beforeAll(async () => {
    stub = await startTestStub({ requestLog: (line) => log.push(line), journalSize: 5000 });
  });
  afterAll(async () => {
    await stub.close();
  });

  const targets = [
    { method: "POST", path: "/domains/DemoDomain/profiles/objects/delete" },
    { method: "DELETE", path: "/v3/access-profiles/2c91808a7813090a0178141219190000" },
    { method: "POST", path: "/oauth/token" },
  ];
  const headerPlaces: ((secret: string) => [string, string])[] = [
    (secret: string) => ["Cookie", `sid=${secret}; theme=dark`],
    (secret: string) => ["Proxy-Authorization", `Basic ${secret}`],
    (secret: string) => ["X-Api-Key", secret],
    (secret: string) => ["Authorization", `Bearer ${secret}`],
    // A bare token, as some clients send it: no scheme, so all of it is the secret.
    (secret: string) => ["Authorization", secret],
    (secret: string) => ["Proxy-Authorization", ` ${secret} `],
    (secret: string) => [
      "Authorization",
      `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/profile/aws4_request, SignedHeaders=host, Signature= ${secret}`,
    ],
    (secret: string) => ["X-Auth-Token", secret],
    (secret: string) => ["X-Session-Id", secret],
  ];
  const secretFields = [
    "client_secret",
    "access_token",
    "refresh_token",
    "password",
    "client_assertion",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
    "api_key",
    "sessionToken",
  ];

  type Place =
    | { kind: "header"; index: number }
    | { kind: "query"; field: string; encodeName: boolean; separator: "&" | ";" }
    | { kind: "form" | "multipart" | "json" | "long-json"; field: string };

  const place: fc.Arbitrary<Place> = fc.oneof(
    fc.record({ kind: fc.constant("header" as const), index: fc.nat(headerPlaces.length - 1) }),
    fc.record({
      kind: fc.constant("query" as const),
      field: fc.constantFrom(...secretFields),
      encodeName: fc.boolean(),
      separator: fc.constantFrom("&" as const, ";" as const),
    }),
    fc.record({
      kind: fc.constantFrom("form" as const, "multipart" as const, "json" as const, "long-json" as const),
      field: fc.constantFrom(...secretFields),
    }),
  );
  // Characters that URL-encode, so that both forms of the secret are looked for.
  const secret = fc.stringMatching(/^[A-Za-z0-9+/=]{16,24}$/).map((s) => `s3cr3t${s}`);

  const encodeAll = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join("");

  function request(where: Place, value: string): { path: string; init: RequestInit } {
    const target = targets[value.length % targets.length]!;
    const headers: Record<string, string> = {};
    let path = target.path;
    let body: BodyInit | undefined;
    switch (where.kind) {
      case "header": {
        const [name, text] = headerPlaces[where.index]!(value);
        headers[name] = text;
        break;
      }
      case "query": {
        const name = where.encodeName ? encodeAll(where.field) : where.field;
        path += `?a=1${where.separator}${name}=${encodeURIComponent(value)}`;
        break;
      }
      case "form":
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = `grant_type=password&${where.field}=${encodeURIComponent(value)}&client_id=c`;
        break;
      case "multipart": {
        const form = new FormData();
        form.append("grant_type", "password");
        form.append(where.field, value);
        body = form;
        break;
      }
      case "json":
        headers["content-type"] = "application/json";
        body = JSON.stringify({ ProfileId: "p", nested: { list: [{ [where.field]: value }] } });
        break;
      case "long-json":
        // Over the 4096 bytes the journal keeps: kept as text, cut short.
        headers["content-type"] = "application/json";
        body = JSON.stringify({ [where.field]: value, padding: "x".repeat(5000) });
        break;
    }
    return { path, init: { method: target.method, headers, body } };
  }

  test("in 150 requests with secrets in random places and forms", async () => {
    const sent: { value: string; where: Place }[] = [];
    await fc.assert(
      fc.asyncProperty(place, secret, async (where, value) => {
        const { path, init } = request(where, value);
        const response = await fetch(`${stub.baseUrl}${path}`, init);
        await response.arrayBuffer();
        sent.push({ value, where });
      }),
      { numRuns: 150, seed: 17 },
    );
    await new Promise((resolve) => setImmediate(resolve));

    const admin = createStubAdminClient({ baseUrl: stub.baseUrl });
    const journal = JSON.stringify((await admin.requests()).data);
    const har = JSON.stringify((await admin.requestsHar()).data);
    const lines = log.join("\n");
    expect(JSON.parse(journal).total).toBe(150);
    for (const { value, where } of sent)
      for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        const sentIn = JSON.stringify(where);
        expect(journal, `the journal holds ${form}, sent in ${sentIn}`).not.toContain(form);
        expect(har, `the HAR holds ${form}, sent in ${sentIn}`).not.toContain(form);
        expect(lines, `the request log holds ${form}, sent in ${sentIn}`).not.toContain(form);
      }
  });
});

test("a customer's object, put and listed through the API, is in none of the journal, the HAR and the request log", async () => {
  const log: string[] = [];
  const stub = await startTestStub({ requestLog: (line) => log.push(line) });
  try {
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
    });
    const marker = "customer-data-4f1c9e";
    const object = JSON.stringify({ orderId: "9001", email: "jane.doe@example.com", note: marker });
    const put = await client.raw.PUT("/domains/{DomainName}/profiles/objects", {
      params: { path: { DomainName: "DemoDomain" } },
      body: { ObjectTypeName: "Order", Object: object },
    });
    expect(put.data?.ProfileObjectUniqueKey).toBeDefined();
    const listed = await client.raw.POST("/domains/{DomainName}/profiles/objects", {
      params: { path: { DomainName: "DemoDomain" } },
      body: { ObjectTypeName: "Order", ProfileId: "3991a7d959d248bba82546b2d0e0a1b2" },
    });
    // The caller gets the object back whole; only what the stub shows of the exchange is redacted.
    expect(listed.data?.Items?.[0]?.Object).toBe(object);
    const admin = createStubAdminClient({ baseUrl: stub.baseUrl });
    const { data } = await admin.requests({ api: "customer-profiles" });
    expect(data?.requests.map((r) => [r.request.body, r.response?.body])).toEqual([
      [{ ObjectTypeName: "Order", Object: "[REDACTED]" }, { ProfileObjectUniqueKey: put.data!.ProfileObjectUniqueKey }],
      [
        { ObjectTypeName: "Order", ProfileId: "3991a7d959d248bba82546b2d0e0a1b2" },
        { Items: [expect.objectContaining({ ObjectTypeName: "Order", Object: "[REDACTED]" })] },
      ],
    ]);
    const har = JSON.stringify((await admin.requestsHar()).data);
    for (const shown of [JSON.stringify(data), har, log.join("\n")]) expect(shown).not.toContain(marker);
  } finally {
    await stub.close();
  }
});
