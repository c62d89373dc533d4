// `contract-stubs verify`: the command around verify(). Its options come from its arguments, and
// credentials from the environment each ecosystem uses (AWS_* for AWS, SAIL_* for SailPoint), so
// that no secret need be typed on a command line. Exit status: 0 when the target conforms, 1 when a
// case fails or differs from the stub, 2 when the run cannot be made.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { version } from "../config.ts";
import { redactUrl } from "../shared/redact.ts";
import { wires, type VerifiedApi } from "./apis.ts";
import { verifiedApis, verify, VerifyConfigError } from "./index.ts";
import type { Fixtures } from "./plan.ts";
import type { VerifyOptions } from "./types.ts";
import { caseText, harLog, jsonLine, junitXml, summaryHeading, summaryTotals } from "./report.ts";

export const verifyUsage = `Usage: contract-stubs verify --api <api> --base-url <url> [options]

Runs the contract of one API against a server: the real service, a sandbox, a fake, a running stub.
Every documented response of its operation is a case, sent when it can be provoked without changing
anything; each answer is checked against the spec and the API's error format.

  --api <api>                 ${verifiedApis.join(" or ")}
  --base-url <url>            the service root as the official SDK takes it:
                              https://profile.<region>.amazonaws.com, or the SailPoint tenant root
                              https://<tenant>.api.identitynow.com (without /v3); env SAIL_BASE_URL
                              for the SailPoint APIs
  --region <region>           AWS Region to sign for (env AWS_REGION or AWS_DEFAULT_REGION)
  --domain <name>             for customer-profiles, the account's domain the cases run in, in place
                              of the demo domains the spec's examples name (DomainNotFound keeps
                              its domain of none)
  --forbidden-client-id <id>  a SailPoint client without the operation's authority, for the 403
                              case; its secret in SAIL_FORBIDDEN_CLIENT_SECRET
  --userless-client-id <id>   a SailPoint API client that belongs to no user, for the 403 case of a
                              token without a user; its secret in SAIL_USERLESS_CLIENT_SECRET
  --destructive               also send the cases that change the target (a real delete, the 404
                              after it, an access profile in use); needs --fixtures naming every
                              example they use
  --fixtures <file>           JSON naming what the example cases may use, by operationId and the
                              spec's example names:
                              {"deleteAccessProfile": {"Deleted": {"id": "…"}, "InUse": {"id": "…"}}}
  --dry-run                   print every request it would send, secrets redacted; send nothing
                              (credentials not given appear as placeholders)
  --compare-with-stub         send every case to an in-process stub too and report where the
                              target answers differently
  --json                      one JSON object per case on stdout as it ends, instead of the summary
  --junit <file>              write a JUnit XML report
  --har <file>                write the exchanges as HAR 1.2, secrets redacted
  --timeout <ms>              how long to wait for each answer, 1 or more (default 30000)
  -h, --help                  show this help

Credentials: for customer-profiles AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary
credentials, AWS_SESSION_TOKEN; for the SailPoint APIs SAIL_CLIENT_ID and SAIL_CLIENT_SECRET (a token is
fetched from <base-url>/oauth/token). Credentials never come from the command line, and no secret
appears in any output.

Each case is printed as it ends. Exit status: 0 the target conforms (or, with --dry-run, the plan
was made); 1 a case failed or differs from the stub; 2 the run could not be made (a bad option,
missing credentials, credentials the target refuses, an unreachable target).
`;

export interface VerifyStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard output is a terminal: the case being sent is shown until it ends. */
  isTTY?: boolean;
}

const processStreams: VerifyStreams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY,
};

