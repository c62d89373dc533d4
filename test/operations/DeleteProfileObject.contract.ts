// DeleteProfileObject: a contract scenario for each documented status (test/contract.test.ts runs them).
import { expect } from "vitest";
import type { Scenarios } from "../support/contract.ts";
import { demoObject } from "../support/stub.ts";

const sampleObject = demoObject;

export const scenarios: Scenarios = {
  200: {
    when: "the object exists, and deletes it",
    async run(ctx) {
      const { data, error, response } = await ctx.awsClient().deleteProfileObject(sampleObject);
      expect(error).toBeUndefined();
      expect(data).toEqual({ Message: "OK" });
      return response;
    },
  },
  400: {
    when: "the ProfileId breaks its pattern (the published sample's id)",
    async run(ctx) {
      const { error, response } = await ctx.awsClient().deleteProfileObject({
        ...sampleObject,
        ProfileId: "3991a7d959d248bba82546b2dEXAMPLE",
      });
      expect(error?.name).toBe("BadRequestException");
      expect(error?.message).toMatch(/Value at 'ProfileId' failed to satisfy constraint/);
      return response;
    },
  },
  403: {
    when: "the request is signed with the wrong secret",
    async run(ctx) {
      const { error, response } = await ctx.awsClient("not-the-secret").deleteProfileObject(sampleObject);
      expect(error?.name).toBe("AccessDeniedException");
      expect(error?.message).toMatch(/signature we calculated does not match/);
      return response;
    },
  },
  404: {
    when: "no object has that key",
    async run(ctx) {
      const { error, response } = await ctx.awsClient().deleteProfileObject({
        ...sampleObject,
        ProfileObjectUniqueKey: "NoSuchObjectKey",
      });
      expect(error?.name).toBe("ResourceNotFoundException");
      return response;
    },
  },
  429: {
    when: "Prefer: code=429 asks for throttling",
    async run(ctx) {
      const { error, response } = await ctx.awsClient().deleteProfileObject(sampleObject, {
        headers: { Prefer: "code=429" },
      });
      expect(error?.name).toBe("ThrottlingException");
      return response;
    },
  },
  500: {
    when: "Prefer: code=500 asks for an internal error",
    async run(ctx) {
      const { error, response } = await ctx.awsClient().deleteProfileObject(sampleObject, {
        headers: { Prefer: "code=500" },
      });
      expect(error?.name).toBe("InternalServerException");
      return response;
    },
  },
};
