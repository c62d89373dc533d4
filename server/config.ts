// The one typed place where the stub's settings are read: command line first, then environment,
// then defaults. Nothing else in the project reads process.env or process.argv.
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { noLimits, realisticLimits, type RateLimits } from "./shared/controls.ts";

export interface StubConfig {
  host: string;
  port: number;
  /** JSON file with the demo data the stub starts from and resets to. */
  dataFile: string;
  /** Largest request body accepted, in bytes; larger ones are refused before they are parsed. */
  bodyLimitBytes: number;
  /** Write one log line per request to stdout. */
  log: boolean;
  /** Per-credential rate limits: none by default, or the realistic preset. */
  rateLimits: RateLimits;
  /** Token for the admin API; required (and made up if not given) when listening beyond loopback. */
  adminToken?: string;
}

export const defaultDataFile = fileURLToPath(new URL("./data/demo-data.json", import.meta.url));

export const defaults: StubConfig = {
  host: "127.0.0.1",
  port: 4010,
  dataFile: defaultDataFile,
  bodyLimitBytes: 64 * 1024,
  log: true,
  rateLimits: noLimits,
};

export const usage = `Usage: npm start -- [options]

Serves the contract stubs of both APIs:
  Amazon Connect Customer Profiles   http://HOST:PORT/domains/...
  SailPoint ISC v3 (Access Profiles) http://HOST:PORT/v3/...

Options:
  --port <n>        port to listen on (env PORT; default ${defaults.port}; 0 picks a free one)
  --host <addr>     address to listen on (env HOST; default ${defaults.host})
  --data <file>     demo data to load at start (env STUB_DATA_FILE; default server/data/demo-data.json)
  --body-limit <n>  largest request body in bytes (env STUB_BODY_LIMIT; default ${defaults.bodyLimitBytes})
  --rate-limits <p> off (default) or realistic: per-credential limits with 429 and Retry-After
                    (env STUB_RATE_LIMITS)
  --admin-token <t> bearer token the admin API /__stub requires (env STUB_ADMIN_TOKEN); when
                    listening beyond loopback one is required, and made up and printed if not given
  --quiet           no per-request log lines (env STUB_LOG=off)
  -h, --help        show this help
`;

export type ConfigResult = { ok: true; config: StubConfig } | { ok: false; help: true } | { ok: false; help: false; error: string };

function parsePort(value: string, source: string): number | string {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) return `${source} must be a whole number from 0 to 65535, got "${value}"`;
  return port;
}

/** Reads the stub's configuration. Never throws: bad values come back as an error message. */
export function readConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ConfigResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        "body-limit": { type: "string" },
        quiet: { type: "boolean" },
        "rate-limits": { type: "string" },
        "admin-token": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return { ok: false, help: false, error: (error as Error).message };
  }
  const { values } = parsed;
  if (values.help) return { ok: false, help: true };

  const portText = values.port ?? env.PORT;
  const port = portText === undefined ? defaults.port : parsePort(portText, values.port ? "--port" : "PORT");
  if (typeof port === "string") return { ok: false, help: false, error: port };

  const limitText = values["body-limit"] ?? env.STUB_BODY_LIMIT;
  const bodyLimitBytes = limitText === undefined ? defaults.bodyLimitBytes : Number(limitText);
  if (!Number.isSafeInteger(bodyLimitBytes) || bodyLimitBytes < 1)
    return { ok: false, help: false, error: `--body-limit must be a positive whole number of bytes, got "${limitText}"` };

  const preset = values["rate-limits"] ?? env.STUB_RATE_LIMITS ?? "off";
  if (preset !== "off" && preset !== "realistic") return { ok: false, help: false, error: `--rate-limits must be off or realistic, got "${preset}"` };

  const adminToken = values["admin-token"] ?? env.STUB_ADMIN_TOKEN;
  return {
    ok: true,
    config: {
      rateLimits: preset === "realistic" ? realisticLimits : noLimits,
      ...(adminToken ? { adminToken } : {}),
      host: values.host ?? env.HOST ?? defaults.host,
      port,
      dataFile: values.data ?? env.STUB_DATA_FILE ?? defaults.dataFile,
      bodyLimitBytes,
      log: !(values.quiet ?? env.STUB_LOG === "off"),
    },
  };
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
