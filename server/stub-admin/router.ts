// The admin API under /__stub: readiness, reset, read and replace state, arm faults, set rate
// limits. Validated against its own spec like the service APIs; guarded by a token when one is set.
import { timingSafeEqual } from "node:crypto";
import express, { type ErrorRequestHandler, type Response, type Router } from "express";
import type { components, operations } from "../../generated/stub-admin.d.ts";
import { newTrackingId } from "../access-profiles/errors.ts";
import { type Journal, type JournalFilter, toHar } from "../journal.ts";
import { tagRequests } from "../log.ts";
import type { FaultRequest, RateLimiter, RateLimits } from "../shared/controls.ts";
import {
  sendResult,
  serveOperation,
  type ApiResponder,
  type OperationResult,
  type RouterBasics,
} from "../shared/operation.ts";
import { parseJsonBody, ProblemError, rawBody, toProblem, reportFault } from "../shared/problems.ts";
import { documentedOperations, loadSpec, type DocumentedOperation } from "../shared/spec.ts";
import { StateError, type DemoData, type StubStore } from "../store.ts";

type Op<Id extends keyof operations> = OperationResult<operations[Id]>;
export type ServedApiInfo = components["schemas"]["ServedApi"];

export interface StubAdminOptions extends RouterBasics {
  store: StubStore;
  limits: RateLimiter;
  /** When set, every admin request must carry `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Operations of the service APIs, to check that a fault's status is documented. */
  serviceOperations: Map<string, { api: string; operation: DocumentedOperation }>;
  /** The requests the served APIs recorded. */
  requestJournal: Journal;
  /** Resolves once every API is ready; the health operation answers when it has. */
  ready: Promise<void>;
  /**
   * What the health operation reports: the package version, when the stub was made
   * (performance.now()), and the APIs it serves.
   */
  about: { version: string; startedAt: number; apis: ServedApiInfo[] };
}

const adminError = <S extends 400 | 401 | 500>(status: S, message: string, details: string[] = []) => ({
  status,
  headers: {},
  body: { message, details },
});

function sendAdminError(res: Response, status: 400 | 401 | 500, message: string, details: string[] = []): void {
  sendResult(res, adminError(status, message, details));
}

