// Request ids, one log line per request, and a structured event per response for observers (the contract
// coverage report), both written when the response is finished or dropped.
import type { RequestHandler } from "express";

export type LogSink = (line: string) => void;

/**
 * A sink that gathers the lines of one event-loop turn and writes them in one call: under load
 * that is one write per turn instead of one per request, with no line held back longer than a turn.
 */
export function bufferedSink(write: (text: string) => void): LogSink {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join("");
    pending = [];
    write(text);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`${line}\n`);
  };
}

export const stdoutSink: LogSink = bufferedSink((text) => process.stdout.write(text));

export interface ResponseEvent {
  api: string;
  method: string;
  /** Path and query as requested, e.g. /v3/access-profiles/abc. */
  url: string;
  /** The status sent, or "dropped" for a connection closed without an answer. */
  status: number | "dropped";
}

export type ResponseObserver = (event: ResponseEvent) => void;

/**
 * Logs `time api method url status duration id=…` once per request, and tells the observer. The
 * id is the `x-amzn-RequestId` or `trackingId` the API answered with, so a failing test can be
 * matched to its line.
 */
export function observeRequests(
  api: string,
  sink: LogSink | undefined,
  observer: ResponseObserver | undefined,
): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // "close" fires for answered and for dropped requests alike; "finish" only for answered ones.
    res.on("close", () => {
      const status = res.writableFinished ? res.statusCode : "dropped";
      observer?.({ api, method: req.method, url: req.originalUrl, status });
      if (!sink) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const id = res.locals.requestId ? ` id=${res.locals.requestId}` : "";
      sink(`${new Date().toISOString()} ${api} ${req.method} ${req.originalUrl} ${status} ${ms.toFixed(1)}ms${id}`);
    });
    next();
  };
}

export interface RequestTagging {
  /** Makes the id the API reports for a request (x-amzn-RequestId, trackingId). */
  newId: () => string;
  /** Response header that carries the id, if the API sends one on every response. */
  idHeader?: string;
  requestLog?: LogSink;
  onResponse?: ResponseObserver;
}

/** The first middleware of every API: gives the request its id, then logs and observes it. */
export function tagRequests(api: string, options: RequestTagging): RequestHandler {
  const observe =
    options.requestLog || options.onResponse ? observeRequests(api, options.requestLog, options.onResponse) : undefined;
  return (req, res, next) => {
    res.locals.requestId = options.newId();
    if (options.idHeader) res.setHeader(options.idHeader, res.locals.requestId);
    if (observe) observe(req, res, next);
    else next();
  };
}
