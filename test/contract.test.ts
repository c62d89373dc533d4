// The generated clients against the real app, for every operation × every documented status. The
// list of tests comes from the bundled specs, so a status added to a spec fails here until it has
// a scenario; every response is checked by the independent oracle.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createAccessProfilesClient,
  createCustomerProfilesClient,
  createSailPointOAuthClient,
  createStubAdminClient,
} from "../client/index.ts";
import { adminCalls, invalidAdminCalls, preferring, withHeader } from "./support/admin-calls.ts";
import { apiNames, ContractOracle, documentedMatrix, recordingFetch } from "./support/oracle.ts";
import { demoCredentials, demoObject, type TestStub, startTestStub, unusedAccessProfile } from "./support/stub.ts";
import { token } from "./support/tokens.ts";

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

const awsClient = (secretAccessKey = demoCredentials.secretAccessKey) =>
  createCustomerProfilesClient({
    baseUrl: stub.baseUrl,
    region: "us-east-1",
    credentials: { ...demoCredentials, secretAccessKey },
    fetch: wire.fetch,
    retry: false,
  });
const oauthClient = () => createSailPointOAuthClient({ baseUrl: stub.baseUrl, fetch: wire.fetch });
const sailpointClient = (accessToken: string) =>
  createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken, fetch: wire.fetch, retry: false });

const sampleObject = demoObject;
const unusedProfile = unusedAccessProfile;
const profileUsedByRole = "2c9180835d191a86015d28455b4a2329";

interface Scenario {
  /** Reads as the end of "returns <status> …". */
  when: string;
  run(): Promise<unknown>;
}

