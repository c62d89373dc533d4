// createAccessProfile: a contract scenario for each documented status (test/contract.test.ts runs
// them), through the generated client's typed `raw`. The same scenarios, through the v1 client, are
// createAccessProfileV1's: `createScenarios` makes both.
import { expect } from "vitest";
import { type ContractContext, type Scenarios, sailpointCommonScenarios } from "../support/contract.ts";
import { token } from "../support/tokens.ts";

const activeDirectory = "2c9180835d191a86015d28455b4a0001";
const workday = "2c9180835d191a86015d28455b4a0002";
const samSource = "2c9180a46faadee4016fb4e018c20640";
const vpnUsers = "2c9180835d191a86015d28455b4e0103";

interface NewProfile {
  name: string;
  description?: string;
  owner: { type?: "IDENTITY"; id?: string };
  source: { type?: "SOURCE"; id?: string };
  entitlements?: { type?: "ENTITLEMENT"; id?: string }[];
  enabled?: boolean;
}
const contractorVpn: NewProfile = {
  name: "Contractor VPN",
  owner: { type: "IDENTITY", id: samSource },
  source: { type: "SOURCE", id: activeDirectory },
  entitlements: [{ type: "ENTITLEMENT", id: vpnUsers }],
  enabled: true,
};
const create = (body: NewProfile, init: { headers?: Record<string, string> } = {}) => ({ body, ...init });

/** How a scenario creates: one version's client, with the token given. */
export type Creator = (
  ctx: ContractContext,
  accessToken: string,
) => (request: ReturnType<typeof create>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const countOf = (ctx: ContractContext) => ctx.stub.store.accessProfiles.all().length;

export const createScenarios = (creator: Creator): Scenarios => ({
  ...sailpointCommonScenarios((ctx, accessToken, headers) =>
    creator(ctx, accessToken)(create(contractorVpn, { headers })),
  ),
  201: {
    when: "the source exists and the entitlement is its own: the access profile, with a new ID, dates and names filled in",
    async run(ctx) {
      const { data, error, response } = await creator(ctx, await token())(create(contractorVpn));
      expect(error).toBeUndefined();
      const created = data as { id: string; created: string; modified: string };
      expect(created).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        name: "Contractor VPN",
        owner: { type: "IDENTITY", id: samSource, name: "Sam Source" },
        source: { id: activeDirectory, type: "SOURCE", name: "Active Directory" },
        entitlements: [{ type: "ENTITLEMENT", id: vpnUsers, name: "CN=VPN-Users,OU=Groups,DC=demo,DC=local" }],
        enabled: true,
        requestable: true,
      });
      expect(created.modified).toBe(created.created);
      // It is in the state, as a get or a list would find it.
      expect(ctx.stub.store.accessProfiles.find(created.id)).toMatchObject({ name: "Contractor VPN" });
      return response;
    },
  },
  400: {
    when: "the entitlement is another source's: refused with the cause, and nothing is created",
    async run(ctx) {
      const before = countOf(ctx);
      const { error, response } = await creator(
        ctx,
        await token(),
      )(create({ ...contractorVpn, source: { type: "SOURCE", id: workday } }));
      expect(error).toMatchObject({
        detailCode: "400.1 Bad Request Content",
        causes: [{ text: `The entitlement "${vpnUsers}" is not one of the source "Workday" (${workday}).` }],
      });
      expect(countOf(ctx)).toBe(before);
      return response;
    },
  },
  403: {
    when: "a source sub-admin creates one of a source it does not administer (Workday)",
    async run(ctx) {
      const before = countOf(ctx);
      const subadmin = await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] });
      const { error, response } = await creator(
        ctx,
        subadmin,
      )(create({ ...contractorVpn, source: { type: "SOURCE", id: workday }, entitlements: [] }));
      expect(error).toMatchObject({ detailCode: "403 Forbidden" });
      expect(countOf(ctx)).toBe(before);
      return response;
    },
  },
});

export const scenarios = createScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointClient(accessToken).raw.POST("/access-profiles", request),
);
