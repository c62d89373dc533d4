// Every way a SailPoint caller can fail authentication or authorization, and the token endpoint's
// handling of forms. Each test would fail if its check were removed from the stub.
import { defaults } from "../server/config.ts";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientCredentialsToken, createAccessProfilesClient } from "../client/index.ts";
import { ContractOracle, type ObservedResponse } from "./support/oracle.ts";
import { startTestStub, type TestStub } from "./support/stub.ts";
import { testIdentity, testTokenSecret, token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();
let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => {
  await stub.close();
});

const profile = "2c91808a7813090a017814121919ecca";

async function deleteWith(authorization: string | undefined, id = profile): Promise<ObservedResponse> {
  const response = await fetch(`${stub.baseUrl}/v3/access-profiles/${id}`, {
    method: "DELETE",
    headers: authorization ? { authorization } : {},
  });
  const observed = { status: response.status, headers: response.headers, body: await response.text() };
  expect(oracle.check("access-profiles", "deleteAccessProfile", observed)).toEqual([]);
  expect(observed.headers.get("x-tracking-id")).toMatch(/^[0-9a-f]{32}$/);
  return observed;
}

const claims = {
  client_id: "org-admin",
  authorities: ["ORG_ADMIN"],
  scope: ["sp:scopes:all"],
  identity_id: testIdentity.id,
};
const hour = () => Math.floor(Date.now() / 1000) + 3600;

describe("DELETE /access-profiles/{id} bearer checks", () => {
  test.each([
    ["no Authorization header", undefined, /no bearer token/],
    ["a Basic header", "Basic b3JnLWFkbWluOnN0dWItc2VjcmV0", /not a bearer token/],
    ["a bearer value that is not a JWT", "Bearer not-a-jwt", /JWT is malformed/],
  ])("returns 401 for %s", async (_what, authorization, message) => {
    const response = await deleteWith(authorization);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error).toMatch(message);
  });

  test("returns 401 'JWT is expired' for an expired token", async () => {
    const response = await deleteWith(`Bearer ${await token({ expiresIn: -5 })}`);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ error: "JWT validation failed: JWT is expired" });
  });

  test("returns 401 for a token signed with another key", async () => {
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("contract-stub")
      .setExpirationTime(hour())
      .sign(new TextEncoder().encode("someone-elses-key-0123456789abcdef"));
    const response = await deleteWith(`Bearer ${forged}`);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error).toMatch(/signature does not match/);
  });

  test("returns 401 for an unsigned token (alg none)", async () => {
    const unsigned = new UnsecuredJWT(claims).setIssuer("contract-stub").setExpirationTime(hour()).encode();
    expect((await deleteWith(`Bearer ${unsigned}`)).status).toBe(401);
  });

  test("returns 401 for a token whose payload was edited after signing", async () => {
    const [header, , signature] = (await token({ authorities: ["HELPDESK"] })).split(".");
    const payload = Buffer.from(JSON.stringify({ ...claims, iss: "contract-stub", exp: hour() })).toString("base64url");
    expect((await deleteWith(`Bearer ${header}.${payload}.${signature}`)).status).toBe(401);
  });

  test("returns 401 for a token from another issuer, and for one without expiry", async () => {
    const other = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("elsewhere")
      .setExpirationTime(hour())
      .sign(testTokenSecret);
    expect((await deleteWith(`Bearer ${other}`)).status).toBe(401);
    const eternal = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("contract-stub")
      .sign(testTokenSecret);
    expect((await deleteWith(`Bearer ${eternal}`)).status).toBe(401);
  });

  test("returns 403 for a valid token without one of the three authorities", async () => {
    const response = await deleteWith(`Bearer ${await token({ clientId: "helpdesk", authorities: ["HELPDESK"] })}`);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).causes[0].text).toBe(
      "The token holds none of the authorities ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN.",
    );
  });

  test("returns 403 for a valid token without the operation's scope", async () => {
    const narrow = await new SignJWT({ ...claims, scope: ["idn:role:read"] })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("contract-stub")
      .setExpirationTime(hour())
      .sign(testTokenSecret);
    const response = await deleteWith(`Bearer ${narrow}`);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).causes[0].text).toMatch(/idn:access-profile:manage/);
  });

  test("accepts a token that names the operation's scope itself", async () => {
    const exact = await new SignJWT({ ...claims, scope: ["idn:access-profile:manage"] })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("contract-stub")
      .setExpirationTime(hour())
      .sign(testTokenSecret);
    expect((await deleteWith(`Bearer ${exact}`, "2c9180835d191a86015d28455b4a2403")).status).toBe(204);
  });

  test("returns 403 to a SOURCE_SUBADMIN for a source it does not administer, before saying whether the profile is in use", async () => {
    const subadmin = `Bearer ${await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] })}`;
    expect((await deleteWith(subadmin, "2c9180835d191a86015d28455b4a2329")).status).toBe(403);
    expect(stub.store.accessProfiles.find("2c9180835d191a86015d28455b4a2329")).toBeDefined();
  });
});

