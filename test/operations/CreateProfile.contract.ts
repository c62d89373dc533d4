// CreateProfile: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const create = (
  ctx: ContractContext,
  body: Record<string, unknown>,
  options: { domain?: string; secret?: string; headers?: Record<string, string> } = {},
) =>
  ctx.awsClient(options.secret).raw.POST("/domains/{DomainName}/profiles", {
    params: { path: { DomainName: options.domain ?? "DemoDomain" } },
    body,
    headers: options.headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) => create(ctx, { FirstName: "Ana" }, { secret, headers })),
  200: {
    when: "in a domain that exists: a new ProfileId, the profile in the state with the attributes sent",
    async run(ctx) {
      const { data, error, response } = await create(ctx, { FirstName: "Ana", EmailAddress: "ana.silva@example.com" });
      expect(error).toBeUndefined();
      expect(data?.ProfileId).toMatch(/^[a-f0-9]{32}$/);
      expect(ctx.stub.store.customerProfiles.profile("DemoDomain", data!.ProfileId)).toEqual({
        domainName: "DemoDomain",
        profileId: data!.ProfileId,
        attributes: { FirstName: "Ana", EmailAddress: "ana.silva@example.com" },
      });
      return response;
    },
  },
  400: {
    when: "an attribute is empty",
    async run(ctx) {
      const { error, response } = await create(ctx, { FirstName: "" });
      expect(awsErrorName(response)).toBe("BadRequestException");
      expect(error).toEqual({ Message: expect.stringMatching(/Value at 'FirstName' failed to satisfy constraint/) });
      return response;
    },
  },
  404: {
    when: "the domain does not exist",
    async run(ctx) {
      const { error, response } = await create(ctx, { FirstName: "Ana" }, { domain: "NoSuchDomain" });
      expect(error).toEqual({ Message: "Domain NoSuchDomain not found." });
      return response;
    },
  },
};