const scenarios: Record<string, Scenario> = {
  "DeleteProfileObject 200": {
    when: "the object exists, and deletes it",
    async run() {
      const { data, error, response } = await awsClient().deleteProfileObject(sampleObject);
      expect(error).toBeUndefined();
      expect(data).toEqual({ Message: "OK" });
      return response;
    },
  },
  "DeleteProfileObject 400": {
    when: "the ProfileId breaks its pattern (the published sample's id)",
    async run() {
      const { error, response } = await awsClient().deleteProfileObject({
        ...sampleObject,
        ProfileId: "3991a7d959d248bba82546b2dEXAMPLE",
      });
      expect(error?.name).toBe("BadRequestException");
      expect(error?.message).toMatch(/Value at 'ProfileId' failed to satisfy constraint/);
      return response;
    },
  },
  "DeleteProfileObject 403": {
    when: "the request is signed with the wrong secret",
    async run() {
      const { error, response } = await awsClient("not-the-secret").deleteProfileObject(sampleObject);
      expect(error?.name).toBe("AccessDeniedException");
      expect(error?.message).toMatch(/signature we calculated does not match/);
      return response;
    },
  },
  "DeleteProfileObject 404": {
    when: "no object has that key",
    async run() {
      const { error, response } = await awsClient().deleteProfileObject({
        ...sampleObject,
        ProfileObjectUniqueKey: "NoSuchObjectKey",
      });
      expect(error?.name).toBe("ResourceNotFoundException");
      return response;
    },
  },
  "DeleteProfileObject 429": {
    when: "Prefer: code=429 asks for throttling",
    async run() {
      const { error, response } = await awsClient().deleteProfileObject(sampleObject, {
        headers: { Prefer: "code=429" },
      });
      expect(error?.name).toBe("ThrottlingException");
      return response;
    },
  },
  "DeleteProfileObject 500": {
    when: "Prefer: code=500 asks for an internal error",
    async run() {
      const { error, response } = await awsClient().deleteProfileObject(sampleObject, {
        headers: { Prefer: "code=500" },
      });
      expect(error?.name).toBe("InternalServerException");
      return response;
    },
  },
  "createAccessToken 200": {
    when: "a demo client sends its id and secret, and the token it gets works on /v3",
    async run() {
      const { data, error, response } = await oauthClient().createAccessToken({
        clientId: "org-admin",
        clientSecret: "stub-secret",
      });
      expect(error).toBeUndefined();
      expect(data).toMatchObject({ token_type: "bearer", expires_in: 749, scope: "sp:scopes:all" });
      const used = await createAccessProfilesClient({
        baseUrl: `${stub.baseUrl}/v3`,
        accessToken: data!.access_token,
      }).deleteAccessProfile(unusedProfile);
      expect(used.response.status).toBe(204);
      return response;
    },
  },
  "createAccessToken 400": {
    when: "the grant is not client_credentials",
    async run() {
      const { error } = await oauthClient().raw.POST("/oauth/token", {
        body: { grant_type: "password", client_id: "org-admin", client_secret: "stub-secret" },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(error).toEqual({ error: "unsupported_grant_type", error_description: "Unsupported grant type: password" });
    },
  },
  "createAccessToken 401": {
    when: "the secret is wrong",
    async run() {
      const { error } = await oauthClient().createAccessToken({ clientId: "org-admin", clientSecret: "wrong" });
      expect(error).toMatchObject({ status: 401, code: "invalid_client", message: "Bad client credentials" });
    },
  },
  "createAccessToken 500": {
    when: "Prefer: code=500 asks for a fault",
    async run() {
      const { error } = await oauthClient().createAccessToken(
        { clientId: "org-admin", clientSecret: "stub-secret" },
        { headers: { Prefer: "code=500" } },
      );
      expect(error).toMatchObject({ status: 500, code: "server_error" });
    },
  },
  "deleteAccessProfile 204": {
    when: "nothing uses the access profile, and deletes it",
    async run() {
      const { error, response } = await sailpointClient(await token()).deleteAccessProfile(unusedProfile);
      expect(error).toBeUndefined();
      expect(stub.store.accessProfiles.find(unusedProfile)).toBeUndefined();
      return response;
    },
  },
  "deleteAccessProfile 400": {
    when: "a role still uses the access profile",
    async run() {
      const { error, response } = await sailpointClient(await token()).deleteAccessProfile(profileUsedByRole);
      expect(error?.name).toBe("BadRequest");
      expect(error?.detailCode).toBe("400.2.1.0 Object in use by another");
      expect(error?.message).toBe(`The "Payroll Approvers" access profile can't be deleted because it's in use.`);
      return response;
    },
  },
  "deleteAccessProfile 401": {
    when: "the bearer token has expired",
    async run() {
      const { error, response } = await sailpointClient(await token({ expiresIn: -60 })).deleteAccessProfile(
        unusedProfile,
      );
      expect(error?.name).toBe("Unauthorized");
      expect(error?.body).toEqual({ error: "JWT validation failed: JWT is expired" });
      return response;
    },
  },
  "deleteAccessProfile 403": {
    when: "the token holds none of the required authorities",
    async run() {
      const { error, response } = await sailpointClient(await token({ authorities: ["HELPDESK"] })).deleteAccessProfile(
        unusedProfile,
      );
      expect(error?.name).toBe("Forbidden");
      expect(error?.detailCode).toBe("403 Forbidden");
      expect(stub.store.accessProfiles.find(unusedProfile)).toBeDefined();
      return response;
    },
  },
  "deleteAccessProfile 404": {
    when: "no access profile has the id",
    async run() {
      const { error, response } = await sailpointClient(await token()).deleteAccessProfile(
        "2c91808a7813090a0178141219190000",
      );
      expect(error?.name).toBe("NotFound");
      expect(error?.detailCode).toBe("404 Not found");
      return response;
    },
  },
  "deleteAccessProfile 429": {
    when: "Prefer: code=429 asks for rate limiting",
    async run() {
      const { error, response } = await sailpointClient(await token()).deleteAccessProfile(unusedProfile, {
        headers: { Prefer: "code=429" },
      });
      expect(error?.name).toBe("TooManyRequests");
      expect(error?.retryAfterSeconds).toBeGreaterThanOrEqual(0);
      return response;
    },
  },
  "deleteAccessProfile 500": {
    when: "Prefer: code=500 asks for an internal fault",
    async run() {
      const { error, response } = await sailpointClient(await token()).deleteAccessProfile(unusedProfile, {
        headers: { Prefer: "code=500" },
      });
      expect(error?.name).toBe("InternalServerError");
      expect(error?.detailCode).toBe("500.0 Internal Fault");
      return response;
    },
  },
};

const matrix = apiNames.flatMap(documentedMatrix);

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
  scenarios[`${row.operationId} 405`] = {
    when: `the path is sent ${method}, a method it does not take`,
    run: () => wire.fetch(`${stub.baseUrl}${base.replace(/\/$/, "")}${row.path}`, { method }),
  };
}

const operations = [...new Set(matrix.map((row) => `${row.method} ${row.path}`))];

for (const operation of operations) {
  describe(operation, () => {
    for (const row of matrix.filter((r) => `${r.method} ${r.path}` === operation)) {
      const scenario = scenarios[`${row.operationId} ${row.status}`];
      test(`returns ${row.status} when ${scenario?.when ?? "(no scenario written yet)"}`, async () => {
        expect(scenario, `documented status ${row.status} of ${row.operationId} has no contract test`).toBeDefined();
        await scenario!.run();
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
