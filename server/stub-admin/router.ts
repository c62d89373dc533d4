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
import { isLoopback } from "../config.ts";
import { StateError, type DemoData, type StubStore } from "../store.ts";

type Op<Id extends keyof operations> = OperationResult<operations[Id]>;
export type ServedApiInfo = components["schemas"]["ServedApi"];

export interface StubAdminOptions extends RouterBasics {
  store: StubStore;
  limits: RateLimiter;
  /** When set, every admin request must carry `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** The address the stub listens on (default 127.0.0.1), for `sameMachineOnly`. */
  host?: string;
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

const adminError = <S extends 400 | 401 | 403 | 404 | 500>(status: S, message: string, details: string[] = []) => ({
  status,
  headers: {},
  body: { message, details },
});

function sendAdminError(
  res: Response,
  status: 400 | 401 | 403 | 404 | 500,
  message: string,
  details: string[] = [],
): void {
  sendResult(res, adminError(status, message, details));
}

/**
 * The journal filter a request's query asks for. The validator has checked the values as numbers,
 * but it reads `1e309` as one (Infinity) and `0x10` as 16: here a number is decimal digits.
 */
function journalFilter(req: express.Request): JournalFilter {
  const query = req.query as Record<string, string | undefined>;
  // As sent: the validator has turned the query's numbers into numbers already.
  const sent = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
  const number = (name: "status" | "since" | "limit") => {
    const value = sent.get(name);
    if (value === null) return undefined;
    if (!/^\d{1,15}$/.test(value))
      throw new ProblemError(
        "invalid-request",
        `The query parameter ${name} must be a whole number in decimal digits.`,
      );
    return Number(value);
  };
  return {
    api: query.api as JournalFilter["api"],
    operationId: query.operationId,
    status: number("status"),
    since: number("since"),
    limit: number("limit"),
  };
}

/** The host name of a Host header or an origin's host: no port, no brackets, lower case. */
function hostName(hostAndPort: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(hostAndPort);
  return (bracketed ? bracketed[1]! : hostAndPort.replace(/:\d*$/, "")).toLowerCase();
}

function originHost(origin: string): string {
  try {
    return hostName(new URL(origin).host);
  } catch {
    return "";
  }
}

/**
 * Refuses, with 403, what a web page could send to an admin API on the developer's own machine: a
 * request whose Host is another name than the stub's (DNS rebinding: a page of evil.example whose
 * name now resolves to 127.0.0.1), and one a page of another site sent (CSRF: an `Origin` of
 * another host, or `Sec-Fetch-Site: cross-site`). Tools that are not browsers send neither, and
 * keep working. A stub listening on every address (0.0.0.0, ::) cannot know its names: there the
 * admin token guards it instead.
 */
function sameMachineOnly(listening = "127.0.0.1"): express.RequestHandler | undefined {
  if (listening === "0.0.0.0" || listening === "::") return undefined;
  const ours = (name: string) => isLoopback(name) || name.endsWith(".localhost") || name === listening.toLowerCase();
  return (req, res, next) => {
    const host = req.get("host");
    if (host !== undefined && !ours(hostName(host)))
      return sendAdminError(res, 403, `The admin API answers only requests addressed to the stub (Host: ${host}).`);
    // An opaque origin ("null": a sandboxed frame, a file) or one that does not parse is nobody's.
    const origin = req.get("origin");
    if ((origin !== undefined && !ours(originHost(origin))) || req.get("sec-fetch-site") === "cross-site")
      return sendAdminError(
        res,
        403,
        `The admin API does not answer web pages of other sites (${origin === undefined ? "Sec-Fetch-Site: cross-site" : `Origin: ${origin}`}).`,
      );
    next();
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
  const guard = sameMachineOnly(options.host);
  if (guard) router.use(guard);
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
    if (problem.kind === "no-such-operation") {
      const path = req.originalUrl.split("?")[0]!;
      // A path of the admin API with another method is a bad request; a path it does not have is not found.
      const known = [...ops.values()].some((op) => op.path === path);
      return sendAdminError(res, known ? 400 : 404, `No admin operation matches ${req.method} ${path}.`);
    }
    sendAdminError(res, 400, problem.message, problem.details);
  };
  router.use(errors);
  return router;
}
