// createAccessToken: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { createAccessProfilesClient } from "../../client/index.ts";
import type { Scenarios } from "../support/contract.ts";
import { unusedAccessProfile } from "../support/stub.ts";

const unusedProfile = unusedAccessProfile;

export const scenarios: Scenarios = {
  200: {
    when: "a demo client sends its id and secret, and the token it gets works on /v3",
    async run(ctx) {
      const { data, error, response } = await ctx.oauthClient().createAccessToken({
        clientId: "org-admin",
        clientSecret: "stub-secret",
      });
      expect(error).toBeUndefined();
      expect(data).toMatchObject({ token_type: "bearer", expires_in: 749, scope: "sp:scopes:all" });
      const used = await createAccessProfilesClient({
        baseUrl: `${ctx.stub.baseUrl}/v3`,
        accessToken: data!.access_token,
      }).deleteAccessProfile(unusedProfile);
      expect(used.response.status).toBe(204);
      return response;
    },
  },
  400: {
    when: "the grant is not client_credentials",
    async run(ctx) {
      const { error } = await ctx.oauthClient().raw.POST("/oauth/token", {
        body: { grant_type: "password", client_id: "org-admin", client_secret: "stub-secret" },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(error).toEqual({ error: "unsupported_grant_type", error_description: "Unsupported grant type: password" });
    },
  },
  401: {
    when: "the secret is wrong",
    async run(ctx) {
      const { error } = await ctx.oauthClient().createAccessToken({ clientId: "org-admin", clientSecret: "wrong" });
      expect(error).toMatchObject({ status: 401, code: "invalid_client", message: "Bad client credentials" });
    },
  },
  500: {
    when: "Prefer: code=500 asks for a fault",
    async run(ctx) {
      const { error } = await ctx
        .oauthClient()
        .createAccessToken({ clientId: "org-admin", clientSecret: "stub-secret" }, { headers: { Prefer: "code=500" } });
      expect(error).toMatchObject({ status: 500, code: "server_error" });
    },
  },
};
