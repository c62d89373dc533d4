// deleteAccessProfilesInBulk: a contract scenario for each documented status (test/contract.test.ts
// runs them), through the generated client's typed `raw`. The same scenarios, through the v1
// client, are deleteAccessProfilesInBulkV1's: `bulkDeleteScenarios` makes both.
import { expect } from "vitest";
import { type ContractContext, type Scenarios, sailpointCommonScenarios } from "../support/contract.ts";
import { unusedAccessProfile } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

const payrollApprovers = "2c9180835d191a86015d28455b4a2329";
type Body = { accessProfileIds: string[]; bestEffortOnly?: boolean };
const bulk = (body: Body, init: { headers?: Record<string, string> } = {}) => ({ body, ...init });

/** How a scenario deletes in bulk: one version's client, with the token given. */
export type BulkDeleter = (
  ctx: ContractContext,
  accessToken: string,
) => (request: ReturnType<typeof bulk>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export const bulkDeleteScenarios = (deleter: BulkDeleter): Scenarios => ({
  ...sailpointCommonScenarios((ctx, accessToken, headers) =>
    deleter(ctx, accessToken)(bulk({ accessProfileIds: [unusedAccessProfile] }, { headers })),
  ),
  200: {
    when: "one of them is in use and bestEffortOnly is false: nothing deleted, the role that uses it named",
    async run(ctx) {
      const { data, error, response } = await deleter(
        ctx,
        await token(),
      )(bulk({ accessProfileIds: [unusedAccessProfile, payrollApprovers], bestEffortOnly: false }));
      expect(error).toBeUndefined();
      expect(data).toEqual({
        pending: [],
        inUse: [
          {
            accessProfileId: payrollApprovers,
            usedBy: [{ type: "ROLE", id: "2c9180835d191a86015d28455b4a2330", name: "Payroll Team" }],
          },
        ],
      });
      expect(ctx.stub.store.accessProfiles.find(unusedAccessProfile)).toBeDefined();
      return response;
    },
  },
  202: {
    when: "best effort: the unused one deleted before the answer, the one in use left and named",
    async run(ctx) {
      const { data, error, response } = await deleter(
        ctx,
        await token(),
      )(bulk({ accessProfileIds: [unusedAccessProfile, payrollApprovers], bestEffortOnly: true }));
      expect(error).toBeUndefined();
      expect(data).toMatchObject({
        taskId: expect.stringMatching(/^[0-9a-f]{32}$/),
        pending: [unusedAccessProfile],
        inUse: [{ accessProfileId: payrollApprovers }],
      });
      expect(ctx.stub.store.accessProfiles.find(unusedAccessProfile)).toBeUndefined();
      expect(ctx.stub.store.accessProfiles.find(payrollApprovers)).toBeDefined();
      return response;
    },
  },
  400: {
    when: "an ID names no access profile: refused, and nothing deleted",
    async run(ctx) {
      const { error, response } = await deleter(
        ctx,
        await token(),
      )(bulk({ accessProfileIds: [unusedAccessProfile, "2c91808a7813090a0178141219190000"], bestEffortOnly: true }));
      expect(error).toMatchObject({
        detailCode: "400.1.404 Referenced object not found",
        causes: [{ text: 'No access profile has the ID "2c91808a7813090a0178141219190000".' }],
      });
      expect(ctx.stub.store.accessProfiles.find(unusedAccessProfile)).toBeDefined();
      return response;
    },
  },
  403: {
    when: "a source sub-admin names an access profile of a source it does not administer (Workday)",
    async run(ctx) {
      const subadmin = await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] });
      const { error, response } = await deleter(ctx, subadmin)(bulk({ accessProfileIds: [payrollApprovers] }));
      expect(error).toMatchObject({ detailCode: "403 Forbidden" });
      return response;
    },
  },
});

export const scenarios = bulkDeleteScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointClient(accessToken).raw.POST("/access-profiles/bulk-delete", request),
);
