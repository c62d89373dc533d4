// getAccessProfile: a contract scenario for each documented status (test/contract.test.ts runs them),
// through the generated client's typed `raw`. The same scenarios, through the v1 client, are
// getAccessProfileV1's: `getScenarios` makes both.
import { expect } from "vitest";
import { type ContractContext, type Scenarios, sailpointCommonScenarios } from "../support/contract.ts";
import { token } from "../support/tokens.ts";

const payrollApprovers = "2c9180835d191a86015d28455b4a2329";
const get = (id: string, init: { headers?: Record<string, string> } = {}) => ({
  params: { path: { id } },
  ...init,
});

/** How a scenario reads: one version's client, with the token given. */
export type Getter = (
  ctx: ContractContext,
  accessToken: string,
) => (request: ReturnType<typeof get>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export const getScenarios = (getter: Getter): Scenarios => ({
  ...sailpointCommonScenarios((ctx, accessToken, headers) =>
    getter(ctx, accessToken)(get(payrollApprovers, { headers })),
  ),
  200: {
    when: "the access profile exists: it, with its owner, its source by name and its entitlements",
    async run(ctx) {
      const { data, error, response } = await getter(ctx, await token())(get(payrollApprovers));
      expect(error).toBeUndefined();
      expect(data).toMatchObject({
        id: payrollApprovers,
        name: "Payroll Approvers",
        owner: { type: "IDENTITY", name: "Ada Admin" },
        source: { id: "2c9180835d191a86015d28455b4a0002", type: "SOURCE", name: "Workday" },
        entitlements: [{ type: "ENTITLEMENT", name: "Payroll Approver" }],
        enabled: true,
        requestable: true,
      });
      // A read changes nothing.
      expect(ctx.stub.store.accessProfiles.find(payrollApprovers)).toBeDefined();
      return response;
    },
  },
  400: {
    when: "Prefer: code=400 asks for the documented Bad Request",
    async run(ctx) {
      const { error, response } = await getter(
        ctx,
        await token(),
      )(get(payrollApprovers, { headers: { Prefer: "code=400" } }));
      expect(error).toMatchObject({ detailCode: "400.1 Bad Request Content" });
      return response;
    },
  },
  403: {
    when: "a source sub-admin reads an access profile of a source it does not administer (Workday)",
    async run(ctx) {
      const subadmin = await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] });
      const { error, response } = await getter(ctx, subadmin)(get(payrollApprovers));
      expect(error).toMatchObject({ detailCode: "403 Forbidden" });
      return response;
    },
  },
  404: {
    when: "no access profile has the id",
    async run(ctx) {
      const { error, response } = await getter(ctx, await token())(get("2c91808a7813090a0178141219190000"));
      expect(error).toMatchObject({ detailCode: "404 Not found" });
      return response;
    },
  },
});

export const scenarios = getScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointClient(accessToken).raw.GET("/access-profiles/{id}", request),
);
