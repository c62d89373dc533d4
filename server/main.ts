// The command: reads its configuration, starts the stub, and shuts down cleanly on SIGTERM or SIGINT,
// and when npm, which started it, is stopped. `contract-stubs verify` runs the verifier instead.
import { readConfig, usage, version } from "./config.ts";
import { applyHeapSettings } from "./heap.ts";
import type { Launched } from "./start.ts";

const shutdownGraceMs = 5000;

// `contract-stubs verify …` runs the contract against a server instead of serving it.
if (process.argv[2] === "verify") {
  const { runVerify } = await import("./verify/cli.ts");
  process.exitCode = await runVerify(process.argv.slice(3));
  // Whatever the verifier left open (a keep-alive connection) must not keep the command running.
  process.exit();
}

const result = readConfig();
if (!result.ok) {
  if ("show" in result) {
    process.stdout.write(result.show === "help" ? usage : `${version}\n`);
    process.exit(0);
  }
  process.stderr.write(`${result.error}\n\n${usage}`);
  process.exit(2);
}
const { config } = result;

applyHeapSettings();
let launched: Launched;
try {
  // Loaded only now, so that --help, --version and a bad option answer at once, and after the heap
  // settings, so that the stub is loaded under them.
  const { launch } = await import("./start.ts");
  launched = await launch(config);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const { url: base, adminToken, running } = launched;
process.stdout.write(
  `Contract stub ${version} listening on ${base}\n` +
    `  Customer Profiles: ${base}/domains/{DomainName}/profiles/objects/delete\n` +
    `  Access Profiles:   ${base}/v3/access-profiles/{id}   (tokens: ${base}/oauth/token)\n` +
    `                     ${base}/access-profiles/v1/{id}   (v1, the 2.x SDKs')\n` +
    `  Docs:              ${base}/docs/   (specs: ${base}/openapi/<api>.json|yaml)\n` +
    `  Admin API:         ${base}/__stub/...${adminToken && !config.adminToken ? `   (admin token: ${adminToken})` : adminToken ? "   (admin token required)" : ""}\n` +
    `  Ready:             ${base}/__stub/health\n` +
    `  Rate limits:       ${config.rateLimits.customerProfiles || config.rateLimits.accessProfiles ? "realistic" : "off"}\n`,
);

// Whoever reads the output may be gone (`contract-stubs | head`): that is no reason to crash.
const ignoreClosedPipe = (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
};
process.stdout.on("error", ignoreClosedPipe);
process.stderr.on("error", ignoreClosedPipe);

let stopping = false;
async function shutdown(why: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${why}: no new connections; finishing in-flight requests\n`);
  const clean = await running.shutdown(shutdownGraceMs);
  if (!clean) process.stderr.write(`requests still in flight after ${shutdownGraceMs} ms were cut off\n`);
  process.exit(clean ? 0 : 1);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

// --stop-with-stdin: the launchers in examples/ hold the write end of a pipe on the stub's standard
// input and never write to it. However their process ends, even by SIGKILL, the system closes it.
if (result.stopWithStdin) {
  process.stdin.on("end", () => void shutdown("standard input closed"));
  process.stdin.on("error", () => void shutdown("standard input closed"));
  process.stdin.resume();
}

// `npx contract-stubs` runs this through a shell, and on SIGTERM or SIGINT npm passes the signal to
// that shell, which dies without passing it on: the stub would go on listening with nobody to
// stop it. Started by npm, it stops as on SIGTERM once the process that started it is gone.
if (process.env.npm_lifecycle_event !== undefined) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown("npm stopped");
  }, 200).unref();
}
