// One description per API, and the one way an API is served from it. A description says where the
// API is mounted, how it names requests, reads bodies, checks credentials, limits callers and
// renders problems, and gives one handler per operation of the generated types; `apiRouter` builds
// the API's router from it and from the API's spec, whose operations it routes, so that a path, a
// method or a security requirement is written once, in the spec.
import express, { type RequestHandler, type Router } from "express";
import { tagRequests, type JournalRecorder, type LogSink, type ResponseObserver } from "./log.ts";
import { ignoreBody, parseFormBody, parseJsonBody, rawBody } from "./body.ts";
import type { ApiName, RequestContext } from "./context.ts";
import { rateLimit, type CallerLimit, type FaultBook, type ServiceApi } from "./controls.ts";
import { serveOperation, type Handlers, type ServedHandler } from "./operation.ts";
import type { PreferredResponse } from "./prefer.ts";
import { problemHandler, ProblemError, type ProblemRenderer } from "./problems.ts";
import { documentedOperations, operationMatcher, pathMethods, type DocumentedOperation, type Json } from "./spec.ts";

/** How an API checks one of the security schemes its spec declares. */
export interface SecurityScheme {
  /**
   * Checks the credentials of every request to the API (but those of operations declaring
   * `security: []`), before the validator, so that a request that does not match any operation is
   * refused as the service would; notes the caller in the context, or answers the API's 401 or 403.
   */
  authenticate: RequestHandler;
  /** What an operation that names the scheme needs beyond valid credentials: its scopes, its authorities. */
  authorize?(operation: DocumentedOperation): RequestHandler;
}

export interface ApiDescription<Services, Operations = unknown, Common extends string = never> {
  name: ApiName;
  /** A service the stub stands in for (journaled; faults and `Prefer` apply), or the stub's own admin API. */
  kind: "service" | "admin";
  /** Where the router is mounted. */
  mount: string;
  /** What the stub puts before the spec's paths: `/v3` for Access Profiles; "" when the spec names them in full. */
  basePath: string;
  /**
   * The operations whose checks are built before the stub is ready (loading the spec with the
   * first); the others build theirs when first called, in 15-45 ms each. Every operation warmed
   * costs every start, including each test file's `startStub()`: warm what nearly every user calls.
   */
  warmUp: "every operation" | readonly (keyof Operations & string)[];
  /** The id each request gets, and the response header that carries it on every answer, if any. */
  requestIds: { make(): string; header?: string };
  /**
   * How bodies are read: all within the body limit, then parsed as JSON or as a form, or ignored
   * by an API none of whose operations takes one. The admin API takes bodies far larger than the
   * others (whole states), so it checks credentials before it reads one: `credentialsFirst`.
   */
  body: { parse: "json" | "form" | "ignored"; credentialsFirst?: boolean };
  /** A check before any other, on every request (the admin API's: addressed to the stub, from no other site). */
  guard?(services: Services): RequestHandler | undefined;
  /** How each security scheme of the spec is checked; an operation naming one not here fails the start. */
  security?(services: Services): Record<string, SecurityScheme>;
  /** Per-caller rate limits, after authentication. */
  limit?(services: Services): CallerLimit;
  /** The API's documented error for every problem (invalid request, no such operation, a fault of the stub). */
  renderProblem: ProblemRenderer;
  /** Fills per-request values (tracking ids) into a documented example that `Prefer` or a fault picked. */
  personalize?(context: RequestContext, response: PreferredResponse): void;
  /** The operations' handlers, typed by the generated `operations`. */
  handlers(services: Services): Handlers<Operations, Common>;
}

/**
 * A description as it is served, whatever its operations' types: each is checked against its own
 * where it is written.
 */
export interface AnyApiDescription<Services> extends Omit<ApiDescription<Services>, "warmUp" | "handlers"> {
  warmUp: "every operation" | readonly string[];
  handlers(services: Services): object;
}