/** The journal filter a request's query asks for; the validator has already checked its values. */
function journalFilter(req: express.Request): JournalFilter {
  const query = req.query as Record<string, string | undefined>;
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return {
    api: query.api as JournalFilter["api"],
    operationId: query.operationId,
    status: number(query.status),
    since: number(query.since),
    limit: number(query.limit),
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a fault against the operations it can match; returns the problems. */
function faultProblems(fault: FaultRequest, services: StubAdminOptions["serviceOperations"]): string[] {
  const targets = [...services.entries()].filter(
    ([id, t]) => (!fault.api || t.api === fault.api) && (!fault.operationId || id === fault.operationId),
  );
  if (targets.length === 0) return [`no operation${fault.api ? ` of ${fault.api}` : ""} is named ${fault.operationId}`];
  if (fault.status === undefined) return [];
  return targets
    .filter(([, t]) => !t.operation.responses.has(fault.status!))
    .map(
      ([id]) =>
        `status ${fault.status} is not a documented response of ${id}; name an api or operationId that documents it`,
    );
}

export function stubAdminRouter(options: StubAdminOptions): Router {
  const spec = loadSpec("stub-admin");
  const ops = documentedOperations(spec);
  const router = express.Router();
  const responder: ApiResponder = {
    api: "stub-admin",
    faults: options.faults,
    refusePrefer: (res, message) => sendAdminError(res, 400, message),
  };
  const serve = <Id extends keyof operations & string>(
    id: Id,
    handler: (req: express.Request) => Op<Id> | Promise<Op<Id>>,
  ) => serveOperation(ops.get(id)!, responder, handler);

  router.use(
    tagRequests("stub-admin", { newId: newTrackingId, requestLog: options.requestLog, onResponse: options.onResponse }),
  );
  if (options.adminToken) {
    const expected = options.adminToken;
    // Operations the spec gives `security: []` (the readiness probe) take no credentials.
    const anonymous = new Set([...ops.values()].filter((op) => op.anonymous).map((op) => `${op.method} ${op.path}`));
    router.use((req, res, next) => {
      if (anonymous.has(`${req.method} ${req.originalUrl.split("?")[0]}`)) return next();
      const given = /^Bearer +(\S+) *$/i.exec(req.get("authorization") ?? "")?.[1];
      if (given && sameToken(given, expected)) return next();
      sendAdminError(res, 401, "The admin API requires Authorization with the admin token.");
    });
  }
  router.use(rawBody(options.bodyLimitBytes), parseJsonBody);
  router.use(options.validator);

  const { version, startedAt, apis } = options.about;
  router.get(
    "/health",
    serve("getStubHealth", async () => {
      await options.ready;
      const uptimeSeconds = Math.floor((performance.now() - startedAt) / 1000);
      return { status: 200 as const, headers: {}, body: { status: "ok" as const, version, uptimeSeconds, apis } };
    }),
  );
  router.post(
    "/reset",
    serve("resetStub", () => {
      options.store.reset();
      options.requestJournal.clear();
      options.faults.clear();
      options.limits.refill();
      return { status: 204 as const, headers: {}, body: undefined };
    }),
  );
  router.get(
    "/state",
    serve("getStubState", () => ({ status: 200 as const, headers: {}, body: options.store.snapshot() })),
  );
  router.put(
    "/state",
    serve("replaceStubState", (req) => {
      try {
        options.store.replace(req.body as DemoData);
      } catch (error) {
        if (error instanceof StateError) return adminError(400, "The state is not valid.", error.problems);
        throw error;
      }
      return { status: 204 as const, headers: {}, body: undefined };
    }),
  );
  router.get(
    "/faults",
    serve("listStubFaults", () => ({ status: 200 as const, headers: {}, body: { faults: options.faults.list() } })),
  );
  router.post(
    "/faults",
    serve("addStubFault", (req) => {
      const problems = faultProblems(req.body as FaultRequest, options.serviceOperations);
      if (problems.length > 0) return adminError(400, "The fault cannot match any request as asked.", problems);
      return { status: 201 as const, headers: {}, body: options.faults.add(req.body as FaultRequest) };
    }),
  );
  router.delete(
    "/faults",
    serve("clearStubFaults", () => {
      options.faults.clear();
      return { status: 204 as const, headers: {}, body: undefined };
    }),
  );
  router.get(
    "/limits",
    serve("getStubLimits", () => ({ status: 200 as const, headers: {}, body: options.limits.get() })),
  );
  router.put(
    "/limits",
    serve("setStubLimits", (req) => ({
      status: 200 as const,
      headers: {},
      body: options.limits.set(req.body as Partial<RateLimits>),
    })),
  );

  router.get(
    "/requests",
    serve("listStubRequests", (req) => ({
      status: 200 as const,
      headers: {},
      body: options.requestJournal.select(journalFilter(req)),
    })),
  );
  router.delete(
    "/requests",
    serve("clearStubRequests", () => {
      options.requestJournal.clear();
      return { status: 204 as const, headers: {}, body: undefined };
    }),
  );
  router.get(
    "/requests.har",
    serve("getStubRequestsHar", (req) => ({
      status: 200 as const,
      headers: {},
      body: toHar(options.requestJournal.select(journalFilter(req)).requests, version),
    })),
  );

  router.use((_req, _res, next) => next(new ProblemError("no-such-operation", "Not found.")));
  const errors: ErrorRequestHandler = (err, req, res, _next) => {
    const problem = toProblem(err);
    if (problem.kind === "invalid-response" || problem.kind === "internal") {
      if (reportFault(options.errorLog, "stub-admin", req, res, err, problem))
        sendAdminError(res, 500, "An internal error occurred.");
      return;
    }
    if (problem.kind === "no-such-operation")
      return sendAdminError(res, 400, `No admin operation matches ${req.method} ${req.originalUrl.split("?")[0]}.`);
    sendAdminError(res, 400, problem.message, problem.details);
  };
  router.use(errors);
  return router;
}
