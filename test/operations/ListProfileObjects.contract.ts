// ListProfileObjects: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import { awsCommonScenarios, awsErrorName, type ContractContext, type Scenarios } from "../support/contract.ts";

const jane = "3991a7d959d248bba82546b2d0e0a1b2";

const list = (
  ctx: ContractContext,
  body: { ObjectTypeName: string; ProfileId: string; ObjectFilter?: { KeyName: string; Values: string[] } },
  options: {
    query?: { "max-results"?: number; "next-token"?: string };
    secret?: string;
    headers?: Record<string, string>;
  } = {},
) =>
  ctx.awsClient(options.secret).raw.POST("/domains/{DomainName}/profiles/objects", {
    params: { path: { DomainName: "DemoDomain" }, query: options.query },
    body,
    headers: options.headers,
  });

export const scenarios: Scenarios = {
  ...awsCommonScenarios((ctx, secret, headers) =>
    list(ctx, { ObjectTypeName: "CTR", ProfileId: jane }, { secret, headers }),
  ),
  200: {
    when: "a profile's objects of a type: each with its key and the object as put",
    async run(ctx) {
      const { data, error, response } = await list(ctx, { ObjectTypeName: "CTR", ProfileId: jane });
      expect(error).toBeUndefined();
      expect(data).toEqual({
        Items: [
          {
            ObjectTypeName: "CTR",
            ProfileObjectUniqueKey: "contact-0001",
            Object: JSON.stringify({
              contactId: "contact-0001",
              phone: "+15555550100",
              channel: "VOICE",
              queue: "BasicQueue",
            }),
          },
        ],
      });
      return response;
    },
  },
  400: {
    when: "max-results is over 100",
    async run(ctx) {
      const { error, response } = await list(
        ctx,
        { ObjectTypeName: "CTR", ProfileId: jane },
        { query: { "max-results": 101 } },
      );
      expect(awsErrorName(response)).toBe("BadRequestException");
      expect(error).toEqual({ Message: expect.stringMatching(/Value at 'max-results' failed to satisfy constraint/) });
      return response;
    },
  },
  404: {
    when: "no profile has that id",
    async run(ctx) {
      const { error, response } = await list(ctx, { ObjectTypeName: "CTR", ProfileId: "f".repeat(32) });
      expect(error).toEqual({ Message: `Profile ${"f".repeat(32)} not found in domain DemoDomain.` });
      return response;
    },
  },
};
