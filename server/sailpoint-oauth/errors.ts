// OAuth 2.0 errors (RFC 6749, section 5.2): `{"error": code, "error_description": text}`.
import type { components } from "../../generated/sailpoint-oauth.d.ts";
import type { ProblemRenderer } from "../shared/problems.ts";

type OAuthErrorCode = components["schemas"]["OAuthError"]["error"];

const statusOf = { invalid_request: 400, unsupported_grant_type: 400, invalid_client: 401, server_error: 500 } as const;

export function oauthError<C extends OAuthErrorCode>(error: C, description: string) {
  return { status: statusOf[error], headers: {}, body: { error, error_description: description } };
}

/**
 * A method the token endpoint does not take: 405 with `Allow` (RFC 9110, section 15.5.6), in the
 * endpoint's error format, as `invalid_request` (RFC 6749 has no code of its own for it).
 */
function methodNotAllowed(method: string, path: string, allowed: string[]) {
  return {
    status: 405 as const,
    headers: { Allow: allowed.join(", ") },
    body: {
      error: "invalid_request" as const,
      error_description: `${path} takes ${allowed.join(", ")}, not ${method}.`,
    },
  };
}

/** Every problem as the documented OAuth error for it. */
export const renderProblem: ProblemRenderer = (problem, { method, path }) => {
  switch (problem.kind) {
    case "invalid-request":
    case "malformed-json":
    case "unsupported-media-type":
    case "body-too-large":
      return oauthError("invalid_request", [problem.message, ...problem.details].join("; "));
    case "no-such-operation":
      if (problem.allowed?.length) return methodNotAllowed(method, path, problem.allowed);
      return oauthError(
        "invalid_request",
        `No operation matches ${method} ${path}; the token endpoint is POST /oauth/token.`,
      );
    case "invalid-response":
    case "internal":
      return oauthError("server_error", "The token service had an internal fault.");
  }
};
