// What a contract scenario of one operation is given (test/operations/<operationId>.contract.ts):
// the stub of the test, and the generated clients pointed at it through the recording fetch, so
// that test/contract.test.ts sees the one response each scenario provokes.
import type {
  createAccessProfilesClient,
  createAccessProfilesV1Client,
  createCustomerProfilesClient,
  createSailPointOAuthClient,
} from "../../client/index.ts";
import { expect } from "vitest";
import type { TestStub } from "./stub.ts";
import { token } from "./tokens.ts";

export interface ContractContext {
  stub: TestStub;
  /** Customer Profiles, signed with the demo key (or another secret), no retries. */
  awsClient(secretAccessKey?: string): ReturnType<typeof createCustomerProfilesClient>;
  oauthClient(): ReturnType<typeof createSailPointOAuthClient>;
  /** Access Profiles v3 with the token given, no retries. */
  sailpointClient(accessToken: string): ReturnType<typeof createAccessProfilesClient>;
  /** Access Profiles v1 with the token given, no retries. */
  sailpointV1Client(accessToken: string): ReturnType<typeof createAccessProfilesV1Client>;
}

export interface Scenario {
  /** Reads as the end of "returns <status> …". */
  when: string;
  run(context: ContractContext): Promise<unknown>;
}

/** An operation's scenarios, by the documented status each provokes. */
export type Scenarios = Record<number, Scenario>;

/** One call of a SailPoint operation through a version's client, with the token and headers given. */
export type SailPointCall = (
  ctx: ContractContext,
  accessToken: string,
  headers?: Record<string, string>,
) => Promise<{ error?: unknown; response: Response }>;

/**
 * The scenarios of the statuses every SailPoint operation documents alike, whatever it does: no
 * bearer token (401 from the gateway), and `Prefer` asking for rate limiting (429) and a fault (500).
 */
export function sailpointCommonScenarios(call: SailPointCall): Scenarios {
  return {
    401: {
      when: "there is no bearer token",
      async run(ctx) {
        const { error, response } = await call(ctx, "");
        expect(error).toEqual({ error: expect.stringMatching(/^JWT validation failed/) });
        return response;
      },
    },
    429: {
      when: "Prefer: code=429 asks for rate limiting",
      async run(ctx) {
        const { response } = await call(ctx, await token(), { Prefer: "code=429" });
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        return response;
      },
    },
    500: {
      when: "Prefer: code=500 asks for an internal fault",
      async run(ctx) {
        const { error, response } = await call(ctx, await token(), { Prefer: "code=500" });
        expect(error).toMatchObject({ detailCode: "500.0 Internal Fault" });
        return response;
      },
    },
  };
}

/** One call of a Customer Profiles operation, signed with the demo key (or another secret), with the headers given. */
export type AwsCall = (
  ctx: ContractContext,
  secretAccessKey?: string,
  headers?: Record<string, string>,
) => Promise<{ error?: unknown; response: Response }>;

/** The error name a Customer Profiles answer carries, as the official SDKs read it. */
export const awsErrorName = (response: Response) => response.headers.get("x-amzn-errortype");

/**
 * The scenarios of the statuses every Customer Profiles operation documents alike, whatever it does:
 * a signature made with the wrong secret (403), and `Prefer` asking for throttling (429) and a fault (500).
 */
export function awsCommonScenarios(call: AwsCall): Scenarios {
  return {
    403: {
      when: "the request is signed with the wrong secret",
      async run(ctx) {
        const { error, response } = await call(ctx, "not-the-secret");
        expect(awsErrorName(response)).toBe("AccessDeniedException");
        expect(error).toEqual({ Message: expect.stringMatching(/signature we calculated does not match/) });
        return response;
      },
    },
    429: {
      when: "Prefer: code=429 asks for throttling",
      async run(ctx) {
        const { response } = await call(ctx, undefined, { Prefer: "code=429" });
        expect(awsErrorName(response)).toBe("ThrottlingException");
        return response;
      },
    },
    500: {
      when: "Prefer: code=500 asks for an internal error",
      async run(ctx) {
        const { response } = await call(ctx, undefined, { Prefer: "code=500" });
        expect(awsErrorName(response)).toBe("InternalServerException");
        return response;
      },
    },
  };
}
