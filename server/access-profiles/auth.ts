// Bearer tokens for the SailPoint API: issued by /oauth/token as HS256 JWTs signed with the stub's
// key, verified with jose on every request, then checked for the scopes and authorities the spec asks.
import { randomBytes, randomUUID } from "node:crypto";
import type { NextFunction, RequestHandler, Response } from "express";
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { answeredBy } from "../journal.ts";
import type { DocumentedOperation } from "../shared/spec.ts";
import type { AccessProfilesStore, OAuthClient } from "../store.ts";
import { sendDtoError, sendUnauthorized } from "./errors.ts";

/** The scope every demo token carries; it stands for all scopes, as on a real tenant. */
export const allScopes = "sp:scopes:all";

export interface Principal {
  clientId: string;
  authorities: string[];
  scopes: string[];
}

export type TokenOutcome = { ok: true; principal: Principal } | { ok: false; error: string };

export interface TokenService {
  /** Signs an access token for the client, valid for `ttlSeconds`. */
  issue(client: OAuthClient): Promise<{ token: string; expiresIn: number; scope: string }>;
  /**
   * Verifies signature, algorithm and expiry; says what is wrong in the gateway's words. A token
   * verified before is answered at once, without a promise; a new one after its signature is checked.
   */
  verify(token: string): TokenOutcome | Promise<TokenOutcome>;
}

export interface TokenServiceOptions {
  /** HS256 key. Default: 32 random bytes per process, so tokens die with the stub. */
  secret?: Uint8Array;
  /** Lifetime of issued tokens; SailPoint's are 749 s. */
  ttlSeconds?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

const issuer = "contract-stub";

function stringList(value: unknown): string[] {
  if (typeof value === "string") return value.split(" ").filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** How many verified tokens are remembered; clients reuse a token for many requests. */
const verifiedCacheSize = 10_000;

export function createTokenService(options: TokenServiceOptions = {}): TokenService {
  const rawSecret = options.secret ?? new Uint8Array(randomBytes(32));
  // Imported once: jose would otherwise import the raw key again for every signature it checks.
  const secret = crypto.subtle.importKey("raw", new Uint8Array(rawSecret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  const ttlSeconds = options.ttlSeconds ?? 749;
  const now = options.now ?? (() => new Date());
  // Tokens whose signature, issuer and algorithm were checked, with their principal and expiry.
  // Only a token verified before is found here (the key is the whole token, signature included),
  // and its expiry is checked again on every use.
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return {
    async issue(client) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({
        client_id: client.clientId,
        authorities: client.authorities,
        scope: [allScopes],
      })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(issuer)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(await secret);
      return { token, expiresIn: ttlSeconds, scope: allScopes };
    },
    verify(token) {
      const known = verified.get(token);
      if (!known) return verifyNew(token);
      if (known.expiresAtMs > now().getTime()) return { ok: true, principal: known.principal };
      verified.delete(token);
      return { ok: false, error: "JWT validation failed: JWT is expired" };
    },
  };

  async function verifyNew(token: string): Promise<TokenOutcome> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, await secret, {
        algorithms: ["HS256"],
        issuer,
        currentDate: now(),
        requiredClaims: ["exp"],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, error: "JWT validation failed: JWT is expired" };
      if (error instanceof joseErrors.JWSSignatureVerificationFailed)
        return { ok: false, error: "JWT validation failed: JWT signature does not match locally computed signature" };
      if (error instanceof joseErrors.JOSEAlgNotAllowed)
        return { ok: false, error: "JWT validation failed: JWT algorithm is not accepted" };
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        return { ok: false, error: `JWT validation failed: ${error.message}` };
      return { ok: false, error: "JWT validation failed: JWT is malformed" };
    }
    const principal = {
      clientId: String(claims.client_id ?? claims.sub ?? ""),
      authorities: stringList(claims.authorities),
      scopes: stringList(claims.scope),
    };
    if (verified.size >= verifiedCacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, expiresAtMs: claims.exp! * 1000 });
    return { ok: true, principal };
  }
}

/** Refuses a request without a valid bearer token with 401 `{"error": …}`. */
export function requireBearer(tokens: TokenService): RequestHandler {
  const proceed = (res: Response, next: NextFunction, outcome: TokenOutcome) => {
    if (!outcome.ok) return sendUnauthorized(res, outcome.error);
    res.locals.principal = outcome.principal;
    next();
  };
  return (req, res, next) => {
    const header = req.get("authorization");
    if (!header) return sendUnauthorized(res, "JWT validation failed: no bearer token in the Authorization header");
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
    if (!match) return sendUnauthorized(res, "JWT validation failed: the Authorization header is not a bearer token");
    const outcome = tokens.verify(match[1]!);
    if (outcome instanceof Promise) outcome.then((o) => proceed(res, next, o)).catch(next);
    else proceed(res, next, outcome);
  };
}

const forbiddenText = "The server understood the request but refuses to authorize it.";

/**
 * Refuses with 403 a caller whose token lacks the operation's OAuth scopes (from its `security`)
 * or holds none of the authorities in its `x-sailpoint-userLevels`.
 */
export function requireAuthority(operation: DocumentedOperation): RequestHandler {
  const levels = operation.extensions["x-sailpoint-userLevels"];
  if (!Array.isArray(levels) || levels.length === 0)
    throw new Error(`${operation.operationId} lists no x-sailpoint-userLevels`);
  const scopes = operation.scopes;
  return (_req, res, next) => {
    const principal = res.locals.principal as Principal;
    const hasScopes = principal.scopes.includes(allScopes) || scopes.every((s) => principal.scopes.includes(s));
    const hasAuthority = principal.authorities.some((a) => levels.includes(a));
    if (hasScopes && hasAuthority) return next();
    answeredBy(res, "auth");
    sendDtoError(res, "403 Forbidden", forbiddenText, [
      hasScopes
        ? `The token holds none of the authorities ${levels.join(", ")}.`
        : `The token lacks the scope ${scopes.join(" ")}.`,
    ]);
  };
}

/** A SOURCE_SUBADMIN (with no broader authority) may act only on sources it administers. */
export function administers(principal: Principal, store: AccessProfilesStore, sourceId: string): boolean {
  const broader = principal.authorities.some((a) => a === "API" || a === "ORG_ADMIN" || a === "SOURCE_ADMIN");
  if (broader) return true;
  return store.oauthClient(principal.clientId)?.sourceIds?.includes(sourceId) ?? false;
}

export { forbiddenText };