/** The run's options from the command line and environment; a VerifyConfigError names what is wrong. */
export function verifyOptions(argv: string[], env: NodeJS.ProcessEnv): VerifyOptions & { output: Outputs } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        api: { type: "string" },
        "base-url": { type: "string" },
        region: { type: "string" },
        domain: { type: "string" },
        "forbidden-client-id": { type: "string" },
        "userless-client-id": { type: "string" },
        destructive: { type: "boolean" },
        fixtures: { type: "string" },
        "dry-run": { type: "boolean" },
        "compare-with-stub": { type: "boolean" },
        json: { type: "boolean" },
        junit: { type: "string" },
        har: { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new VerifyConfigError((error as Error).message);
  }
  const output: Outputs = {
    help: Boolean(values.help),
    json: Boolean(values.json),
    junit: values.junit as string | undefined,
    har: values.har as string | undefined,
  };
  if (output.help) return { api: "customer-profiles", baseUrl: "", output };
  const api = values.api as string | undefined;
  if (!api) throw new VerifyConfigError(`--api is required: ${verifiedApis.join(" or ")}`);
  if (!verifiedApis.includes(api as VerifiedApi))
    throw new VerifyConfigError(`unknown API ${api}; verify takes ${verifiedApis.join(" or ")}`);
  const baseUrl =
    (values["base-url"] as string | undefined) ??
    (wires[api as VerifiedApi].auth === "client-credentials" ? env.SAIL_BASE_URL : undefined);
  if (!baseUrl) throw new VerifyConfigError("--base-url is required");
  const timeout = values.timeout as string | undefined;
  if (timeout !== undefined && !/^[1-9]\d{0,6}$/.test(timeout))
    throw new VerifyConfigError("--timeout must be a whole number of milliseconds, from 1 to 9999999");
  const forbiddenId = values["forbidden-client-id"] as string | undefined;
  const forbiddenSecret = env.SAIL_FORBIDDEN_CLIENT_SECRET;
  if (forbiddenId && !forbiddenSecret)
    throw new VerifyConfigError("--forbidden-client-id needs its secret in SAIL_FORBIDDEN_CLIENT_SECRET");
  const userlessId = values["userless-client-id"] as string | undefined;
  const userlessSecret = env.SAIL_USERLESS_CLIENT_SECRET;
  if (userlessId && !userlessSecret)
    throw new VerifyConfigError("--userless-client-id needs its secret in SAIL_USERLESS_CLIENT_SECRET");
  const region = (values.region as string | undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const domain = values.domain as string | undefined;
  if (domain !== undefined && api !== "customer-profiles")
    throw new VerifyConfigError("--domain is for customer-profiles, whose operations run in a domain");
  return {
    api: api as VerifiedApi,
    baseUrl,
    aws:
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && region
        ? {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            sessionToken: env.AWS_SESSION_TOKEN || undefined,
            region,
          }
        : undefined,
    client:
      env.SAIL_CLIENT_ID && env.SAIL_CLIENT_SECRET
        ? { clientId: env.SAIL_CLIENT_ID, clientSecret: env.SAIL_CLIENT_SECRET }
        : undefined,
    forbidden: forbiddenId && forbiddenSecret ? { clientId: forbiddenId, clientSecret: forbiddenSecret } : undefined,
    userless: userlessId && userlessSecret ? { clientId: userlessId, clientSecret: userlessSecret } : undefined,
    destructive: Boolean(values.destructive),
    fixtures: values.fixtures === undefined ? undefined : readFixtures(values.fixtures as string),
    pathValues: domain === undefined ? undefined : { DomainName: domain },
    dryRun: Boolean(values["dry-run"]),
    compareWithStub: Boolean(values["compare-with-stub"]),
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
    output,
  };
}

interface Outputs {
  help: boolean;
  json: boolean;
  junit?: string;
  har?: string;
}

function readFixtures(file: string): Fixtures {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new VerifyConfigError(`cannot read the fixtures ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let fixtures: unknown;
  try {
    fixtures = JSON.parse(text);
  } catch (error) {
    throw new VerifyConfigError(`the fixtures ${file} are not JSON: ${(error as Error).message}`);
  }
  if (typeof fixtures !== "object" || fixtures === null || Array.isArray(fixtures))
    throw new VerifyConfigError(
      `the fixtures ${file} must be an object: {"<operationId>": {"<example name>": {"<field>": …}}}`,
    );
  return fixtures as Fixtures;
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new VerifyConfigError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** Runs the command; resolves with its exit status. */
export async function runVerify(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  streams: VerifyStreams = processStreams,
): Promise<number> {
  let options: ReturnType<typeof verifyOptions>;
  try {
    options = verifyOptions(argv, env);
    if (options.output.help) {
      streams.stdout(verifyUsage);
      return 0;
    }
    const { output, ...verifyWith } = options;
    // Each case is printed as it ends: against a real service a run can take minutes. On a terminal,
    // the case under way shows until its line replaces it. The heading waits for the first case, so
    // that a run refused before it sends anything prints nothing on stdout.
    const live = Boolean(streams.isTTY) && !output.json;
    const dryRun = Boolean(verifyWith.dryRun);
    let headed = output.json;
    let pending = false;
    const print = (text: string) => {
      if (!headed)
        streams.stdout(summaryHeading({ api: verifyWith.api, baseUrl: redactUrl(verifyWith.baseUrl), dryRun }));
      headed = true;
      streams.stdout(`${pending ? "\r\x1b[2K" : ""}${text}`);
      pending = false;
    };
    // SIGINT or SIGTERM stops the run after the case under way; what it created is still deleted.
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const report = await verify({
      ...verifyWith,
      signal: stop.signal,
      onCaseStart: live
        ? (planned) => {
            print(`  ...      ${planned.id}`);
            pending = true;
          }
        : undefined,
      onCase: (result) => print(output.json ? jsonLine(verifyWith.api, result) : caseText(result, dryRun)),
    })
      .catch((error: unknown) => {
        if (pending) print("");
        throw error;
      })
      .finally(() => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      });
    if (!output.json) print(summaryTotals(report));
    if (output.junit) write(output.junit, junitXml(report));
    if (output.har) write(output.har, `${JSON.stringify(harLog(report, version), null, 2)}\n`);
    if (report.interrupted) return 130;
    return report.verdict === "does not conform" ? 1 : 0;
  } catch (error) {
    if (!(error instanceof VerifyConfigError)) throw error;
    streams.stderr(`contract-stubs verify: ${error.message}\n(contract-stubs verify --help lists the options)\n`);
    return 2;
  }
}
