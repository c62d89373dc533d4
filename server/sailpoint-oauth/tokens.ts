// SailPoint's access tokens: issued by the token endpoint as HS256 JWTs signed with the stub's key,
// and verified with jose for the APIs that take them, in the gateway's words when they fail.
import { randomBytes, randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import type { Principal } from "../shared/context.ts";
import type { OAuthClient } from "../store.ts";

// Loaded on the first token issued or checked, not with the stub: importing jose is about 25 ms,
// which every test file that starts a stub would pay, whether it calls SailPoint or not.
let jose: Promise<typeof import("jose")> | undefined;
const loadJose = () => (jose ??= import("jose"));

/** The scope every demo token carries; it stands for all scopes, as on a real tenant. */
export const allScopes = "sp:scopes:all";

export type { Principal };

export type TokenOutcome = { ok: true; principal: Principal } | { ok: false; error: string };

export interface TokenService {
  /** Signs an access token for the client, valid for `ttlSeconds`. */
  issue(client: OAuthClient): Promise<{ token: string; expiresIn: number; scope: string }>;
  /**
   * The outcome for a token verified before (its expiry checked again), at once; undefined for one
   * not seen yet. Clients reuse a token for many requests: most need no promise at all.
   */
  known(token: string): TokenOutcome | undefined;
  /** Verifies signature, issuer, algorithm and expiry; says what is wrong in the gateway's words. */
  verify(token: string): Promise<TokenOutcome>;
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
  const known = (token: string): TokenOutcome | undefined => {
    const seen = verified.get(token);
    if (!seen) return undefined;
    if (seen.expiresAtMs > now().getTime()) return { ok: true, principal: seen.principal };
    verified.delete(token);
    return { ok: false, error: "JWT validation failed: JWT is expired" };
  };
  return {
    async issue(client) {
      const { SignJWT } = await loadJose();
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({
        client_id: client.clientId,
        authorities: client.authorities,
        scope: [allScopes],
        // A personal access token names its user, as SailPoint's tokens do; an API client's names none.
        ...(client.identity ? { identity_id: client.identity.id, user_name: client.identity.name } : {}),
      })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(issuer)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(await secret);
      return { token, expiresIn: ttlSeconds, scope: allScopes };
    },
    known,
    verify: async (token) => known(token) ?? verifyNew(token),
  };

  async function verifyNew(token: string): Promise<TokenOutcome> {
    const { errors: joseErrors, jwtVerify } = await loadJose();
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
    const principal: Principal = {
      clientId: String(claims.client_id ?? claims.sub ?? ""),
      authorities: stringList(claims.authorities),
      scopes: stringList(claims.scope),
      ...(typeof claims.identity_id === "string" ? { identityId: claims.identity_id } : {}),
    };
    if (verified.size >= verifiedCacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, expiresAtMs: claims.exp! * 1000 });
    return { ok: true, principal };
  }
}
