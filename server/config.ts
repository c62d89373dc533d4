// The one typed place where the stub's settings are read: for the command, from its arguments, then
// the environment, then defaults; for startStub, from its options object. Both go through the same
// checks. Nothing else reads the stub's own settings; Node.js's and npm's variables are read where
// they matter (NODE_OPTIONS in heap.ts, npm_lifecycle_event in main.ts), and `contract-stubs verify`
// reads its own, and the credentials, in verify/cli.ts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import type { StubOptions, StubState } from "./options.ts";
import { locations } from "./locations.ts";
import { defaultJournalSize } from "./journal.ts";
import { noLimits, realisticLimits, type RateLimits } from "./shared/controls.ts";

/** The most requests the journal may keep (an entry holds at most two 4 KiB bodies and their headers). */
const maxJournalSize = 100_000;

export type { StubOptions } from "./options.ts";

export interface StubConfig {
  host: string;
  port: number;
  /** Demo data the stub starts from and resets to: a file to read, or the state itself. */
  data: string | StubState;
  /** Largest request body accepted, in bytes; larger ones are refused before they are parsed. */
  bodyLimitBytes: number;
  /** Write one log line per request to stdout. */
  log: boolean;
  /** Per-credential rate limits: none by default, or the realistic preset. */
  rateLimits: RateLimits;
  /** Token for the admin API; required (and made up if not given) when listening beyond loopback. */
  adminToken?: string;
  /** How many requests the journal keeps; 0 records none. */
  journalSize: number;
  /** Build the deletes' checks before listening (see StubOptions.warmUp). */
  warmUp: boolean;
}

/** The package's version, as `--version` prints it and the health endpoint reports it. */
export const version: string = (JSON.parse(readFileSync(locations.packageJson, "utf8")) as { version: string }).version;

/** The command's defaults. */
export const defaults: StubConfig = {
  host: "127.0.0.1",
  port: 4010,
  data: locations.demoData,
  // PutProfileObject's Object alone may be 256,000 characters.
  bodyLimitBytes: 512 * 1024,
  log: true,
  rateLimits: noLimits,
  journalSize: defaultJournalSize,
  warmUp: true,
};

/** Where `startStub` differs from the command: any free port, no request log, no warm-up. */
export const inProcessDefaults: StubConfig = { ...defaults, port: 0, log: false, warmUp: false };

export const usage = `Usage: contract-stubs [options]     (in a clone of the repository: npm start -- [options])
       contract-stubs verify --api <api> --base-url <url> [options]   (verify --help for more)

Serves the contract stubs of both APIs, their docs and specs, and the stub's admin API:
  Amazon Connect Customer Profiles   http://HOST:PORT/domains/...
  SailPoint ISC v3 (Access Profiles) http://HOST:PORT/v3/...   (tokens: /oauth/token)
  Reference docs and specs           http://HOST:PORT/docs/   http://HOST:PORT/openapi/<api>.json|yaml
  Admin API and readiness            http://HOST:PORT/__stub/...   GET /__stub/health answers 200 once ready

Options:
  --port <n>        port to listen on (env PORT; default ${defaults.port}; 0 picks a free one)
  --host <addr>     address to listen on (env HOST; default ${defaults.host})
  --data <file>     demo data to load at start and on reset (env STUB_DATA_FILE; default: the bundled
                    demo data)
  --body-limit <n>  largest request body in bytes (env STUB_BODY_LIMIT; default ${defaults.bodyLimitBytes})
  --rate-limits <p> off (default) or realistic: per-credential limits with 429 and Retry-After
                    (env STUB_RATE_LIMITS)
  --admin-token <t> bearer token the admin API /__stub requires (env STUB_ADMIN_TOKEN); when
                    listening beyond loopback one is required, and made up and printed if not given
  --quiet           no per-request log lines (env STUB_LOG=off)
  --journal-size <n> requests GET /__stub/requests keeps, oldest dropped first; 0 turns the
                    journal off (env STUB_JOURNAL_SIZE; default ${defaults.journalSize})
  --stop-with-stdin stop, as on SIGTERM, when standard input closes: a test runner's launcher that
                    holds the other end of a pipe stops the stub even when it is killed
  -h, --help        show this help
  -v, --version     show the version
`;

export type ConfigResult =
  | { ok: true; config: StubConfig; stopWithStdin?: true }
  | { ok: false; show: "help" | "version" }
  | { ok: false; error: string };

/** A setting as given, text from the command line or the environment, or a value from code, with the name to blame. */
interface Given<T> {
  value: T | undefined;
  label: string;
}

