// The command: reads its configuration, starts the stub, and shuts down cleanly on SIGTERM or SIGINT.
import { readConfig, usage, version } from "./config.ts";
import { applyHeapSettings } from "./heap.ts";
import type { Launched } from "./start.ts";

const shutdownGraceMs = 5000;

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
    `  Docs:              ${base}/docs/   (specs: ${base}/openapi/<api>.json|yaml)\n` +
    `  Admin API:         ${base}/__stub/...${adminToken && !config.adminToken ? `   (admin token: ${adminToken})` : adminToken ? "   (admin token required)" : ""}\n` +
    `  Ready:             ${base}/__stub/health\n` +
    `  Rate limits:       ${config.rateLimits.customerProfiles || config.rateLimits.accessProfiles ? "realistic" : "off"}\n`,
);

async function shutdown(signal: string): Promise<void> {
  process.stdout.write(`${signal}: no new connections; finishing in-flight requests\n`);
  const clean = await running.shutdown(shutdownGraceMs);
  if (!clean) process.stderr.write(`requests still in flight after ${shutdownGraceMs} ms were cut off\n`);
  process.exit(clean ? 0 : 1);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
