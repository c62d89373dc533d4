// Types that tie handlers to the generated `operations`, and the one function that sends a result.
import { setTimeout as sleep } from "node:timers/promises";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { JournalRecorder, LogSink, ResponseObserver } from "../log.ts";
import type { Fault, FaultBook, ServedApi } from "./controls.ts";
import { answeredBy } from "../journal.ts";
import { documentedResponse, maxLatencyMs, parsePrefer, type Preferences, type PreferredResponse } from "./prefer.ts";
import type { DocumentedOperation } from "./spec.ts";

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type BodyOf<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
/** Named headers of a response, without openapi-typescript's `[name: string]: unknown`. */
type NamedHeaders<R> = R extends { headers: infer H }
  ? { [K in keyof H as string extends K ? never : K]: H[K] }
  : Record<never, never>;

/**
 * Every answer an operation may give, as `{ status, headers, body }`, straight from the spec.
 * Headers the router sets on every response (`Common`) are left out. A handler that returns a
 * status, header or body the spec does not document fails to type-check.
 */
export type OperationResult<Op, Common extends string = never> = {
  [S in keyof ResponsesOf<Op>]: {
    status: S;
    headers: Omit<NamedHeaders<ResponsesOf<Op>[S]>, Common>;
    body: BodyOf<ResponsesOf<Op>[S]>;
  };
}[keyof ResponsesOf<Op>];

export type PathParamsOf<Op> = Op extends { parameters: { path: infer P } } ? P : Record<never, never>;
export type RequestBodyOf<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : undefined;

export interface SendableResult {
  status: number | string | symbol;
  headers: object;
  body: unknown;
}

/**
 * Writes a result; JSON bodies go through `res.json` so the response validator sees them, and are
 * kept in `res.locals.responseBody` for the journal (a later answer, such as the 500 that replaces
 * a response the validator refuses, replaces it there too).
 */
export function sendResult(res: Response, result: SendableResult): void {
  res.locals.responseBody = result.body;
  res.status(Number(result.status));
  for (const [name, value] of Object.entries(result.headers)) {
    if (value !== undefined) res.setHeader(name, String(value));
  }
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

/** What the app gives every API's router. */
export interface RouterBasics {
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
  /** Records the API's requests in the journal; the admin API's are not recorded. */
  journal?: JournalRecorder;
}

export interface ApiResponder {
  /** Which API answers; faults match on it. */
  api: ServedApi | "stub-admin";
  /** Faults armed through the admin API. */
  faults: FaultBook;
  /** Answers a Prefer header that asks for something the operation does not document. */
  refusePrefer(res: Response, message: string): void;
  /** Fills per-request values (ids, tracking ids) into a documented example before it is sent. */
  personalize?(res: Response, response: PreferredResponse): void;
}

/**
 * The route of one operation. An armed fault or `Prefer` tokens come first: added latency, then a
 * dropped connection or a documented response for `code=`; otherwise the handler answers. Both
 * apply only to an otherwise valid request: `refuse`, when given, answers one that is not (the
 * token endpoint's unknown client, say) before either is looked at. Headers the router already
 * set (request ids) win over documented example values.
 */
export function serveOperation(
  operation: DocumentedOperation,
  api: ApiResponder,
  handler: (req: Request) => SendableResult | Promise<SendableResult>,
  refuse?: (req: Request) => SendableResult | undefined,
): RequestHandler {
  const answer = (req: Request, res: Response, next: NextFunction, fault: Fault | undefined, prefer: Preferences) => {
    if (fault?.drop || prefer.drop) {
      answeredBy(res, fault?.drop ? "fault" : "prefer");
      res.locals.dropped = true;
      req.socket.destroy();
      return;
    }
    const code = fault?.status !== undefined ? String(fault.status) : prefer.code;
    const example = fault?.status !== undefined ? undefined : prefer.example;
    if (code !== undefined || example !== undefined) {
      answeredBy(res, fault?.status !== undefined ? "fault" : "prefer");
      const documented = documentedResponse(operation, code, example);
      if (!documented.ok) return api.refusePrefer(res, documented.message);
      api.personalize?.(res, documented.value);
      const headers = Object.fromEntries(
        Object.entries(documented.value.headers).filter(([name]) => !res.hasHeader(name)),
      );
      return sendResult(res, { ...documented.value, headers });
    }
    const result = handler(req);
    if (result instanceof Promise) result.then((r) => sendResult(res, r)).catch(next);
    else sendResult(res, result);
  };
  // Synchronous unless there is latency to add or the handler is asynchronous: most requests
  // need neither, and each await would cost them a turn of the microtask queue.
  return (req, res, next) => {
    const refusal = refuse?.(req);
    if (refusal) return sendResult(res, refusal);
    const prefer = parsePrefer(req.get("prefer"));
    if (!prefer.ok) {
      answeredBy(res, "prefer");
      return api.refusePrefer(res, prefer.message);
    }
    const fault = api.api === "stub-admin" ? undefined : api.faults.take(api.api, operation.operationId);
    const latency = Math.min(maxLatencyMs, (fault?.latencyMs ?? 0) + (prefer.value.latencyMs ?? 0));
    if (latency > 0)
      sleep(latency)
        .then(() => answer(req, res, next, fault, prefer.value))
        .catch(next);
    else answer(req, res, next, fault, prefer.value);
  };
}
