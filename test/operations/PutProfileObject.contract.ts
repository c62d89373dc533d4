// PutProfileObject: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const jane = "3991a7d959d248bba82546b2d0e0a1b2";
const order = { orderId: "1002", email: "jane.doe@example.com", total: "19.90", currency: "EUR" };

const put = (
  ctx: ContractContext,
  body: { ObjectTypeName: string; Object: string },
  secret?: string,
  headers?: Record<string, string>,
) =>
  ctx.awsClient(secret).raw.PUT("/domains/{DomainName}/profiles/objects", {
    params: { path: { DomainName: "DemoDomain" } },
    body,
    headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) =>
    put(ctx, { ObjectTypeName: "Order", Object: JSON.stringify(order) }, secret, headers),
  ),
  200: {
    when: "an order with a profile's email address: a key, and the object attached to that profile",
    async run(ctx) {
      const { data, error, response } = await put(ctx, { ObjectTypeName: "Order", Object: JSON.stringify(order) });
      expect(error).toBeUndefined();
      expect(data?.ProfileObjectUniqueKey).toMatch(/^[a-f0-9]{32}$/);
      expect(
        ctx.stub.store.customerProfiles
          .snapshot()
          .profileObjects.find((o) => o.uniqueKey === data!.ProfileObjectUniqueKey),
      ).toEqual({
        domainName: "DemoDomain",
        profileId: jane,
        objectTypeName: "Order",
        uniqueKey: data!.ProfileObjectUniqueKey,
        fields: order,
      });
      return response;
    },
  },
  400: {
    when: "Object is not a JSON object",
    async run(ctx) {
      const { error, response } = await put(ctx, { ObjectTypeName: "Order", Object: "[1, 2]" });
      expect(awsErrorName(response)).toBe("BadRequestException");
      expect(error).toEqual({ Message: "Object must be a JSON object serialized as a string." });
      return response;
    },
  },
  404: {
    when: "no profile has the order's email address, and the type creates none",
    async run(ctx) {
      const { error, response } = await put(ctx, {
        ObjectTypeName: "Order",
        Object: JSON.stringify({ ...order, email: "nobody@example.com" }),
      });
      expect(error).toEqual({
        Message: expect.stringMatching(/^No profile in domain DemoDomain matches the object's PROFILE key email/),
      });
      return response;
    },
  },
};
