// The package's programmatic entry, `import { startStub, verify } from "contract-stubs"`: the stub in
// the test runner's own process, for suites written in JavaScript or TypeScript, and the verifier.
import {
  createStubAdminClient,
  type JournalFilter,
  type JournalPage,
  type StubAdminClient,
} from "../client/stub-admin.ts";
import { configFromOptions } from "./config.ts";
import type { StubOptions } from "./options.ts";
import { launch } from "./start.ts";

export type { StubOptions, StubState } from "./options.ts";
export {
  harLog,
  jsonLines,
  junitXml,
  summaryText,
  verifiedApis,
  verify,
  VerifyConfigError,
  type AwsCredentials,
  type CaseOutcome,
  type CaseResult,
  type ClientCredentials,
  type Exchange,
  type Fixtures,
  type VerifiedApi,
  type VerifyOptions,
  type VerifyReport,
} from "./verify/index.ts";

export interface RunningStub {
  /** The stub's root, e.g. `http://127.0.0.1:43127`; Access Profiles is under `${url}/v3`. */
  url: string;
  /** A typed client of the admin API (`/__stub`), with the admin token if one is in force. */
  admin: StubAdminClient;
  /** The requests the stub recorded that match, oldest first (`admin.requests`, throwing its error). */
  requests(filter?: JournalFilter): Promise<JournalPage>;
  /** Stops accepting connections, lets requests in flight finish (up to 5 s), and resolves once closed. */
  close(): Promise<void>;
  /** The same as close(), for `await using stub = await startStub()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const closeGraceMs = 5000;

/**
 * Starts the stub in this process with the command's options (camelCased: `bodyLimit`,
 * `rateLimits`, `adminToken`, …), on 127.0.0.1 and a free port unless told otherwise, and without
 * the request log unless `quiet: false`. Resolves once every API is ready; rejects with a
 * TypeError naming a bad option, or an Error when the data or the address cannot be used.
 *
 * @example
 * const stub = await startStub();
 * await stub.admin.reset();
 * // … point the code under test at stub.url …
 * await stub.close();
 */
export async function startStub(options: StubOptions = {}): Promise<RunningStub> {
  const { url, adminToken, running } = await launch(configFromOptions(options));
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= running.shutdown(closeGraceMs).then(() => undefined));
  const admin = createStubAdminClient({ baseUrl: url, adminToken });
  const requests = async (filter?: JournalFilter) => {
    const { data, error } = await admin.requests(filter);
    if (error) throw error;
    return data;
  };
  return { url, admin, requests, close, [Symbol.asyncDispose]: close };
}
