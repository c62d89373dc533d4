// deleteAccessProfile: a contract scenario for each documented status (test/contract.test.ts runs them).
// The same scenarios, through the v1 client, are deleteAccessProfileV1's: `deleteScenarios` makes both.
import { expect } from "vitest";
import type { AccessProfilesResult } from "../../client/index.ts";
import type { ContractContext, Scenarios } from "../support/contract.ts";
import { unusedAccessProfile } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

const unusedProfile = unusedAccessProfile;
const profileUsedByRole = "2c9180835d191a86015d28455b4a2329";

/** How a scenario deletes: one version's client, with the token given. */
export type Deleter = (
  ctx: ContractContext,
  accessToken: string,
) => (id: string, init?: { headers?: Record<string, string> }) => Promise<AccessProfilesResult>;

export const deleteScenarios = (deleter: Deleter): Scenarios => ({
  204: {
    when: "nothing uses the access profile, and deletes it",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token())(unusedProfile);
      expect(error).toBeUndefined();
      expect(ctx.stub.store.accessProfiles.find(unusedProfile)).toBeUndefined();
      return response;
    },
  },
  400: {
    when: "a role still uses the access profile",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token())(profileUsedByRole);
      expect(error?.name).toBe("BadRequest");
      expect(error?.detailCode).toBe("400.2.1.0 Object in use by another");
      expect(error?.message).toBe(`The "Payroll Approvers" access profile can't be deleted because it's in use.`);
      return response;
    },
  },
  401: {
    when: "the bearer token has expired",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token({ expiresIn: -60 }))(unusedProfile);
      expect(error?.name).toBe("Unauthorized");
      expect(error?.body).toEqual({ error: "JWT validation failed: JWT is expired" });
      return response;
    },
  },
  403: {
    when: "the token holds none of the required authorities",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token({ authorities: ["HELPDESK"] }))(unusedProfile);
      expect(error?.name).toBe("Forbidden");
      expect(error?.detailCode).toBe("403 Forbidden");
      expect(ctx.stub.store.accessProfiles.find(unusedProfile)).toBeDefined();
      return response;
    },
  },
  404: {
    when: "no access profile has the id",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token())("2c91808a7813090a0178141219190000");
      expect(error?.name).toBe("NotFound");
      expect(error?.detailCode).toBe("404 Not found");
      return response;
    },
  },
  429: {
    when: "Prefer: code=429 asks for rate limiting",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token())(unusedProfile, {
        headers: { Prefer: "code=429" },
      });
      expect(error?.name).toBe("TooManyRequests");
      expect(error?.retryAfterSeconds).toBeGreaterThanOrEqual(0);
      return response;
    },
  },
  500: {
    when: "Prefer: code=500 asks for an internal fault",
    async run(ctx) {
      const { error, response } = await deleter(ctx, await token())(unusedProfile, {
        headers: { Prefer: "code=500" },
      });
      expect(error?.name).toBe("InternalServerError");
      expect(error?.detailCode).toBe("500.0 Internal Fault");
      return response;
    },
  },
});

export const scenarios = deleteScenarios(
  (ctx, accessToken) => (id, init) => ctx.sailpointClient(accessToken).deleteAccessProfile(id, init),
);
