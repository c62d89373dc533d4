// Types that tie handlers to the generated `operations`, and the route of one operation: armed
// faults and `Prefer` first, then its handler.
import { setTimeout as sleep } from "node:timers/promises";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { answer, contextOf, drop, type RequestContext, type SendableResult } from "./context.ts";
import type { Fault, FaultBook, ServiceApi } from "./controls.ts";
import { documentedResponse, maxLatencyMs, parsePrefer, type Preferences, type PreferredResponse } from "./prefer.ts";
import type { ProblemRenderer } from "./problems.ts";
import type { DocumentedOperation } from "./spec.ts";

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;
/** Named headers of a response, without openapi-typescript's `[name: string]: unknown`. */
type NamedHeaders<R> = R extends { headers: infer H }
  ? { [K in keyof H as string extends K ? never : K]: H[K] }
  : Record<never, never>;

/**
 * Every answer an operation may give, as `{ status, headers, body }`, straight from the spec.
 * Headers the API sets on every response (`Common`) are left out. A handler that returns a
 * status, header or body the spec does not document fails to type-check.
 */
export type OperationResult<Op, Common extends string = never> = {
  [S in keyof ResponsesOf<Op>]: {
    status: S;
    headers: Omit<NamedHeaders<ResponsesOf<Op>[S]>, Common>;
    body: ContentOf<ResponsesOf<Op>[S]>;
  };
}[keyof ResponsesOf<Op>];

export type PathParamsOf<Op> = Op extends { parameters: { path: infer P } } ? P : Record<never, never>;
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : Record<never, never>;
/** The request body as the API's body reader parsed it (JSON, or a form's fields); undefined for none. */
export type RequestBodyOf<Op> = Op extends { requestBody?: infer B } ? ContentOf<NonNullable<B>> : undefined;

/** What a handler gets: the request's parameters and body, checked against the spec, and its context. */
export interface OperationRequest<Op> {
  path: PathParamsOf<Op>;
  query: QueryOf<Op>;
  body: RequestBodyOf<Op>;
  /** Path and query as sent, still percent-encoded. */
  url: string;
  context: RequestContext;
}

type Respond<Op, Common extends string> = (
  request: OperationRequest<Op>,
) => OperationResult<Op, Common> | Promise<OperationResult<Op, Common>>;

/**
 * An operation's handler: a function from the request to one of its documented answers, or, for an
 * operation that must refuse some valid requests before `Prefer` and armed faults are looked at (the
 * token endpoint's unknown client), `refuse` beside `respond`.
 */
export type OperationHandler<Op, Common extends string = never> =
  | Respond<Op, Common>
  | {
      refuse(request: OperationRequest<Op>): OperationResult<Op, Common> | undefined;
      respond: Respond<Op, Common>;
    };

/** A handler as it is served, whatever its operation's types. */
export type ServedHandler =
  | ((request: OperationRequest<unknown>) => SendableResult | Promise<SendableResult>)
  | {
      refuse(request: OperationRequest<unknown>): SendableResult | undefined;
      respond(request: OperationRequest<unknown>): SendableResult | Promise<SendableResult>;
    };

/** One handler for each operation the generated types know: a new operation in a spec fails to compile until it has one. */
export type Handlers<Operations, Common extends string = never> = {
  [Id in keyof Operations]: OperationHandler<Operations[Id], Common>;
};

/** What an operation's route needs to know of its API. */
export interface OperationSetting {
  /** Faults armed through the admin API; none for the admin API itself. */
  faults?: { book: FaultBook; api: ServiceApi };
  /** Renders a `Prefer` header the operation cannot honour, as the API's 400. */
  renderProblem: ProblemRenderer;
  /** Fills per-request values (ids, tracking ids) into a documented example before it is sent. */
  personalize?(context: RequestContext, response: PreferredResponse): void;
  /** The methods the operation's path takes: the `Allow` of a documented 405 it is asked for. */
  allowed: string[];
}

/**
 * The route of one operation. An armed fault or `Prefer` tokens come first: added latency, then a
 * dropped connection or a documented response for `code=`; otherwise the handler answers. Both
 * apply only to an otherwise valid request: a handler's `refuse` answers one that is not before
 * either is looked at. Headers the API already set (request ids) win over documented example values.
 */
export function serveOperation(
  operation: DocumentedOperation,
  handler: ServedHandler,
  setting: OperationSetting,
): RequestHandler {
  const respond = typeof handler === "function" ? handler : handler.respond;
  const refuse = typeof handler === "function" ? undefined : handler.refuse;
  const requestOf = (req: Request, res: Response): OperationRequest<unknown> => ({
    path: req.params as never,
    query: req.query as never,
    body: req.body as never,
    url: req.originalUrl,
    context: contextOf(res),
  });
  const refusePrefer = (req: Request, res: Response, message: string) => {
    const problem = { kind: "invalid-request" as const, message, details: [] };
    const path = req.originalUrl.split("?")[0] ?? "";
    answer(res, "prefer", setting.renderProblem(problem, { method: req.method, path, context: contextOf(res) }));
  };
  const proceed = (req: Request, res: Response, next: NextFunction, fault: Fault | undefined, prefer: Preferences) => {
    if (fault?.drop || prefer.drop) return drop(res, fault?.drop ? "fault" : "prefer");
    const code = fault?.status !== undefined ? String(fault.status) : prefer.code;
    const example = fault?.status !== undefined ? undefined : prefer.example;
    if (code !== undefined || example !== undefined) {
      const documented = documentedResponse(operation, code, example);
      if (!documented.ok) return refusePrefer(req, res, documented.message);
      setting.personalize?.(contextOf(res), documented.value);
      if (documented.value.status === 405) documented.value.headers.Allow = setting.allowed.join(", ");
      const headers = Object.fromEntries(
        Object.entries(documented.value.headers).filter(([name]) => !res.hasHeader(name)),
      );
      contextOf(res).example = documented.value.example;
      return answer(res, fault?.status !== undefined ? "fault" : "prefer", { ...documented.value, headers });
    }
    // Most handlers answer at once: only those that wait (for readiness, to sign a token) return a promise.
    const result = respond(requestOf(req, res));
    if (result instanceof Promise) result.then((r) => answer(res, "handler", r)).catch(next);
    else answer(res, "handler", result);
  };
  // Synchronous unless there is latency to add or the handler is asynchronous: most requests
  // need neither, and each await would cost them a turn of the microtask queue.
  return (req, res, next) => {
    const refusal = refuse?.(requestOf(req, res));
    if (refusal) return answer(res, "handler", refusal);
    const prefer = parsePrefer(req.get("prefer"));
    if (!prefer.ok) return refusePrefer(req, res, prefer.message);
    const fault = setting.faults?.book.take(setting.faults.api, operation.operationId);
    const latency = Math.min(maxLatencyMs, (fault?.latencyMs ?? 0) + (prefer.value.latencyMs ?? 0));
    if (latency > 0)
      sleep(latency)
        .then(() => proceed(req, res, next, fault, prefer.value))
        .catch(next);
    else proceed(req, res, next, fault, prefer.value);
  };
}
