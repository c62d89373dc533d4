// Request ids, one log line per request, a structured event per response for observers (the contract
// coverage report), and the journal's record, all written when the response is finished or dropped.
import type { Request, RequestHandler, Response } from "express";
import { redactUrl } from "./redact.ts";
import { openContext, type ApiName } from "./context.ts";

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

/** Records a request in the journal once it has been answered or dropped; see journal.ts. */
export type JournalRecorder = (req: Request, res: Response, startedAt: number, durationMs: number) => void;

export interface RequestTagging {
  /** Makes the id the API reports for a request (x-amzn-RequestId, trackingId). */
  newId: () => string;
  /** Response header that carries the id, if the API sends one on every response. */
  idHeader?: string;
  requestLog?: LogSink;
  onResponse?: ResponseObserver;
  /** Where the API's requests are recorded; the admin API's are not. */
  journal?: JournalRecorder;
}

/**
 * The first middleware of every API: opens the request's context with its id and, once it is
 * answered or dropped, logs `time api method url status duration id=…` (the URL's credentials
 * redacted; the id is the `x-amzn-RequestId` or `trackingId` the API answered with, so a failing
 * test can be matched to its line), tells the observer, and records it in the journal.
 */
export function tagRequests(api: ApiName, options: RequestTagging): RequestHandler {
  const { requestLog: sink, onResponse: observer, journal } = options;
  const watched = Boolean(sink || observer || journal);
  return (req, res, next) => {
    const requestId = options.newId();
    openContext(res, api, requestId);
    if (options.idHeader) res.setHeader(options.idHeader, requestId);
    if (watched) {
      const startedAt = Date.now();
      const started = performance.now();
      // "close" fires for answered and for dropped requests alike; "finish" only for answered ones.
      res.once("close", () => {
        const ms = performance.now() - started;
        const status = res.writableFinished ? res.statusCode : "dropped";
        observer?.({ api, method: req.method, url: req.originalUrl, status });
        journal?.(req, res, startedAt, ms);
        sink?.(
          `${new Date(startedAt + ms).toISOString()} ${api} ${req.method} ${redactUrl(req.originalUrl)} ${status} ${ms.toFixed(1)}ms id=${requestId}`,
        );
      });
    }
    next();
  };
}
