// Starts the stub: reads the configuration, listens, and shuts down cleanly on SIGTERM or SIGINT.
import { createApp } from "./app.ts";
import { adminTokenFor, readConfig, usage } from "./config.ts";
import { stdoutSink } from "./log.ts";
import { startServer } from "./serve.ts";
import { readDemoData, StubStore } from "./store.ts";

const shutdownGraceMs = 5000;

const result = readConfig();
if (!result.ok) {
  if (result.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  process.stderr.write(`${result.error}\n\n${usage}`);
  process.exit(2);
}
const { config } = result;

let store: StubStore;
try {
  store = new StubStore(readDemoData(config.dataFile));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

const adminToken = adminTokenFor(config);

const app = createApp({
  store,
  bodyLimitBytes: config.bodyLimitBytes,
  requestLog: config.log ? stdoutSink : undefined,
  rateLimits: config.rateLimits,
  adminToken,
});

const running = await startServer(app, { host: config.host, port: config.port }).catch((error: Error) => {
  process.stderr.write(`cannot listen on ${config.host}:${config.port}: ${error.message}\n`);
  process.exit(1);
});
const base = running.url;
process.stdout.write(
  `Contract stub listening on ${base}\n` +
    `  Customer Profiles: ${base}/domains/{DomainName}/profiles/objects/delete\n` +
    `  Access Profiles:   ${base}/v3/access-profiles/{id}   (tokens: ${base}/oauth/token)\n` +
    `  Docs:              ${base}/docs/   (specs: ${base}/openapi/<api>.json|yaml)\n` +
    `  Admin API:         ${base}/__stub/...${adminToken && !config.adminToken ? `   (admin token: ${adminToken})` : adminToken ? "   (admin token required)" : ""}\n` +
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
