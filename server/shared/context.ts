// The request context: what the stub learns about a request while serving it (its id, the bytes of
// its body, who its credentials name, what answered it and with what), typed, in one object on
// `res.locals`. Every answer goes through `answer` or `drop`, which say who answered: the journal
// reads it from here, as it reads the rest.
import { randomUUID } from "node:crypto";
import type { Response } from "express";
import type { components } from "../../generated/stub-admin.d.ts";

/** What answered a request, as the journal reports it. */
export type AnsweredBy = components["schemas"]["AnsweredBy"];
/** Every API the stub serves, its own admin API included. */
export type ApiName = components["schemas"]["ServedApi"]["name"];

/** Who a bearer token speaks for, once it is verified: its client, its authorities and its scopes. */
export interface Principal {
  clientId: string;
  authorities: string[];
  scopes: string[];
  /** The user a SailPoint token was granted to (its `identity_id` claim); none for an API client of no user. */
  identityId?: string;
}

export interface RequestContext {
  readonly api: ApiName;
  /** The id the API reports for the request: `x-amzn-RequestId`, SailPoint's `trackingId`. */
  readonly requestId: string;
  /** The body's bytes as read, within the body limit. */
  rawBody?: Buffer;
  /** Who the credentials name: the access key id, or the OAuth client; rate limits count per caller. */
  caller?: string;
  /** A client's id and secret sent as HTTP Basic credentials (RFC 7617), once read. */
  basic?: { id: string; secret: string };
  /** The claims of a bearer token (SailPoint's), once it is verified. */
  principal?: Principal;
  /** Set by `answer` and `drop`; unset while nothing has answered (and if the client left first). */
  answeredBy?: AnsweredBy;
  /** The body of the answer sent. */
  responseBody?: unknown;
  /** Why the stub refused the request as its spec has it (the journal's `refusal`), when it did. */
  refusal?: Refusal;
  /** The spec's response example the answer is, when `Prefer` or a fault chose it (the journal's `example`). */
  example?: string;
}

declare global {
  namespace Express {
    interface Locals {
      stubContext: RequestContext;
    }
  }
}

export function contextOf(res: Response): RequestContext {
  return res.locals.stubContext;
}

/** Opens the context of a request; the first middleware of every API does. */
export function openContext(res: Response, api: ApiName, requestId: string): RequestContext {
  const context: RequestContext = { api, requestId };
  res.locals.stubContext = context;
  return context;
}

export type Refusal = components["schemas"]["Refusal"];

/** An answer: status, headers, body (undefined for none). */
export interface SendableResult {
  status: number | string | symbol;
  headers: object;
  body: unknown;
}

/**
 * Sends an answer and notes who gave it. JSON bodies go through `res.json`, so that the response
 * validator sees them. A later answer (the 500 that replaces a response the validator refuses)
 * replaces what the context holds.
 */
export function answer(res: Response, by: AnsweredBy, result: SendableResult): void {
  const context = contextOf(res);
  context.answeredBy = by;
  context.responseBody = result.body;
  res.status(Number(result.status));
  for (const [name, value] of Object.entries(result.headers)) {
    if (value !== undefined) res.setHeader(name, String(value));
  }
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

/** Closes the connection without an answer, as a fault or `Prefer: fault=drop` asks. */
export function drop(res: Response, by: AnsweredBy): void {
  contextOf(res).answeredBy = by;
  res.req.socket.destroy();
}

/** A request id as SailPoint writes its tracking ids: 32 lowercase hex characters (randomUUID draws from a cached pool). */
export function newHexId(): string {
  return randomUUID().replaceAll("-", "");
}
