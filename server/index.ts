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
import type { VerifyOptions, VerifyReport } from "./verify/types.ts";

export type { StubOptions, StubState } from "./options.ts";
export { ListenError } from "./start.ts";
export { StateError } from "./store.ts";
export { verifiedApis } from "./verify/apis.ts";
export { VerifyConfigError } from "./verify/errors.ts";
export type { VerifiedApi } from "./verify/apis.ts";
export type { Fixtures } from "./verify/plan.ts";
export type { AwsCredentials, ClientCredentials, Exchange } from "./verify/send.ts";
export type { CaseOutcome, CaseResult, CleanupResult, VerifyOptions, VerifyReport } from "./verify/types.ts";
export { harLog, jsonLines, junitXml, summaryText } from "./verify/report.ts";

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
 * TypeError naming a bad option, a StateError listing what is wrong with the data, or a
 * ListenError (with Node's `code`, such as `EADDRINUSE`, and the `cause`) when the address cannot
 * be used.
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
  // Made when first used: creating an openapi-fetch client reads globalThis.fetch, which makes Node
  // load its fetch implementation (undici, ~20 ms of the start), and a test that never calls the
  // admin API has no use for it.
  let admin: StubAdminClient | undefined;
  const adminClient = () => (admin ??= createStubAdminClient({ baseUrl: url, adminToken }));
  const requests = async (filter?: JournalFilter) => {
    const { data, error } = await adminClient().requests(filter);
    if (error) throw error;
    return data;
  };
  return {
    url,
    get admin() {
      return adminClient();
    },
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Runs the contract of one API against `options.baseUrl` (see docs/verify.md) and reports case by
 * case; rejects with a VerifyConfigError when the run cannot be made. Loaded on first use, so that
 * startStub alone does not load the verifier.
 *
 * @example
 * const report = await verify({
 *   api: "access-profiles",
 *   baseUrl: "https://acme-sb.api.identitynow.com",
 *   client: { clientId: process.env.SAIL_CLIENT_ID!, clientSecret: process.env.SAIL_CLIENT_SECRET! },
 *   compareWithStub: true,
 * });
 * if (!report.conforms) console.log(summaryText(report));
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const verifier = await import("./verify/index.ts");
  return verifier.verify(options);
}
