// Builds the stub's Express app for both APIs. It never listens: see main.ts for that.
import express, { type Express } from "express";
import { createTokenService, type TokenService } from "./access-profiles/auth.ts";
import { accessProfilesRouter } from "./access-profiles/router.ts";
import { defaults } from "./config.ts";
import { customerProfilesRouter } from "./customer-profiles/router.ts";
import type { LogSink, ResponseObserver } from "./log.ts";
import { defaultDocsDir, docsRouter, specsRouter } from "./publish.ts";
import { sailpointOAuthRouter } from "./sailpoint-oauth/router.ts";
import { FaultBook, RateLimiter, type RateLimits } from "./shared/controls.ts";
import { documentedOperations, loadSpec, type ApiName, type DocumentedOperation } from "./shared/spec.ts";
import { readDemoData, StubStore } from "./store.ts";
import { stubAdminRouter } from "./stub-admin/router.ts";

export interface AppOptions {
  /** State to serve; by default a fresh store loaded from `dataFile`. Keep a reference to inspect it. */
  store?: StubStore;
  /** Demo data file, used when no store is given. Default: server/data/demo-data.json. */
  dataFile?: string;
  /** Largest request body accepted by the APIs, in bytes. */
  bodyLimitBytes?: number;
  /** Largest body the admin API accepts (a whole state can be large); default 16 MiB. */
  adminBodyLimitBytes?: number;
  /** Where one line per request goes; no request log when absent. */
  requestLog?: LogSink;
  /** Told of every response of the APIs (and the admin API), e.g. to measure contract coverage. */
  onResponse?: ResponseObserver;
  /** Where faults in the stub itself are reported (never to the client). Default: stderr. */
  errorLog?: LogSink;
  /** Issues and verifies SailPoint access tokens; default: HS256 with a random per-process key. */
  tokens?: TokenService;
  /** Per-credential rate limits; default: none. */
  rateLimits?: Partial<RateLimits>;
  /** When set, the admin API under /__stub requires `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Folder served at /docs; default dist/docs, built by `npm run docs`. */
  docsDir?: string;
}

const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

/**
 * Creates the stub app: specs under `/openapi`, docs under `/docs`, the admin API under `/__stub`, SailPoint's token endpoint at
 * `/oauth/token`, Access Profiles under `/v3`, Customer Profiles at the root.
 *
 * @example
 * const store = new StubStore(readDemoData(defaultDataFile));
 * const server = createApp({ store }).listen(0, "127.0.0.1");
 */
export function createApp(options: AppOptions = {}): Express {
  const store = options.store ?? new StubStore(readDemoData(options.dataFile ?? defaults.dataFile));
  const faults = new FaultBook();
  const limits = new RateLimiter(options.rateLimits);
  const common = {
    bodyLimitBytes: options.bodyLimitBytes ?? defaults.bodyLimitBytes,
    requestLog: options.requestLog,
    onResponse: options.onResponse,
    errorLog: options.errorLog ?? stderrSink,
    faults,
  };
  const serviceOperations = new Map<string, { api: ApiName; operation: DocumentedOperation }>();
  for (const api of ["customer-profiles", "access-profiles", "sailpoint-oauth"] as const)
    for (const [id, operation] of documentedOperations(loadSpec(api))) serviceOperations.set(id, { api, operation });
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  const tokens = options.tokens ?? createTokenService();
  app.use("/openapi", specsRouter());
  app.use("/docs", docsRouter(options.docsDir ?? defaultDocsDir));
  app.use(
    "/__stub",
    stubAdminRouter({ ...common, bodyLimitBytes: options.adminBodyLimitBytes ?? 16 * 1024 * 1024, store, limits, adminToken: options.adminToken, serviceOperations }),
  );
  app.use("/oauth", sailpointOAuthRouter({ ...common, store: store.accessProfiles, tokens }));
  app.use("/v3", accessProfilesRouter({ ...common, store: store.accessProfiles, tokens, limits }));
  // Customer Profiles is served at the root, as on its real endpoint, so it answers every other path.
  app.use("/", customerProfilesRouter({ ...common, store: store.customerProfiles, limits }));
  return app;
}
