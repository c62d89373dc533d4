// Customer Profiles errors as the service sends them: `x-amzn-ErrorType: <Name>` and `{"Message": …}`.
import type { ErrorRequestHandler, Response } from "express";
import { sendResult } from "../shared/operation.ts";
import { answeredByProblem, type ProblemKind, reportFault, toProblem } from "../shared/problems.ts";
import { answeredBy } from "../journal.ts";
import type { LogSink } from "../log.ts";

export const errorStatus = {
  BadRequestException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

export type ErrorName = keyof typeof errorStatus;

/** An error result in the shape the spec documents for `name`. */
export function awsError<N extends ErrorName>(name: N, message: string) {
  return { status: errorStatus[name], headers: { "x-amzn-ErrorType": name }, body: { Message: message } };
}

export function sendAwsError(res: Response, name: ErrorName, message: string): void {
  sendResult(res, awsError(name, message));
}

const errorFor: Record<ProblemKind, ErrorName> = {
  "invalid-request": "BadRequestException",
  "malformed-json": "BadRequestException",
  "unsupported-media-type": "BadRequestException",
  "body-too-large": "BadRequestException",
  "no-such-operation": "ResourceNotFoundException",
  "invalid-response": "InternalServerException",
  internal: "InternalServerException",
};

/** Renders validator messages the way AWS reports constraint failures. */
function validationMessage(message: string, details: string[]): string {
  if (details.length === 0) return message;
  const items = details.map((d) => {
    const match = /^\/(?:body|path|params|query|headers)\/(\S+) (.*)$/.exec(d);
    return match ? `Value at '${match[1]}' failed to satisfy constraint: Member ${match[2]}` : d;
  });
  return `${items.length} validation error${items.length === 1 ? "" : "s"} detected: ${items.join("; ")}`;
}

/** The one error handler of the Customer Profiles router: every failure becomes a documented AWS error. */
export function customerProfilesErrors(errorLog: LogSink): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    answeredBy(res, answeredByProblem(problem.kind));
    const name = errorFor[problem.kind];
    if (name === "InternalServerException") {
      if (reportFault(errorLog, "customer-profiles", req, res, err, problem))
        sendAwsError(res, name, "An internal service error occurred.");
      return;
    }
    if (problem.kind === "no-such-operation")
      return sendAwsError(res, name, `No operation matches ${req.method} ${req.path}.`);
    sendAwsError(
      res,
      name,
      problem.kind === "invalid-request" ? validationMessage(problem.message, problem.details) : problem.message,
    );
  };
}
