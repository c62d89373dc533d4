// SailPoint errors as the service sends them: ErrorResponseDto with a fresh trackingId; the
// gateway's own shapes for 401 (`{"error": …}`) and 429 (`{"message": …}`).
import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, Response } from "express";
import type { components } from "../../generated/access-profiles.d.ts";
import type { LogSink } from "../log.ts";
import { answeredBy } from "../journal.ts";
import { sendResult } from "../shared/operation.ts";
import { answeredByProblem, reportFault, toProblem } from "../shared/problems.ts";

type ErrorResponseDto = components["schemas"]["ErrorResponseDto"];

/** A tracking id as SailPoint writes them: 32 lowercase hex characters (randomUUID draws from a cached pool). */
export function newTrackingId(): string {
  return randomUUID().replaceAll("-", "");
}

const dtoStatus = {
  "400.1 Bad Request Content": 400,
  "400.2.1.0 Object in use by another": 400,
  "403 Forbidden": 403,
  "404 Not found": 404,
  "500.0 Internal Fault": 500,
} as const;

export type DetailCode = keyof typeof dtoStatus;

const message = (text: string) => ({ locale: "en-US", localeOrigin: "DEFAULT" as const, text });

/** An ErrorResponseDto result with the request's tracking id. */
export function dtoError<D extends DetailCode>(res: Response, detailCode: D, text: string, causes: string[] = []) {
  const body: ErrorResponseDto = { detailCode, trackingId: res.locals.requestId as string, messages: [message(text)] };
  if (causes.length > 0) body.causes = causes.map(message);
  return { status: dtoStatus[detailCode], headers: {}, body };
}

export function sendDtoError(res: Response, detailCode: DetailCode, text: string, causes: string[] = []): void {
  sendResult(res, dtoError(res, detailCode, text, causes));
}

/** Refuses a request's credentials: 401 `{"error": …}`. */
export function sendUnauthorized(res: Response, error: string): void {
  answeredBy(res, "auth");
  sendResult(res, { status: 401, headers: {}, body: { error } });
}

export function sendRateLimited(res: Response): void {
  sendResult(res, { status: 429, headers: {}, body: { message: " Rate Limit Exceeded " } });
}

export const badRequestText = "The request was syntactically correct but its content is semantically invalid.";

/** The one error handler of the Access Profiles router: every failure becomes a documented error. */
export function accessProfilesErrors(errorLog: LogSink): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    answeredBy(res, answeredByProblem(problem.kind));
    switch (problem.kind) {
      case "invalid-request":
      case "malformed-json":
      case "unsupported-media-type":
      case "body-too-large":
        return sendDtoError(res, "400.1 Bad Request Content", badRequestText, [problem.message, ...problem.details]);
      case "no-such-operation":
        return sendDtoError(
          res,
          "404 Not found",
          `No operation matches ${req.method} ${req.originalUrl.split("?")[0]}.`,
        );
      case "invalid-response":
      case "internal":
        if (reportFault(errorLog, "access-profiles", req, res, err, problem))
          sendDtoError(res, "500.0 Internal Fault", "An internal fault occurred.");
        return;
    }
  };
}
