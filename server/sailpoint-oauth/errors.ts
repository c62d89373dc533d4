// OAuth 2.0 errors (RFC 6749, section 5.2): `{"error": code, "error_description": text}`.
import type { components } from "../../generated/sailpoint-oauth.d.ts";
import type { RequestHandler } from "express";
import { answer, contextOf } from "../shared/context.ts";
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

/** `invalid_client` for credentials sent as HTTP Basic: it names the scheme to use (RFC 6749, section 5.2). */
export function basicClientRefused(description: string) {
  return { ...oauthError("invalid_client", description), headers: { "WWW-Authenticate": 'Basic realm="oauth"' } };
}

/**
 * The clientSecretBasic scheme: HTTP Basic credentials, when sent, are the client's id and secret,
 * each form-urlencoded first (RFC 6749, section 2.3.1); the operation checks them as it checks
 * those of the form. Malformed ones are refused here. A request without them goes on: the form
 * may hold them.
 */
export const readBasicCredentials: RequestHandler = (req, res, next) => {
  const [scheme, encoded] = (req.get("authorization") ?? "").trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== "basic") return next();
  const decoded = Buffer.from(encoded ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const formDecoded = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return undefined;
    }
  };
  const id = colon > 0 ? formDecoded(decoded.slice(0, colon)) : undefined;
  const secret = colon > 0 ? formDecoded(decoded.slice(colon + 1)) : undefined;
  if (!id || secret === undefined || !/^[A-Za-z0-9+/]+=*$/.test(encoded ?? ""))
    return answer(res, "auth", basicClientRefused("The Basic credentials are not a client id and secret."));
  contextOf(res).basic = { id, secret };
  next();
};