function wholeNumber(value: string | number): number {
  if (typeof value === "number") return value;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** Checks the settings and fills in defaults; bad values come back as a message naming where they came from. */
function resolve(
  given: {
    host: Given<string>;
    port: Given<string | number>;
    data: Given<string | StubState>;
    bodyLimit: Given<string | number>;
    rateLimits: Given<string>;
    adminToken: Given<string>;
    quiet: Given<boolean>;
    journalSize: Given<string | number>;
    warmUp?: Given<boolean>;
  },
  base: StubConfig,
): ConfigResult {
  const fail = (setting: Given<unknown>, expected: string): ConfigResult => ({
    ok: false,
    error: `${setting.label} must be ${expected}, got ${JSON.stringify(setting.value)}`,
  });

  const port = given.port.value === undefined ? base.port : wholeNumber(given.port.value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(given.port, "a whole number from 0 to 65535");

  const bodyLimitBytes = given.bodyLimit.value === undefined ? base.bodyLimitBytes : wholeNumber(given.bodyLimit.value);
  if (!Number.isSafeInteger(bodyLimitBytes) || bodyLimitBytes < 1)
    return fail(given.bodyLimit, "a positive whole number of bytes");

  const preset = given.rateLimits.value ?? "off";
  if (preset !== "off" && preset !== "realistic") return fail(given.rateLimits, "off or realistic");

  const host = given.host.value ?? base.host;
  if (typeof host !== "string" || host === "") return fail(given.host, "an address or host name");

  const data = given.data.value ?? base.data;
  if ((typeof data !== "string" && (typeof data !== "object" || data === null)) || data === "")
    return fail(given.data, "a demo-data file or a state object");

  const journalSize = given.journalSize.value === undefined ? base.journalSize : wholeNumber(given.journalSize.value);
  if (!Number.isInteger(journalSize) || journalSize < 0 || journalSize > maxJournalSize)
    return fail(given.journalSize, `a whole number from 0 to ${maxJournalSize}`);

  const warmUp = given.warmUp?.value ?? base.warmUp;
  if (typeof warmUp !== "boolean") return fail(given.warmUp!, "true or false");

  const adminToken = given.adminToken.value;
  if (adminToken !== undefined && typeof adminToken !== "string") return fail(given.adminToken, "a string");

  return {
    ok: true,
    config: {
      rateLimits: preset === "realistic" ? realisticLimits : noLimits,
      ...(adminToken ? { adminToken } : {}),
      host,
      port,
      data,
      bodyLimitBytes,
      log: given.quiet.value === undefined ? base.log : !given.quiet.value,
      journalSize,
      warmUp,
    },
  };
}

const flags = {
  port: { type: "string" },
  host: { type: "string" },
  data: { type: "string" },
  "body-limit": { type: "string" },
  quiet: { type: "boolean" },
  "rate-limits": { type: "string" },
  "admin-token": { type: "string" },
  "journal-size": { type: "string" },
  "stop-with-stdin": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The command's one subcommand: `contract-stubs verify …` (main.ts hands it over before this runs). */
const subcommands = ["verify"];

/** The command line's flags, or a message for an unknown or malformed one, or an unknown subcommand. */
function parseFlags(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof flags; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: true });
  } catch (error) {
    return (error as Error).message;
  }
  const [first] = parsed.positionals;
  if (first === "help") return { ...parsed.values, help: true };
  if (first !== undefined)
    return `Unknown command '${first}': contract-stubs serves the stubs with options only, and takes one command, ${subcommands.join(", ")}`;
  return parsed.values;
}

/** Reads the command's configuration. Never throws: bad values come back as an error message. */
export function readConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const values = parseFlags(argv);
  if (typeof values === "string") return { ok: false, error: values };
  if (values.help) return { ok: false, show: "help" };
  if (values.version) return { ok: false, show: "version" };

  /** The flag if given, else the environment variable. */
  const from = (flag: keyof typeof values, variable: string): Given<string> =>
    values[flag] !== undefined
      ? { value: values[flag] as string, label: `--${flag}` }
      : { value: env[variable], label: variable };
  const result = resolve(
    {
      host: from("host", "HOST"),
      port: from("port", "PORT"),
      data: from("data", "STUB_DATA_FILE"),
      bodyLimit: from("body-limit", "STUB_BODY_LIMIT"),
      rateLimits: from("rate-limits", "STUB_RATE_LIMITS"),
      adminToken: from("admin-token", "STUB_ADMIN_TOKEN"),
      journalSize: from("journal-size", "STUB_JOURNAL_SIZE"),
      quiet: values.quiet
        ? { value: true, label: "--quiet" }
        : { value: env.STUB_LOG === "off" ? true : undefined, label: "STUB_LOG" },
    },
    defaults,
  );
  return result.ok && values["stop-with-stdin"] ? { ...result, stopWithStdin: true } : result;
}

/** The configuration `startStub` runs with; throws a TypeError naming the option for a bad value. */
export function configFromOptions(options: StubOptions = {}): StubConfig {
  const given = <K extends keyof StubOptions>(key: K): Given<NonNullable<StubOptions[K]>> => ({
    value: options[key] as NonNullable<StubOptions[K]> | undefined,
    label: `startStub option ${key}`,
  });
  const fields = {
    host: given("host"),
    port: given("port"),
    data: given("data"),
    bodyLimit: given("bodyLimit"),
    rateLimits: given("rateLimits"),
    adminToken: given("adminToken"),
    quiet: given("quiet"),
    journalSize: given("journalSize"),
    warmUp: given("warmUp"),
  };
  // A misspelt option (`prot` for `port`) would otherwise be ignored, and its default used silently.
  const unknown = Object.keys(options).filter((key) => !(key in fields));
  if (unknown.length > 0)
    throw new TypeError(
      `startStub does not know the option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; it takes ${Object.keys(fields).join(", ")}`,
    );
  const result = resolve(fields, inProcessDefaults);
  if (!result.ok) throw new TypeError("error" in result ? result.error : "unexpected option");
  return result.config;
}

export function isLoopback(host: string): boolean {
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/**
 * The admin token in force: the configured one, else none on loopback, else a random one (to be
 * printed), because beyond loopback anyone could otherwise reset or replace the state.
 */
export function adminTokenFor(config: Pick<StubConfig, "host" | "adminToken">): string | undefined {
  return config.adminToken ?? (isLoopback(config.host) ? undefined : randomBytes(18).toString("base64url"));
}
