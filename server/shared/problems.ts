// Everything that can go wrong with a request before a handler answers it (the body readers' and
// the OpenAPI validator's refusals, no such operation, a fault of the stub's own), described once,
// neutrally, and the one error handler that ends every API: it has each problem rendered in the
// API's own error shape, and keeps the stub's own faults in its error log.
import type { ErrorRequestHandler, Request } from "express";
import type { LogSink } from "./log.ts";
import { redactUrl } from "./redact.ts";
import { answer, contextOf, drop, type AnsweredBy, type RequestContext, type SendableResult } from "./context.ts";

export type ProblemKind =
  /** The request breaks the spec: a parameter, a header or the body is invalid. */
  | "invalid-request"
  /** The body is not well-formed JSON. */
  | "malformed-json"
  /** The body's content type is not one the operation takes. */
  | "unsupported-media-type"
  /** The body is larger than the configured limit. */
  | "body-too-large"
  /** No operation of the API has this path, or this method on it. */
  | "no-such-operation"
  /** The stub produced a response its own spec does not allow: a bug in the stub. */
  | "invalid-response"
  /** Anything else: a bug in the stub. */
  | "internal";

export interface Problem {
  kind: ProblemKind;
  /** A message fit for the client. Never a stack trace. */
  message: string;
  /** Individual reasons, e.g. one per failed schema rule. */
  details: string[];
  /** The validator's reasons, each with where in the request (`/body/ProfileId`, `/query/limit`). */
  rules?: { pointer: string; message: string }[];
  /** For no-such-operation: the methods the path does have (RFC 9110's Allow), empty if it has none. */
  allowed?: string[];
}

export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

interface ValidatorError {
  status?: number;
  type?: string;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

/** A fault of the stub itself rather than of the request. */
const isFault = (kind: ProblemKind) => kind === "invalid-response" || kind === "internal";

/** What answers a request refused with a problem, for its journal entry. */
function answeredByProblem(kind: ProblemKind): AnsweredBy {
  if (kind === "no-such-operation") return "no-operation";
  return isFault(kind) ? "error" : "validation";
}

/** Classifies anything passed to `next(err)` by the parsers and the validator. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return { kind: err.kind, message: err.message, details: err.details };
  const e = (err ?? {}) as ValidatorError;
  const details = (e.errors ?? []).map((item) => `${item.path ?? ""} ${item.message ?? ""}`.trim());
  const rules = (e.errors ?? []).map((item) => ({ pointer: item.path ?? "", message: item.message ?? "" }));
  if (e.type === "entity.too.large")
    return { kind: "body-too-large", message: "The request body is larger than the stub accepts.", details: [] };
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return { kind: "unsupported-media-type", message: e.message ?? "Unsupported body encoding.", details: [] };
  if (e.type === "request.aborted" || e.type === "request.size.invalid")
    return { kind: "invalid-request", message: "The request body ended before its declared length.", details: [] };
  switch (e.status) {
    case 400:
      return { kind: "invalid-request", message: e.message ?? "The request is invalid.", details, rules };
    case 404:
    case 405:
      return { kind: "no-such-operation", message: e.message ?? "Not found.", details };
    case 413:
      return { kind: "body-too-large", message: "The request body is larger than the stub accepts.", details: [] };
    case 415:
      // The validator reports a request with no Content-Type as "unsupported media type undefined".
      if (e.message?.endsWith(" undefined"))
        return {
          kind: "unsupported-media-type",
          message: "The request has no body, or no Content-Type; this operation takes an application/json body.",
          details: [],
        };
      return { kind: "unsupported-media-type", message: e.message ?? "Unsupported media type.", details, rules };
    case 500:
      if (e.errors) return { kind: "invalid-response", message: e.message ?? "Invalid response.", details };
  }
  return { kind: "internal", message: "An internal error occurred.", details: [] };
}

/** What a renderer may say about the request a problem is about. */
export interface ProblemRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  context: RequestContext;
}

/** An API's documented error for a problem. */
export type ProblemRenderer = (problem: Problem, request: ProblemRequest) => SendableResult;

/**
 * The error handler at the end of every API: whatever was passed to `next(err)` becomes the API's
 * documented error for it. A fault of the stub itself (an invalid response, an exception) is logged
 * with its details for the operator and never shown to the client; if its answer was already under
 * way, the connection is cut instead.
 */
export function problemHandler(
  api: string,
  render: ProblemRenderer,
  errorLog: LogSink,
  methodsOf: (path: string) => string[] = () => [],
): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    if (problem.kind === "no-such-operation") problem.allowed = methodsOf(req.originalUrl.split("?")[0] ?? "");
    const by = answeredByProblem(problem.kind);
    if (isFault(problem.kind)) {
      logFault(errorLog, api, req, err, problem);
      if (res.headersSent) return drop(res, by);
      res.removeHeader("Retry-After");
    } else
      contextOf(res).refusal = {
        kind: problem.kind,
        message: problem.message,
        rules: problem.rules ?? problem.details.map((message) => ({ pointer: "", message })),
      };
    const path = req.originalUrl.split("?")[0] ?? "";
    answer(res, by, render(problem, { method: req.method, path, context: contextOf(res) }));
  };
}

function logFault(errorLog: LogSink, api: string, req: Request, err: unknown, problem: Problem): void {
  const stack = problem.kind === "internal" ? ((err as Error)?.stack ?? String(err)) : "";
  errorLog(
    `${api} ${req.method} ${redactUrl(req.originalUrl)}: ${problem.kind}: ${problem.message} ${problem.details.join("; ")} ${stack}`,
  );
}
