// One log line per request, written when the response is finished.
import type { RequestHandler } from "express";

export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

/**
 * Logs `time api method url status duration id=…` once per request. The id is the
 * `x-amzn-RequestId` or `trackingId` the API answered with, so a failing test can be matched
 * to its line.
 */
export function requestLog(api: string, sink: LogSink): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // "close" fires for answered and for dropped requests alike; "finish" only for answered ones.
    res.on("close", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const id = res.locals.requestId ? ` id=${res.locals.requestId}` : "";
      const status = res.writableFinished ? String(res.statusCode) : "dropped";
      sink(`${new Date().toISOString()} ${api} ${req.method} ${req.originalUrl} ${status} ${ms.toFixed(1)}ms${id}`);
    });
    next();
  };
}
