// Customer Profiles errors as the service sends them: `x-amzn-ErrorType: <Name>` and `{"Message": …}`.
import type { ProblemKind, ProblemRenderer } from "../shared/problems.ts";

export const errorStatus = {
  BadRequestException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  InternalServerException: 500,
  // Not an error of the service's model: AWS's common error for a request that names no
  // operation (a path it does not have, or a method one of its paths does not take).
  UnknownOperationException: 404,
} as const;

export type ErrorName = keyof typeof errorStatus;

/** An error result in the shape the spec documents for `name`. */
export function awsError<N extends ErrorName>(name: N, message: string) {
  return { status: errorStatus[name], headers: { "x-amzn-ErrorType": name }, body: { Message: message } };
}

const errorFor: Record<ProblemKind, ErrorName> = {
  "invalid-request": "BadRequestException",
  "malformed-json": "BadRequestException",
  "unsupported-media-type": "BadRequestException",
  "body-too-large": "BadRequestException",
  "no-such-operation": "UnknownOperationException",
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

/** Every problem as the documented AWS error for it. */
export const renderProblem: ProblemRenderer = (problem, request) => {
  const name = errorFor[problem.kind];
  switch (problem.kind) {
    case "invalid-response":
    case "internal":
      return awsError(name, "An internal service error occurred.");
    case "no-such-operation":
      return awsError(name, `No operation matches ${request.method} ${request.path}.`);
    case "invalid-request":
      return awsError(name, validationMessage(problem.message, problem.details));
    default:
      return awsError(name, problem.message);
  }
};
