// What a contract scenario of one operation is given (test/operations/<operationId>.contract.ts):
// the stub of the test, and the generated clients pointed at it through the recording fetch, so
// that test/contract.test.ts sees the one response each scenario provokes.
import type {
  createAccessProfilesClient,
  createAccessProfilesV1Client,
  createCustomerProfilesClient,
  createSailPointOAuthClient,
} from "../../client/index.ts";
import type { TestStub } from "./stub.ts";

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
