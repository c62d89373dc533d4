// PutProfileObjectType: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

export const subscriptionType = {
  Description: "Subscriptions of a customer",
  Fields: {
    subscriptionId: { Source: "_source.subscriptionId", ContentType: "STRING" as const },
    email: { Source: "_source.email", Target: "_profile.EmailAddress", ContentType: "EMAIL_ADDRESS" as const },
  },
  Keys: {
    subscriptionId: [{ StandardIdentifiers: ["UNIQUE" as const], FieldNames: ["subscriptionId"] }],
    email: [{ StandardIdentifiers: ["PROFILE" as const], FieldNames: ["email"] }],
  },
};

const put = (
  ctx: ContractContext,
  options: { domain?: string; body?: typeof subscriptionType; secret?: string; headers?: Record<string, string> } = {},
) =>
  ctx.awsClient(options.secret).raw.PUT("/domains/{DomainName}/object-types/{ObjectTypeName}", {
    params: { path: { DomainName: options.domain ?? "DemoDomain", ObjectTypeName: "Subscription" } },
    body: options.body ?? subscriptionType,
    headers: options.headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) => put(ctx, { secret, headers })),
  200: {
    when: "a new type: the definition back, with its times; the state then holds it",
    async run(ctx) {
      const before = Date.now() / 1000;
      const { data, error, response } = await put(ctx);
      expect(error).toBeUndefined();
      expect(data).toEqual({
        ObjectTypeName: "Subscription",
        ...subscriptionType,
        CreatedAt: expect.any(Number),
        LastUpdatedAt: data?.CreatedAt,
      });
      expect(data!.CreatedAt!).toBeGreaterThanOrEqual(Math.floor(before));
      expect(ctx.stub.store.customerProfiles.objectType("DemoDomain", "Subscription")?.definition).toEqual(
        subscriptionType,
      );
      return response;
    },
  },
  400: {
    when: "a key names a field the type does not have",
    async run(ctx) {
      const { error, response } = await put(ctx, {
        body: {
          ...subscriptionType,
          Keys: { ...subscriptionType.Keys, email: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["mail"] }] },
        },
      });
      expect(awsErrorName(response)).toBe("BadRequestException");
      expect(error).toEqual({
        Message: "Object type Subscription is not valid: key email names field mail, which is not in Fields.",
      });
      return response;
    },
  },
  404: {
    when: "the domain does not exist",
    async run(ctx) {
      const { error, response } = await put(ctx, { domain: "NoSuchDomain" });
      expect(error).toEqual({ Message: "Domain NoSuchDomain not found." });
      return response;
    },
  },
};
