// Bearer-token checks for the SailPoint API. Every request must carry `Authorization: Bearer <JWT>`;
// what a token may do is decided from its claims.
import type { RequestHandler } from "express";
import { decodeJwt, type JWTPayload } from "jose";
import { sendUnauthorized } from "./errors.ts";

export interface Principal {
  clientId: string;
  authorities: string[];
}

export type TokenOutcome = { ok: true; principal: Principal } | { ok: false; error: string };

/** Decides whether a bearer token is acceptable and who it speaks for. */
export interface TokenVerifier {
  verify(token: string, now: Date): Promise<TokenOutcome>;
}

function principalOf(claims: JWTPayload): Principal {
  const authorities = Array.isArray(claims.authorities) ? claims.authorities.filter((a): a is string => typeof a === "string") : [];
  return { clientId: String(claims.client_id ?? claims.sub ?? "unknown"), authorities };
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
