// listAccessProfiles: a contract scenario for each documented status (test/contract.test.ts runs
// them), through the generated client's typed `raw`. The same scenarios, through the v1 client, are
// listAccessProfilesV1's: `listScenarios` makes both.
import { expect } from "vitest";
import { type ContractContext, type Scenarios, sailpointCommonScenarios } from "../support/contract.ts";
import { token } from "../support/tokens.ts";

const workday = "2c9180835d191a86015d28455b4a0002";
type Query = { filters?: string; sorters?: string; count?: boolean; limit?: number; offset?: number };
const list = (query: Query = {}, init: { headers?: Record<string, string> } = {}) => ({
  params: { query },
  ...init,
});

/** How a scenario lists: one version's client, with the token given. */
export type Lister = (
  ctx: ContractContext,
  accessToken: string,
) => (request: ReturnType<typeof list>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export const listScenarios = (lister: Lister): Scenarios => ({
  ...sailpointCommonScenarios((ctx, accessToken, headers) => lister(ctx, accessToken)(list({}, { headers }))),
  200: {
    when: "filtered to a source, sorted by name and counted: those access profiles in order, their total in X-Total-Count",
    async run(ctx) {
      const { data, error, response } = await lister(
        ctx,
        await token(),
      )(list({ filters: `source.id eq "${workday}"`, sorters: "-name", count: true }));
      expect(error).toBeUndefined();
      expect((data as { name: string }[]).map((p) => p.name)).toEqual(["Payroll Approvers", "Expense Reports"]);
      expect(data).toMatchObject([{ source: { id: workday, type: "SOURCE", name: "Workday" } }, {}]);
      expect(response.headers.get("x-total-count")).toBe("2");
      return response;
    },
  },
  400: {
    when: "the filter names a field the list does not filter on: refused, never ignored",
    async run(ctx) {
      const { error, response } = await lister(ctx, await token())(list({ filters: 'description co "payroll"' }));
      expect(error).toMatchObject({
        detailCode: "400.1 Bad Request Content",
        causes: [{ text: expect.stringMatching(/^Invalid filters: filtering on description is not supported/) }],
      });
      return response;
    },
  },
  403: {
    when: "the helpdesk user, who holds none of the authorities, lists",
    async run(ctx) {
      const helpdesk = await token({ clientId: "helpdesk", authorities: ["HELPDESK"] });
      const { error, response } = await lister(ctx, helpdesk)(list());
      expect(error).toMatchObject({ detailCode: "403 Forbidden" });
      return response;
    },
  },
});

export const scenarios = listScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointClient(accessToken).raw.GET("/access-profiles", request),
);