/** What the app gives an API's router. */
export interface RouterSetting {
  /** The bundled spec the API is routed and validated by. */
  spec: Json;
  /** The API's express-openapi-validator, built by the app so that it can warm it up before the stub is ready. */
  validator: RequestHandler[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Faults armed through the admin API. */
  faults: FaultBook;
  /** Where one line per request goes. */
  requestLog?: LogSink;
  /** Told of every response. */
  onResponse?: ResponseObserver;
  /** Where faults in the stub itself are reported. */
  errorLog: LogSink;
  /** Records the API's requests in the journal. */
  journal?: JournalRecorder;
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
type Method = (typeof methods)[number];

/** An operation's path as an Express route under the API's mount: `/domains/{DomainName}` → `/domains/:DomainName`. */
export function routePath(api: { mount: string; basePath: string }, specPath: string): string {
  const full = api.basePath + specPath;
  const underMount = api.mount === "/" ? full : full.slice(api.mount.length);
  return underMount
    .replace(/[()[\]?+!*:\\]/g, (c) => `\\${c}`)
    .replace(/\{([^}]+)\}/g, (_, name: string) => `:${name}`);
}

/** The schemes an operation's security requirement names; none for `security: []`. */
function schemesOf(operation: DocumentedOperation): string[] {
  return [...new Set((operation.security ?? []).flatMap((alternative) => Object.keys(alternative)))];
}

/**
 * Checks that the description and the spec agree, before anything is served: one handler per
 * operation and no other, a security requirement on every operation, and a check for every scheme
 * one names. Throws naming what is wrong.
 */
function checkAgainstSpec(
  name: ApiName,
  operations: Map<string, DocumentedOperation>,
  handlers: Record<string, unknown>,
  schemes: Record<string, SecurityScheme>,
): void {
  const problems: string[] = [];
  for (const operation of operations.values()) {
    if (!handlers[operation.operationId]) problems.push(`${operation.operationId} has no handler`);
    if (operation.security === undefined)
      problems.push(`${operation.operationId} declares no security (security: [] if it takes no credentials)`);
    for (const scheme of schemesOf(operation))
      if (!schemes[scheme])
        problems.push(`${operation.operationId} names the security scheme ${scheme}, which the stub does not check`);
  }
  for (const id of Object.keys(handlers))
    if (!operations.has(id)) problems.push(`the handler ${id} has no operation in the spec`);
  if (Object.keys(schemes).length > 1) problems.push("the stub checks one security scheme per API");
  if (problems.length > 0) throw new Error(`${name}: ${problems.join("; ")}`);
}

/** Checks credentials on every request but those of operations that take none (`security: []`). */
function authentication(
  api: { basePath: string },
  operations: Map<string, DocumentedOperation>,
  scheme: SecurityScheme,
): RequestHandler {
  const anonymous = [...operations.values()].filter((op) => op.security?.length === 0);
  if (anonymous.length === 0) return scheme.authenticate;
  const matchAnonymous = operationMatcher(anonymous, api.basePath);
  return (req, res, next) => {
    if (matchAnonymous(req.method, req.originalUrl.split("?")[0] ?? "")) return next();
    scheme.authenticate(req, res, next);
  };
}

const bodyParsers: Record<ApiDescription<unknown>["body"]["parse"], RequestHandler> = {
  json: parseJsonBody,
  form: parseFormBody,
  ignored: ignoreBody,
};

/**
 * The API's router, in the order a request meets it: its id (and the log, observer and journal once
 * answered), the guard, its credentials and its body (in the order the description asks), the
 * caller's rate limit, the body parsed, the validator, the route of its operation (authorization
 * by the operation's declared security, then faults, `Prefer` and the handler), and the one problem
 * handler. Throws if the description and the spec disagree (see checkAgainstSpec).
 */
export function apiRouter<Services>(
  api: AnyApiDescription<Services>,
  services: Services,
  setting: RouterSetting,
): Router {
  const operations = documentedOperations(setting.spec);
  const handlers = api.handlers(services) as Record<string, ServedHandler>;
  const schemes = api.security?.(services) ?? {};
  checkAgainstSpec(api.name, operations, handlers, schemes);
  const [scheme] = Object.values(schemes);

  const router = express.Router();
  router.use(
    tagRequests(api.name, {
      newId: api.requestIds.make,
      idHeader: api.requestIds.header,
      requestLog: setting.requestLog,
      onResponse: setting.onResponse,
      journal: setting.journal,
    }),
  );
  const guard = api.guard?.(services);
  if (guard) router.use(guard);
  const authenticate = scheme && authentication(api, operations, scheme);
  const readBody = rawBody(setting.bodyLimitBytes);
  if (api.body.credentialsFirst) router.use(...[authenticate, readBody].filter((h) => h !== undefined));
  else router.use(...[readBody, authenticate].filter((h) => h !== undefined));
  if (api.limit) router.use(rateLimit(api.limit(services)));
  router.use(bodyParsers[api.body.parse]);
  router.use(setting.validator);

  const faults = api.kind === "service" ? { book: setting.faults, api: api.name as ServiceApi } : undefined;
  const methodsOf = pathMethods(operations.values(), api.basePath);
  for (const operation of operations.values()) {
    const authorize = schemesOf(operation).flatMap((name) => schemes[name]?.authorize?.(operation) ?? []);
    const serve = serveOperation(operation, handlers[operation.operationId]!, {
      faults,
      renderProblem: api.renderProblem,
      personalize: api.personalize,
      allowed: methodsOf(api.basePath + operation.path),
    });
    router[operation.method.toLowerCase() as Method](routePath(api, operation.path), ...authorize, serve);
  }

  router.use((_req, _res, next) => next(new ProblemError("no-such-operation", "Not found.")));
  router.use(problemHandler(api.name, api.renderProblem, setting.errorLog, methodsOf));
  return router;
}
