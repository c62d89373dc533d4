// SailPoint errors as the service sends them: ErrorResponseDto with the request's trackingId; the
// gateway's own shapes for 401 (`{"error": …}`) and 429 (`{"message": …}`).
import type { components } from "../../generated/access-profiles.d.ts";
import type { RequestContext } from "../shared/context.ts";
import type { ProblemRenderer } from "../shared/problems.ts";

type ErrorResponseDto = components["schemas"]["ErrorResponseDto"];

const dtoStatus = {
  "400.1 Bad Request Content": 400,
  "400.1.404 Referenced object not found": 400,
  "400.2.1.0 Object in use by another": 400,
  "403 Forbidden": 403,
  "404 Not found": 404,
  "405 Method Not Allowed": 405,
  "500.0 Internal Fault": 500,
} as const;

export type DetailCode = keyof typeof dtoStatus;

const message = (text: string) => ({ locale: "en-US", localeOrigin: "DEFAULT" as const, text });

/** An ErrorResponseDto result with the request's tracking id. */
export function dtoError<D extends DetailCode>(
  context: RequestContext,
  detailCode: D,
  text: string,
  causes: string[] = [],
) {
  const body: ErrorResponseDto = { detailCode, trackingId: context.requestId, messages: [message(text)] };
  if (causes.length > 0) body.causes = causes.map(message);
  return { status: dtoStatus[detailCode], headers: {}, body };
}

/** The gateway's refusal of a request's credentials: 401 `{"error": …}`. */
export function unauthorized(error: string) {
  return { status: 401 as const, headers: {}, body: { error } };
}

/** The gateway's 429. */
export function rateLimited() {
  return { status: 429 as const, headers: {}, body: { message: " Rate Limit Exceeded " } };
}

export const badRequestText = "The request was syntactically correct but its content is semantically invalid.";

/** Every problem as the documented SailPoint error for it. */
export const renderProblem: ProblemRenderer = (problem, { method, path, context }) => {
  switch (problem.kind) {
    case "invalid-request":
    case "malformed-json":
    case "unsupported-media-type":
    case "body-too-large":
      return dtoError(context, "400.1 Bad Request Content", badRequestText, [problem.message, ...problem.details]);
    case "no-such-operation":
      // A path the API has, with another method: 405 naming the methods it takes (RFC 9110, 15.5.6).
      if (problem.allowed?.length)
        return {
          ...dtoError(context, "405 Method Not Allowed", `${path} takes ${problem.allowed.join(", ")}, not ${method}.`),
          headers: { Allow: problem.allowed.join(", ") },
        };
      return dtoError(context, "404 Not found", `No operation matches ${method} ${path}.`);
    case "invalid-response":
    case "internal":
      return dtoError(context, "500.0 Internal Fault", "An internal fault occurred.");
  }
};
