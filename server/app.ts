// Builds the stub's Express app from the API descriptions (apis.ts). It never listens: see
// start.ts for that.
import express, { type Express } from "express";
import { apis } from "./apis.ts";
import { defaults, version } from "./config.ts";
import { browserPointer, inspectorRouter } from "./inspector.ts";
import { captureExchange, Journal } from "./journal.ts";
import { locations } from "./locations.ts";
import type { JournalRecorder, LogSink, ResponseObserver } from "./shared/log.ts";
import { docsRouter, specsRouter } from "./publish.ts";
import { createTokenService, type TokenService } from "./sailpoint-oauth/tokens.ts";
import type { StubServices } from "./services.ts";
import { apiRouter, type AnyApiDescription } from "./shared/api.ts";
import { FaultBook, RateLimiter, type RateLimits, type ServiceApi } from "./shared/controls.ts";
import { documentedOperations, loadSpec, operationMatcher } from "./shared/spec.ts";
import { specValidator, warmUp, warmUpRequests, type MountedValidator } from "./shared/validation.ts";
import { packagedDemoData, readDemoData, StubStore } from "./store.ts";

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
  /**
   * Whether `ready` waits for the warm-up, which builds the checks of the operations each API's
   * description names before any request needs them; default true. Without it, each operation's
   * checks are built on its first request.
   */
  warmUp?: boolean;
}

/** The admin API's body limit unless told otherwise: a whole state can be large. */
const defaultAdminBodyLimitBytes = 16 * 1024 * 1024;

/** The stub's app, and when it is ready: every API's validator loaded and warmed up. */
export type StubApp = Express & { readonly ready: Promise<void> };

const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

type Api = AnyApiDescription<StubServices>;

/**
 * When the stub is ready: every API's validator has loaded its spec and built the checks of the
 * operations its description warms up. A spec example the validator refuses is logged: its checks
 * are built all the same, but the example is wrong.
 */
export function readiness(validators: Map<Api, MountedValidator>, errorLog: LogSink): Promise<void> {
  return logRefusals(warmUpApis(validators), errorLog);
}

function warmUpApis(validators: Map<Api, MountedValidator>): Promise<{ refused: string[] }> {
  const requests = [...validators].flatMap(([api, validator]) =>
    warmUpRequests(validator).filter(
      (request) => api.warmUp === "every operation" || api.warmUp.includes(request.operationId),
    ),
  );
  return warmUp([...validators.values()], requests);
}

function logRefusals(warmed: Promise<{ refused: string[] }>, errorLog: LogSink): Promise<void> {
  const ready = warmed.then(({ refused }) => {
    for (const line of refused) errorLog(`warm-up: the validator refused a spec example: ${line}`);
  });
  // Nobody may be waiting for readiness (a test app that listens at once); its failure then shows in
  // the answers, not as an unhandled rejection.
  ready.catch(() => undefined);
  return ready;
}

/**
 * Every API's validator and its warm-up, made once per process. They depend on nothing but the
 * specs, which a process loads once, and hold no state of a request or an app: the apps of one
 * process (a test file's stub per test) share them, so only the first pays for compiling the checks.
 */
let shared: { validators: Map<Api, MountedValidator>; warmed?: Promise<{ refused: string[] }> } | undefined;

function sharedValidators(): NonNullable<typeof shared> {
  if (!shared) {
    const validators = new Map(
      apis.map((api) => {
        const spec = loadSpec(api.name);
        const validator = {
          api: api.name,
          mount: api.mount,
          basePath: api.basePath,
          spec,
          middleware: specValidator(spec),
        };
        return [api, validator] as const;
      }),
    );
    shared = { validators };
  }
  return shared;
}

/** The process's warm-up, run once, when an app first asks for it. */
function sharedWarmUp(): Promise<{ refused: string[] }> {
  const validators = sharedValidators();
  validators.warmed ??= warmUpApis(validators.validators);
  return validators.warmed;
}

/** Records a service's requests in the journal; none when the journal keeps nothing. */
function journalRecorder(journal: Journal, api: Api, spec: Record<string, unknown>): JournalRecorder | undefined {
  if (journal.size === 0 || api.kind !== "service") return undefined;
  const matchOperation = operationMatcher(documentedOperations(spec).values(), api.basePath);
  return (req, res, startedAt, durationMs) =>
    journal.record(captureExchange(api.name as ServiceApi, matchOperation, req, res, startedAt, durationMs));
}

/** The operations of the services, by id, for the admin API to check faults against. */
function serviceOperations(): StubServices["serviceOperations"] {
  const operations: StubServices["serviceOperations"] = new Map();
  for (const api of apis.filter((a) => a.kind === "service"))
    for (const [id, operation] of documentedOperations(loadSpec(api.name)))
      operations.set(id, { api: api.name as ServiceApi, operation });
  return operations;
}

/**
 * Creates the stub app: specs under `/openapi`, docs under `/docs`, and every API at its mount,
 * the most specific mount first, so that Customer Profiles, at the root, gets only what no other
 * claims. Requests that come before `app.ready` wait for their API's validator;
 * `GET /__stub/health` answers once all are ready.
 *
 * @example
 * const app = createApp({ store: new StubStore(readDemoData("my-data.json")) });
 * await app.ready;
 * const server = app.listen(0, "127.0.0.1");
 */
export function createApp(options: AppOptions = {}): StubApp {
  const startedAt = performance.now();
  const errorLog = options.errorLog ?? stderrSink;
  const { validators } = sharedValidators();
  const warmed = options.warmUp === false ? Promise.resolve({ refused: [] }) : sharedWarmUp();
  const services = makeServices(options, logRefusals(warmed, errorLog), startedAt);
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.use("/openapi", specsRouter(apis.map((api) => api.name)));
  app.use("/docs", docsRouter(options.docsDir ?? locations.docs));
  app.get("/", browserPointer);
  app.use("/__stub", inspectorRouter(options.host));
  const mostSpecificFirst = [...apis].sort((a, b) => b.mount.length - a.mount.length);
  for (const api of mostSpecificFirst) {
    const { spec, middleware } = validators.get(api)!;
    app.use(
      api.mount,
      apiRouter(api, services, {
        spec,
        validator: middleware,
        bodyLimitBytes:
          api.kind === "admin"
            ? (options.adminBodyLimitBytes ?? defaultAdminBodyLimitBytes)
            : (options.bodyLimitBytes ?? defaults.bodyLimitBytes),
        faults: services.faults,
        requestLog: options.requestLog,
        onResponse: options.onResponse,
        errorLog,
        journal: journalRecorder(services.journal, api, spec),
      }),
    );
  }
  return Object.assign(app, { ready: services.ready });
}

/** What the app makes once for every API: state, tokens, limits, faults, the journal, and what health reports. */
function makeServices(options: AppOptions, ready: Promise<void>, startedAt: number): StubServices {
  return {
    store:
      options.store ??
      new StubStore(options.dataFile ? readDemoData(options.dataFile) : packagedDemoData(), { checked: true }),
    tokens: options.tokens ?? createTokenService(),
    limits: new RateLimiter(options.rateLimits),
    faults: new FaultBook(),
    journal: new Journal(options.journalSize),
    serviceOperations: serviceOperations(),
    ready,
    about: {
      version,
      startedAt,
      apis: apis.map((api) => ({
        name: api.name,
        version: String((loadSpec(api.name).info as { version: string }).version),
        basePath: api.basePath || "/",
      })),
    },
    adminToken: options.adminToken,
    host: options.host,
  };
}
