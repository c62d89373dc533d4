// Bearer tokens for tests of the SailPoint API.
import { SignJWT } from "jose";

const testKey = new TextEncoder().encode("test-only-signing-key-0123456789abcdef");

export interface TokenClaims {
  authorities?: string[];
  sourceIds?: string[];
  /** Seconds from now until it expires; negative for an expired token. */
  expiresIn?: number;
}

export async function token({ authorities = ["ORG_ADMIN"], sourceIds, expiresIn = 3600 }: TokenClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { client_id: "test-client", authorities };
  if (sourceIds) claims.source_ids = sourceIds;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now - 10)
    .setExpirationTime(now + expiresIn)
    .sign(testKey);
}
