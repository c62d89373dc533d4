// Bearer-token checks for the SailPoint API. Every request must carry `Authorization: Bearer <JWT>`;
// what a token may do is decided from its claims.
import type { RequestHandler } from "express";
import { decodeJwt, type JWTPayload } from "jose";
import type { DocumentedOperation } from "../shared/spec.ts";
import { sendDtoError, sendUnauthorized } from "./errors.ts";

export interface Principal {
  clientId: string;
  authorities: string[];
  /** For SOURCE_SUBADMIN: the sources it administers. Undefined means no restriction is known. */
  sourceIds?: string[];
}

export type TokenOutcome = { ok: true; principal: Principal } | { ok: false; error: string };

/** Decides whether a bearer token is acceptable and who it speaks for. */
export interface TokenVerifier {
  verify(token: string, now: Date): Promise<TokenOutcome>;
}

function principalOf(claims: JWTPayload): Principal {
  const authorities = Array.isArray(claims.authorities) ? claims.authorities.filter((a): a is string => typeof a === "string") : [];
  const sourceIds = Array.isArray(claims.source_ids) ? claims.source_ids.filter((s): s is string => typeof s === "string") : undefined;
  return { clientId: String(claims.client_id ?? claims.sub ?? "unknown"), authorities, sourceIds };
}

/**
 * Accepts any well-formed JWT that has not expired. It does not check the signature; a verifier
 * that does can be passed to createApp in its place.
 */
export const structuralVerifier: TokenVerifier = {
  async verify(token, now) {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return { ok: false, error: "JWT validation failed: JWT is malformed" };
    }
    if (typeof claims.exp === "number" && claims.exp * 1000 <= now.getTime()) return { ok: false, error: "JWT validation failed: JWT is expired" };
    return { ok: true, principal: principalOf(claims) };
  },
};

/** Refuses a request without a valid bearer token with 401 `{"error": …}`. */
export function requireBearer(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization");
    if (!header) return sendUnauthorized(res, "JWT validation failed: no bearer token in the Authorization header");
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
    if (!match) return sendUnauthorized(res, "JWT validation failed: the Authorization header is not a bearer token");
    const outcome = await verifier.verify(match[1]!, new Date());
    if (!outcome.ok) return sendUnauthorized(res, outcome.error);
    res.locals.principal = outcome.principal;
    next();
  };
}

/**
 * Refuses, with 403, a caller that holds none of the authorities the operation lists in its
 * `x-sailpoint-userLevels` extension.
 */
export function requireUserLevel(operation: DocumentedOperation): RequestHandler {
  const levels = operation.extensions["x-sailpoint-userLevels"];
  if (!Array.isArray(levels) || levels.length === 0) throw new Error(`${operation.operationId} lists no x-sailpoint-userLevels`);
  return (_req, res, next) => {
    const principal = res.locals.principal as Principal;
    if (principal.authorities.some((a) => levels.includes(a))) return next();
    sendDtoError(res, "403 Forbidden", "The server understood the request but refuses to authorize it.", [
      `The token holds none of the authorities ${levels.join(", ")}.`,
    ]);
  };
}
