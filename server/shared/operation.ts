// Types that tie handlers to the generated `operations`, and the one function that sends a result.
import type { Response } from "express";

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
export type RequestBodyOf<Op> = Op extends { requestBody: { content: { "application/json": infer B } } } ? B : undefined;

export interface SendableResult {
  status: number | string | symbol;
  headers: object;
  body: unknown;
}

/** Writes a result; JSON bodies go through `res.json` so the response validator sees them. */
export function sendResult(res: Response, result: SendableResult): void {
  res.status(Number(result.status));
  for (const [name, value] of Object.entries(result.headers)) {
    if (value !== undefined) res.setHeader(name, String(value));
  }
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

import type { Request, RequestHandler } from "express";
import { preferredResponse, type PreferredResponse } from "./prefer.ts";
import type { DocumentedOperation } from "./spec.ts";

export interface ApiResponder {
  /** Answers a Prefer header that asks for something the operation does not document. */
  refusePrefer(res: Response, message: string): void;
  /** Fills per-request values (ids, tracking ids) into a documented example before it is sent. */
  personalize?(res: Response, response: PreferredResponse): void;
}

/**
 * The route of one operation: a `Prefer: code=` answer when asked for, the handler otherwise.
 * Headers the router already set (request ids) win over documented example values.
 */
export function serveOperation(
  operation: DocumentedOperation,
  api: ApiResponder,
  handler: (req: Request) => SendableResult | Promise<SendableResult>,
): RequestHandler {
  return async (req, res) => {
    const prefer = preferredResponse(req.get("prefer"), operation);
    if (prefer.kind === "refuse") return api.refusePrefer(res, prefer.message);
    if (prefer.kind === "respond") {
      api.personalize?.(res, prefer.response);
      const headers = Object.fromEntries(Object.entries(prefer.response.headers).filter(([name]) => !res.hasHeader(name)));
      return sendResult(res, { ...prefer.response, headers });
    }
    sendResult(res, await handler(req));
  };
}
