// DeleteProfileObjectType: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const remove = (ctx: ContractContext, name: string, secret?: string, headers?: Record<string, string>) =>
  ctx.awsClient(secret).raw.DELETE("/domains/{DomainName}/object-types/{ObjectTypeName}", {
    params: { path: { DomainName: "DemoDomain", ObjectTypeName: name } },
    headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) => remove(ctx, "CTR", secret, headers)),
  200: {
    when: "the type exists: it goes, and its objects with it",
    async run(ctx) {
      const { data, error, response } = await remove(ctx, "MyCustomObjectName");
      expect(error).toBeUndefined();
      expect(data).toEqual({ Message: "OK" });
      const store = ctx.stub.store.customerProfiles;
      expect(store.objectType("DemoDomain", "MyCustomObjectName")).toBeUndefined();
      expect(store.snapshot().profileObjects.filter((o) => o.objectTypeName === "MyCustomObjectName")).toEqual([]);
      return response;
    },
  },
  400: {
    when: "the name is too long",
    async run(ctx) {
      const { response } = await remove(ctx, "T".repeat(256));
      expect(awsErrorName(response)).toBe("BadRequestException");
      return response;
    },
  },
  404: {
    when: "the domain has no type of that name",
    async run(ctx) {
      const { error, response } = await remove(ctx, "NoSuchObjectType");
      expect(error).toEqual({ Message: "Object type NoSuchObjectType not found in domain DemoDomain." });
      return response;
    },
  },
};
