// patchAccessProfile: a contract scenario for each documented status (test/contract.test.ts runs
// them), through the generated client's typed `raw`. The same scenarios, through the v1 client, are
// patchAccessProfileV1's: `patchScenarios` makes both.
import { expect } from "vitest";
import type { components } from "../../generated/access-profiles.d.ts";
import { type ContractContext, type Scenarios, sailpointCommonScenarios } from "../support/contract.ts";
import { unusedAccessProfile } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

type JsonPatch = components["schemas"]["JsonPatch"];
const salesforce = "2c9180835d191a86015d28455b4a0003";
const payrollApprovers = "2c9180835d191a86015d28455b4a2329";
const described: JsonPatch = [{ op: "replace", path: "/description", value: "Remote support, described anew." }];
const patch = (id: string, body: JsonPatch, headers: Record<string, string> = {}) => ({
  params: { path: { id } },
  body,
  headers: { "Content-Type": "application/json-patch+json", ...headers },
});

/** How a scenario patches: one version's client, with the token given. */
export type Patcher = (
  ctx: ContractContext,
  accessToken: string,
) => (request: ReturnType<typeof patch>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const recordOf = (ctx: ContractContext, id: string) => structuredClone(ctx.stub.store.accessProfiles.find(id));

export const patchScenarios = (patcher: Patcher): Scenarios => ({
  ...sailpointCommonScenarios((ctx, accessToken, headers) =>
    patcher(ctx, accessToken)(patch(unusedAccessProfile, described, headers)),
  ),
  200: {
    when: "a replace and an add: the access profile as patched, with a new modified, in the state",
    async run(ctx) {
      const before = recordOf(ctx, unusedAccessProfile)!;
      const { data, error, response } = await patcher(
        ctx,
        await token(),
      )(
        patch(unusedAccessProfile, [
          ...described,
          {
            op: "add",
            path: "/entitlements/-",
            value: { type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" },
          },
        ]),
      );
      expect(error).toBeUndefined();
      expect(data).toMatchObject({
        id: unusedAccessProfile,
        name: before.name,
        description: "Remote support, described anew.",
        created: before.created,
        entitlements: [
          { type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0101" },
          {
            type: "ENTITLEMENT",
            id: "2c9180835d191a86015d28455b4e0103",
            name: "CN=VPN-Users,OU=Groups,DC=demo,DC=local",
          },
        ],
      });
      expect((data as { modified: string }).modified > before.modified!).toBe(true);
      expect(recordOf(ctx, unusedAccessProfile)).toMatchObject({ description: "Remote support, described anew." });
      return response;
    },
  },
  400: {
    when: "the source without the entitlements: refused with the cause, and nothing changes",
    async run(ctx) {
      const before = recordOf(ctx, unusedAccessProfile);
      const { error, response } = await patcher(
        ctx,
        await token(),
      )(patch(unusedAccessProfile, [{ op: "replace", path: "/source", value: { type: "SOURCE", id: salesforce } }]));
      expect(error).toMatchObject({
        detailCode: "400.1 Bad Request Content",
        causes: [{ text: expect.stringContaining("/source can be patched only together with /entitlements") }],
      });
      expect(recordOf(ctx, unusedAccessProfile)).toEqual(before);
      return response;
    },
  },
  403: {
    when: "a source sub-admin patches an access profile of a source it does not administer (Workday)",
    async run(ctx) {
      const subadmin = await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] });
      const before = recordOf(ctx, payrollApprovers);
      const { error, response } = await patcher(ctx, subadmin)(patch(payrollApprovers, described));
      expect(error).toMatchObject({ detailCode: "403 Forbidden" });
      expect(recordOf(ctx, payrollApprovers)).toEqual(before);
      return response;
    },
  },
  404: {
    when: "no access profile has the id",
    async run(ctx) {
      const { error, response } = await patcher(
        ctx,
        await token(),
      )(patch("2c91808a7813090a0178141219190000", described));
      expect(error).toMatchObject({ detailCode: "404 Not found" });
      return response;
    },
  },
});

export const scenarios = patchScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointClient(accessToken).raw.PATCH("/access-profiles/{id}", request),
);
