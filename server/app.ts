// Builds the stub's Express app for both APIs. It never listens: see start.ts for that.
import express, { type Express } from "express";
import { createTokenService, type TokenService } from "./access-profiles/auth.ts";
import { accessProfilesRouter } from "./access-profiles/router.ts";
import { defaults, version } from "./config.ts";
import { customerProfilesRouter } from "./customer-profiles/router.ts";
import { captureExchange, Journal, operationMatcher, type JournaledApi } from "./journal.ts";
import type { JournalRecorder, LogSink, ResponseObserver } from "./log.ts";
import { paths } from "./paths.ts";
import { docsRouter, specsRouter } from "./publish.ts";
import { sailpointOAuthRouter } from "./sailpoint-oauth/router.ts";
import { FaultBook, RateLimiter, type RateLimits } from "./shared/controls.ts";
import { documentedOperations, loadSpec, type ApiName, type DocumentedOperation } from "./shared/spec.ts";
import { specValidator, warmUp, warmUpRequests, type MountedValidator } from "./shared/validation.ts";
import { packagedDemoData, readDemoData, StubStore } from "./store.ts";
import { stubAdminRouter } from "./stub-admin/router.ts";

export interface AppOptions {
  /** State to serve; by default a fresh store loaded from `dataFile`. Keep a reference to inspect it. */
  store?: StubStore;
  /** Demo data file, used when no store is given. Default: the bundled demo data. */
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
  /**
   * The address the stub listens on, default 127.0.0.1: on loopback or a named host, the admin API
   * answers only requests addressed to it and no web page of another site.
   */
  host?: string;
  /** Folder served at /docs; default: the docs built by `npm run docs` (in the package, those it ships). */
  docsDir?: string;
  /** How many requests the journal keeps; 0 records none. Default 1000. */
  journalSize?: number;
}

/** The stub's app, and when it is ready: every API's validator loaded and warmed up. */
export type StubApp = Express & { readonly ready: Promise<void> };

const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

/**
 * Where each API is mounted, and what the stub puts before the paths of its spec: Customer
 * Profiles at the root, as on its real endpoint (so it answers every path the others do not);
 * Access Profiles under /v3, as SailPoint's SDK always prefixes it; the token endpoint and the
 * admin API, whose specs name their paths in full.
 */
const placement: Record<ApiName, { mount: string; basePath: string }> = {
  "stub-admin": { mount: "/__stub", basePath: "" },
  "sailpoint-oauth": { mount: "/oauth", basePath: "" },
  "access-profiles": { mount: "/v3", basePath: "/v3" },
  "customer-profiles": { mount: "/", basePath: "" },
};

/**
 * Creates the stub app: specs under `/openapi`, docs under `/docs`, the admin API under `/__stub`,
 * SailPoint's token endpoint at `/oauth/token`, Access Profiles under `/v3`, Customer Profiles at
 * the root. Requests that come before `app.ready` wait for their API's validator;
 * `GET /__stub/health` answers once all are ready.
 *
 * @example
 * const app = createApp({ store: new StubStore(readDemoData("my-data.json")) });
 * await app.ready;
 * const server = app.listen(0, "127.0.0.1");
 */
export function createApp(options: AppOptions = {}): StubApp {
  const startedAt = performance.now();
  const store =
    options.store ??
    (options.dataFile
      ? new StubStore(readDemoData(options.dataFile), { checked: true })
      : new StubStore(packagedDemoData(), { checked: true }));
  const faults = new FaultBook();
  const limits = new RateLimiter(options.rateLimits);
  const bodyLimitBytes = options.bodyLimitBytes ?? defaults.bodyLimitBytes;
  const validator = (api: ApiName): MountedValidator => ({
    api,
    ...placement[api],
    spec: loadSpec(api),
    middleware: specValidator(loadSpec(api)),
  });
  const validators = {
    "customer-profiles": validator("customer-profiles"),
    "access-profiles": validator("access-profiles"),
    "sailpoint-oauth": validator("sailpoint-oauth"),
    "stub-admin": validator("stub-admin"),
  };
  // Every operation of the served APIs answers at full speed once ready; of the admin API, the
  // readiness probe itself. Its other operations build their checks when first called.
  const warming = Object.values(validators)
    .flatMap(warmUpRequests)
    .filter((request) => request.api !== "stub-admin" || request.operationId === "getStubHealth");
  const ready = warmUp(Object.values(validators), warming).then(() => undefined);
  // Nobody may be waiting for readiness (a test app that listens at once); its failure then shows in
  // the answers, not as an unhandled rejection.
  ready.catch(() => undefined);

  const journal = new Journal(options.journalSize);
  const journalOf = (api: JournaledApi): JournalRecorder | undefined => {
    if (journal.size === 0) return undefined;
    const matchOperation = operationMatcher(documentedOperations(loadSpec(api)).values(), placement[api].basePath);
    return (req, res, startedAt, durationMs) =>
      journal.record(captureExchange(api, matchOperation, req, res, startedAt, durationMs));
  };
  const common = {
    bodyLimitBytes,
    requestLog: options.requestLog,
    onResponse: options.onResponse,
    errorLog: options.errorLog ?? stderrSink,
    faults,
  };
  const serviceOperations = new Map<string, { api: ApiName; operation: DocumentedOperation }>();
  for (const api of ["customer-profiles", "access-profiles", "sailpoint-oauth"] as const)
    for (const [id, operation] of documentedOperations(loadSpec(api))) serviceOperations.set(id, { api, operation });
  const apis = Object.values(validators).map((v) => ({
    name: v.api,
    version: String((v.spec.info as { version: string }).version),
    basePath: v.basePath || "/",
  }));

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  const tokens = options.tokens ?? createTokenService();
  app.use("/openapi", specsRouter());
  app.use("/docs", docsRouter(options.docsDir ?? paths.docs));
  app.use(
    placement["stub-admin"].mount,
    stubAdminRouter({
      ...common,
      validator: validators["stub-admin"].middleware,
      bodyLimitBytes: options.adminBodyLimitBytes ?? 16 * 1024 * 1024,
      store,
      limits,
      adminToken: options.adminToken,
      host: options.host,
      serviceOperations,
      requestJournal: journal,
      ready,
      about: { version, startedAt, apis },
    }),
  );
  app.use(
    placement["sailpoint-oauth"].mount,
    sailpointOAuthRouter({
      ...common,
      journal: journalOf("sailpoint-oauth"),
      validator: validators["sailpoint-oauth"].middleware,
      store: store.accessProfiles,
      tokens,
    }),
  );
  app.use(
    placement["access-profiles"].mount,
    accessProfilesRouter({
      ...common,
      journal: journalOf("access-profiles"),
      validator: validators["access-profiles"].middleware,
      store: store.accessProfiles,
      tokens,
      limits,
    }),
  );
  app.use(
    placement["customer-profiles"].mount,
    customerProfilesRouter({
      ...common,
      journal: journalOf("customer-profiles"),
      validator: validators["customer-profiles"].middleware,
      store: store.customerProfiles,
      limits,
    }),
  );
  return Object.assign(app, { ready });
}
