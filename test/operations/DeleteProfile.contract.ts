// DeleteProfile: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const john = "0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b";

const remove = (ctx: ContractContext, ProfileId: string, secret?: string, headers?: Record<string, string>) =>
  ctx.awsClient(secret).raw.POST("/domains/{DomainName}/profiles/delete", {
    params: { path: { DomainName: "DemoDomain" } },
    body: { ProfileId },
    headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) => remove(ctx, john, secret, headers)),
  200: {
    when: "the profile exists: it goes, and its objects with it",
    async run(ctx) {
      const { data, error, response } = await remove(ctx, john);
      expect(error).toBeUndefined();
      expect(data).toEqual({ Message: "OK" });
      const store = ctx.stub.store.customerProfiles;
      expect(store.profile("DemoDomain", john)).toBeUndefined();
      expect(store.snapshot().profileObjects.filter((o) => o.profileId === john)).toEqual([]);
      return response;
    },
  },
  400: {
    when: "the ProfileId breaks its pattern",
    async run(ctx) {
      const { response } = await remove(ctx, "3991a7d959d248bba82546b2dEXAMPLE");
      expect(awsErrorName(response)).toBe("BadRequestException");
      return response;
    },
  },
  404: {
    when: "no profile has that id",
    async run(ctx) {
      const { error, response } = await remove(ctx, "f".repeat(32));
      expect(error).toEqual({ Message: `Profile ${"f".repeat(32)} not found in domain DemoDomain.` });
      return response;
    },
  },
};
