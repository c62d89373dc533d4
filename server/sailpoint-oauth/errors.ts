// OAuth 2.0 errors (RFC 6749, section 5.2): `{"error": code, "error_description": text}`.
import type { ErrorRequestHandler, Response } from "express";
import type { components } from "../../generated/sailpoint-oauth.d.ts";
import { answeredBy } from "../journal.ts";
import type { LogSink } from "../log.ts";
import { sendResult } from "../shared/operation.ts";
import { answeredByProblem, reportFault, toProblem } from "../shared/problems.ts";

type OAuthErrorCode = components["schemas"]["OAuthError"]["error"];

const statusOf = { invalid_request: 400, unsupported_grant_type: 400, invalid_client: 401, server_error: 500 } as const;

export function oauthError<C extends OAuthErrorCode>(error: C, description: string) {
  return { status: statusOf[error], headers: {}, body: { error, error_description: description } };
}

export function sendOAuthError(res: Response, error: OAuthErrorCode, description: string): void {
  sendResult(res, oauthError(error, description));
}

/** The one error handler of the token endpoint. */
export function oauthErrors(errorLog: LogSink): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    answeredBy(res, answeredByProblem(problem.kind));
    switch (problem.kind) {
      case "invalid-request":
      case "malformed-json":
      case "unsupported-media-type":
      case "body-too-large":
        return sendOAuthError(res, "invalid_request", [problem.message, ...problem.details].join("; "));
      case "no-such-operation":
        return sendOAuthError(
          res,
          "invalid_request",
          `No operation matches ${req.method} ${req.originalUrl.split("?")[0]}; the token endpoint is POST /oauth/token.`,
        );
      case "invalid-response":
      case "internal":
        if (reportFault(errorLog, "sailpoint-oauth", req, res, err, problem))
          sendOAuthError(res, "server_error", "The token service had an internal fault.");
        return;
    }
  };
}
