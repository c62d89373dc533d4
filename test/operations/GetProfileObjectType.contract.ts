// GetProfileObjectType: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const get = (ctx: ContractContext, name: string, secret?: string, headers?: Record<string, string>) =>
  ctx.awsClient(secret).raw.GET("/domains/{DomainName}/object-types/{ObjectTypeName}", {
    params: { path: { DomainName: "DemoDomain", ObjectTypeName: name } },
    headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) => get(ctx, "Order", secret, headers)),
  200: {
    when: "the type exists: its definition, keys and times",
    async run(ctx) {
      const { data, error, response } = await get(ctx, "Order");
      expect(error).toBeUndefined();
      expect(data).toMatchObject({
        ObjectTypeName: "Order",
        Keys: { orderId: [{ StandardIdentifiers: ["UNIQUE"], FieldNames: ["orderId"] }] },
        CreatedAt: 1735689600,
      });
      return response;
    },
  },
  400: {
    when: "the name breaks its pattern",
    async run(ctx) {
      const { error, response } = await get(ctx, "1-starts-with-a-digit");
      expect(awsErrorName(response)).toBe("BadRequestException");
      expect(error).toEqual({
        Message: expect.stringMatching(/^1 validation error detected: Value at 'ObjectTypeName'/),
      });
      return response;
    },
  },
  404: {
    when: "the domain has no type of that name",
    async run(ctx) {
      const { error, response } = await get(ctx, "NoSuchObjectType");
      expect(error).toEqual({ Message: "Object type NoSuchObjectType not found in domain DemoDomain." });
      return response;
    },
  },
};
