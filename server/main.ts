// Starts the stub: reads the configuration, listens, and shuts down cleanly on SIGTERM or SIGINT.
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { adminTokenFor, readConfig, usage } from "./config.ts";
import { stdoutSink } from "./log.ts";
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
const server = app.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  const base = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  process.stdout.write(
    `Contract stub listening on ${base}\n` +
      `  Customer Profiles: ${base}/domains/{DomainName}/profiles/objects/delete\n` +
      `  Access Profiles:   ${base}/v3/access-profiles/{id}   (tokens: ${base}/oauth/token)\n` +
      `  Docs:              ${base}/docs/   (specs: ${base}/openapi/<api>.json|yaml)\n` +
      `  Admin API:         ${base}/__stub/...${adminToken && !config.adminToken ? `   (admin token: ${adminToken})` : adminToken ? "   (admin token required)" : ""}\n` +
      `  Rate limits:       ${config.rateLimits.customerProfiles || config.rateLimits.accessProfiles ? "realistic" : "off"}\n`,
  );
});
server.on("error", (error) => {
  process.stderr.write(`cannot listen on ${config.host}:${config.port}: ${error.message}\n`);
  process.exit(1);
});

function shutdown(signal: string): void {
  process.stdout.write(`${signal}: finishing in-flight requests, then exiting\n`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    process.stderr.write(`still busy after ${shutdownGraceMs} ms; exiting anyway\n`);
    process.exit(1);
  }, shutdownGraceMs).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
