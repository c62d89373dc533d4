// The verifier's vocabulary: what a run is asked to do, and what it reports, case by case. Its own
// file, so that the run (index.ts) and the report's forms (report.ts) both read it and neither the other.
import type { CaseKind, Fixtures } from "./plan.ts";
import type { AwsCredentials, ClientCredentials, Exchange } from "./send.ts";
import type { VerifiedApi } from "./apis.ts";

export interface VerifyOptions {
  api: VerifiedApi;
  /**
   * The service root as the official SDK takes it: `https://profile.<region>.amazonaws.com`, or the
   * SailPoint tenant root `https://<tenant>.api.identitynow.com` (without `/v3`). A running stub's
   * URL works too.
   */
  baseUrl: string;
  /** For Customer Profiles: the credentials and Region requests are signed with. */
  aws?: AwsCredentials;
  /** For Access Profiles: the OAuth client a token is fetched for from `<baseUrl>/oauth/token`. */
  client?: ClientCredentials;
  /** For Access Profiles: a client without the operation's authority, for the 403 case. */
  forbidden?: ClientCredentials;
  /** For Access Profiles: an API client that belongs to no user, for the 403 `UserlessToken` case. */
  userless?: ClientCredentials;
  /** Send the destructive cases too: they need `fixtures`. */
  destructive?: boolean;
  /**
   * Values for the example cases, by operationId and then by the name of the spec's request example
   * each stands in for: `{"deleteAccessProfile": {"Deleted": {"id": "…"}}}`.
   */
  fixtures?: Fixtures;
  /**
   * Values of path parameters, by name, that every example case uses instead of the spec's, but
   * the example named `<name>NotFound` for that parameter (`DomainNotFound` for `DomainName`),
   * which names none on purpose: `{DomainName: "my-domain"}` runs Customer Profiles in the
   * account's own domain (`--domain`).
   */
  pathValues?: Record<string, string>;
  /** Make every request, secrets redacted, and send none. */
  dryRun?: boolean;
  /** Send every case to an in-process stub too, and report where its answers differ. */
  compareWithStub?: boolean;
  /** How long to wait for each answer; default 30 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /**
   * Stops the run: no case is sent after it aborts, what the verifier created is deleted, and the
   * report says it was interrupted. The command aborts it on SIGINT and SIGTERM.
   */
  signal?: AbortSignal;
  /** Called as each case is about to be sent, in order. */
  onCaseStart?: (planned: { id: string }) => void;
  /** Called as each case ends, in order: a command prints it at once rather than at the end. */
  onCase?: (result: CaseResult) => void;
}

export type CaseOutcome = "passed" | "failed" | "skipped" | "not verifiable" | "planned";

export interface CaseResult {
  /** `<operationId> <status> <title>`. */
  id: string;
  operationId: string;
  /** The documented status the case expects. */
  status: number;
  kind: CaseKind;
  title: string;
  /** It changes the target when it succeeds (a delete), so it runs only with `destructive`. */
  destructive: boolean;
  /** What it acts on is the verifier's own, created for it through the spec's links (no fixture). */
  provisioned?: boolean;
  outcome: CaseOutcome;
  /** Why a case was skipped or cannot be verified. */
  reason?: string;
  /** What is wrong with the target's answer. */
  problems: string[];
  /** The request sent (or, in a dry run, made), secrets redacted. */
  request?: Exchange["request"];
  /** In a dry run, the calls it would send first to make what it acts on: method and path. */
  before?: string[];
  /** The target's answer, secrets redacted. */
  response?: NonNullable<Exchange["response"]>;
  /** The stub's answer to the same case, when compared. */
  stub?: { outcome: CaseOutcome; problems: string[]; response?: NonNullable<Exchange["response"]> };
  /** Where the target's answer differs from the stub's: status, error code, body members, documented headers. */
  drift: string[];
}

export interface VerifyReport {
  api: VerifiedApi;
  baseUrl: string;
  dryRun: boolean;
  comparedWithStub: boolean;
  /** Cases were sent, none failed and, when compared, none differs from the stub. False in a dry run. */
  conforms: boolean;
  /** What the run says of the target: a dry run says nothing. */
  verdict: "conforms" | "does not conform" | "dry run";
  cases: CaseResult[];
  /** The run was stopped (`signal`) before every case was sent. */
  interrupted: boolean;
  /**
   * What the verifier created on the target (with `destructive`, through the spec's links) and had
   * not deleted in a case, deleted when the run ended, however it ended: each delete and its answer.
   */
  cleanup: CleanupResult[];
  /** Every request sent and its answer, secrets redacted, in order. */
  exchanges: Exchange[];
}

export interface CleanupResult {
  /** The delete sent: its operation and its path, e.g. `DELETE /v3/access-profiles/2c91…`. */
  operationId: string;
  request: string;
  /** Its answer's status; undefined when none came. */
  status?: number;
  /** It was answered with a success (or a not-found: already gone). */
  deleted: boolean;
  error?: string;
}