describe("POST /oauth/token", () => {
  const post = async (body: BodyInit, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stub.baseUrl}/oauth/token`, { method: "POST", body, headers });
    const observed = { status: response.status, headers: response.headers, body: await response.text() };
    expect(oracle.check("sailpoint-oauth", "createAccessToken", observed)).toEqual([]);
    return observed;
  };

  test.each(["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])(
    "%s /oauth/token, a method the endpoint does not take, is 405 with Allow: POST, in its error format",
    async (method) => {
      const response = await fetch(`${stub.baseUrl}/oauth/token`, { method });
      const observed = { status: response.status, headers: response.headers, body: await response.text() };
      expect(observed.status).toBe(405);
      expect(observed.headers.get("allow")).toBe("POST");
      expect(JSON.parse(observed.body)).toEqual({
        error: "invalid_request",
        error_description: `/oauth/token takes POST, not ${method}.`,
      });
      // Documented: the 405 of the one operation on the path.
      expect(oracle.check("sailpoint-oauth", "createAccessToken", observed)).toEqual([]);
    },
  );

  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  const urlencoded = { "content-type": "application/x-www-form-urlencoded" };

  test("accepts the client's credentials as HTTP Basic, grant_type alone in the form (client_secret_basic)", async () => {
    const response = await post("grant_type=client_credentials", {
      ...urlencoded,
      authorization: basic("org-admin", "stub-secret"),
    });
    expect(response.status).toBe(200);
    // The token works: a read, which leaves the state for the other tests.
    const issued = JSON.parse(response.body).access_token;
    const read = await fetch(`${stub.baseUrl}/v3/access-profiles/2c9180835d191a86015d28455b4a2329`, {
      headers: { authorization: `Bearer ${issued}` },
    });
    expect(read.status).toBe(200);
  });

  test("refuses wrong HTTP Basic credentials with 401 invalid_client and WWW-Authenticate: Basic", async () => {
    for (const authorization of [
      basic("org-admin", "wrong"),
      basic("nobody", "stub-secret"),
      "Basic !!!",
      "Basic Zm9v",
    ]) {
      const response = await post("grant_type=client_credentials", { ...urlencoded, authorization });
      expect(response.status, authorization).toBe(401);
      expect(JSON.parse(response.body).error).toBe("invalid_client");
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="oauth"');
    }
  });

  test("refuses credentials sent both ways, or neither, with 400 invalid_request", async () => {
    const both = await post("grant_type=client_credentials&client_id=org-admin&client_secret=stub-secret", {
      ...urlencoded,
      authorization: basic("org-admin", "stub-secret"),
    });
    expect(both.status).toBe(400);
    expect(JSON.parse(both.body).error_description).toMatch(/authenticated twice/);
    const neither = await post("grant_type=client_credentials", urlencoded);
    expect(neither.status).toBe(400);
    expect(JSON.parse(neither.body).error_description).toMatch(/credentials are missing/);
  });

  test("accepts multipart/form-data, as the official SDK sends it", async () => {
    const form = new FormData();
    form.append("grant_type", "client_credentials");
    form.append("client_id", "org-admin");
    form.append("client_secret", "stub-secret");
    const response = await post(form);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const issued = JSON.parse(response.body).access_token;
    expect((await deleteWith(`Bearer ${issued}`, "2c9180835d191a86015d28455b4a2404")).status).toBe(204);
  });

  test("issues tokens whose authorities are the client's: helpdesk's are refused with 403", async () => {
    const accessToken = clientCredentialsToken({
      baseUrl: stub.baseUrl,
      clientId: "helpdesk",
      clientSecret: "stub-secret",
    });
    const { error } = await createAccessProfilesClient({
      baseUrl: `${stub.baseUrl}/v3`,
      accessToken,
    }).deleteAccessProfile(profile);
    expect(error?.detailCode).toBe("403 Forbidden");
  });

  test.each([
    [
      "an unknown client",
      "grant_type=client_credentials&client_id=nobody&client_secret=stub-secret",
      401,
      "invalid_client",
    ],
    ["a missing secret", "grant_type=client_credentials&client_id=org-admin", 400, "invalid_request"],
    ["an empty secret", "grant_type=client_credentials&client_id=org-admin&client_secret=", 400, "invalid_request"],
  ])("refuses %s", async (_what, form, status, error) => {
    const response = await post(form, { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error).toBe(error);
  });

  test("refuses a JSON body with invalid_request", async () => {
    const response = await post(
      JSON.stringify({ grant_type: "client_credentials", client_id: "org-admin", client_secret: "stub-secret" }),
      { "content-type": "application/json" },
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toBe("invalid_request");
  });

  test("refuses a form over the default body limit with invalid_request", async () => {
    const response = await post(
      `grant_type=client_credentials&client_id=org-admin&client_secret=${"x".repeat(defaults.bodyLimitBytes)}`,
      { "content-type": "application/x-www-form-urlencoded" },
    );
    expect(response.status).toBe(400);
  });

  describe("a multipart body it cannot take is the client's error, invalid_request, never a 500", () => {
    const part = (name: string, value: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const fields = part("grant_type", "client_credentials") + part("client_id", "org-admin");
    const multipart = { "content-type": "multipart/form-data; boundary=b" };

    test.each([
      ["cut short", `${fields}--b\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\nstub-`, /malformed/],
      [
        "with a control character in a part's header",
        `${fields}${part("\x02x", "1")}${part("client_secret", "stub-secret")}--b--\r\n`,
        /malformed/,
      ],
      ["with no boundary", `${fields}--b--\r\n`, /cannot be read/],
      [
        "with a file part",
        `${fields}--b\r\nContent-Disposition: form-data; name="f"; filename="f.txt"\r\n\r\nx\r\n--b--\r\n`,
        /file part/,
      ],
      [
        "with more than 20 fields",
        `${fields}${Array.from({ length: 20 }, (_, i) => part(`x${i}`, "1")).join("")}--b--\r\n`,
        /more than 20/,
      ],
    ])("%s", async (what, body, reason) => {
      const headers = what === "with no boundary" ? { "content-type": "multipart/form-data" } : multipart;
      const response = await post(body, headers);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ error: "invalid_request" });
      expect(JSON.parse(response.body).error_description).toMatch(reason);
    });

    test("over the body limit, which holds for multipart as for every body", async () => {
      const form = new FormData();
      form.append("grant_type", "client_credentials");
      form.append("client_id", "org-admin");
      form.append("client_secret", "x".repeat(600_000));
      const response = await post(form);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error_description).toMatch(/larger than the stub accepts/);
    });
  });

  test("refuses a declared Content-Length over the limit before reading the body", async () => {
    const { request } = await import("node:http");
    const url = new URL(`${stub.baseUrl}/oauth/token`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(40_000_000) },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        },
      );
      outgoing.on("error", reject);
      // A few bytes, not 40 MB: the answer must come without waiting for the rest.
      outgoing.write("grant_type=client_credentials");
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_request" });
  });

  test("caches a token until shortly before it expires, and shares one request between concurrent callers", async () => {
    let calls = 0;
    let clock = 0;
    const counting: typeof fetch = async (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const source = clientCredentialsToken({
      baseUrl: stub.baseUrl,
      clientId: "org-admin",
      clientSecret: "stub-secret",
      fetch: counting,
      now: () => clock,
    });
    const [a, b] = await Promise.all([source(), source()]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    clock += 700_000;
    await source();
    expect(calls).toBe(1);
    clock += 30_000;
    await source();
    expect(calls).toBe(2);
  });
});

describe("token service", () => {
  test("refuses a token once it expires, also after it was verified (and remembered) before", async () => {
    let clock = Date.parse("2026-11-21T12:00:00Z");
    const { createTokenService } = await import("../server/sailpoint-oauth/tokens.ts");
    const service = createTokenService({ secret: testTokenSecret, ttlSeconds: 60, now: () => new Date(clock) });
    const { token: issued } = await service.issue({ clientId: "api", clientSecret: "", authorities: ["API"] });
    expect(await service.verify(issued)).toMatchObject({
      ok: true,
      principal: { clientId: "api", authorities: ["API"] },
    });
    clock += 59_000;
    expect((await service.verify(issued)).ok).toBe(true);
    clock += 2_000;
    expect(await service.verify(issued)).toEqual({ ok: false, error: "JWT validation failed: JWT is expired" });
    expect(await service.verify(issued)).toEqual({ ok: false, error: "JWT validation failed: JWT is expired" });
  });

  test("does not remember a token whose signature failed", async () => {
    const { createTokenService } = await import("../server/sailpoint-oauth/tokens.ts");
    const service = createTokenService({ secret: testTokenSecret });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("contract-stub")
      .setExpirationTime(hour())
      .sign(new TextEncoder().encode("someone-elses-key-0123456789abcdef"));
    expect((await service.verify(forged)).ok).toBe(false);
    expect((await service.verify(forged)).ok).toBe(false);
  });
});
