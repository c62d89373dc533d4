// Who may call the Access Profiles API: a valid bearer token from the token endpoint on every
// request, then, for each operation, the OAuth scopes of its `security` and one of the authorities
// of its `x-sailpoint-userLevels`; and, for a source sub-admin, only the sources it administers.
import type { NextFunction, RequestHandler, Response } from "express";
import { answer, contextOf } from "../shared/context.ts";
import type { DocumentedOperation } from "../shared/spec.ts";
import { allScopes, type Principal, type TokenOutcome, type TokenService } from "../sailpoint-oauth/tokens.ts";
import type { AccessProfilesStore } from "../store.ts";
import { dtoError, unauthorized } from "./errors.ts";

/** Refuses a request without a valid bearer token with 401 `{"error": …}`; notes the caller otherwise. */
export function requireBearer(tokens: TokenService): RequestHandler {
  const proceed = (res: Response, next: NextFunction, outcome: TokenOutcome) => {
    if (!outcome.ok) return answer(res, "auth", unauthorized(outcome.error));
    const context = contextOf(res);
    context.principal = outcome.principal;
    context.caller = outcome.principal.clientId;
    next();
  };
  return (req, res, next) => {
    const header = req.get("authorization");
    if (!header)
      return answer(res, "auth", unauthorized("JWT validation failed: no bearer token in the Authorization header"));
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
    if (!match)
      return answer(res, "auth", unauthorized("JWT validation failed: the Authorization header is not a bearer token"));
    const token = match[1]!;
    const known = tokens.known(token);
    if (known) return proceed(res, next, known);
    tokens
      .verify(token)
      .then((outcome) => proceed(res, next, outcome))
      .catch(next);
  };
}

export const forbiddenText = "The server understood the request but refuses to authorize it.";

/**
 * Refuses with 403 a token that belongs to no user (the operations take only `userAuth`, see the
 * spec's `UserlessToken` example), and a caller whose token lacks the operation's OAuth scopes (from
 * its `security`) or holds none of the authorities in its `x-sailpoint-userLevels`. Throws for an
 * operation that lists no authorities: every SailPoint operation names who may call it.
 */
export function requireAuthority(operation: DocumentedOperation): RequestHandler {
  const levels = operation.extensions["x-sailpoint-userLevels"];
  if (!Array.isArray(levels) || levels.length === 0)
    throw new Error(`${operation.operationId} lists no x-sailpoint-userLevels`);
  const scopes = operation.scopes;
  return (_req, res, next) => {
    const context = contextOf(res);
    const principal = context.principal!;
    const hasScopes = principal.scopes.includes(allScopes) || scopes.every((s) => principal.scopes.includes(s));
    const hasAuthority = principal.authorities.some((a) => levels.includes(a));
    if (principal.identityId && hasScopes && hasAuthority) return next();
    const reason = !principal.identityId
      ? `The token belongs to the API client "${principal.clientId}", which no user owns; the operation takes only a user's token.`
      : hasScopes
        ? `The token holds none of the authorities ${levels.join(", ")}.`
        : `The token lacks the scope ${scopes.join(" ")}.`;
    answer(res, "auth", dtoError(context, "403 Forbidden", forbiddenText, [reason]));
  };
}

/** A SOURCE_SUBADMIN (with no broader authority) may act only on sources it administers. */
export function administers(principal: Principal, store: AccessProfilesStore, sourceId: string): boolean {
  const broader = principal.authorities.some((a) => a === "ORG_ADMIN" || a === "SOURCE_ADMIN");
  if (broader) return true;
  return store.oauthClient(principal.clientId)?.sourceIds?.includes(sourceId) ?? false;
}
