// Bearer tokens for tests of the SailPoint API, signed with the key the test stubs use.
import { createTokenService } from "../../server/sailpoint-oauth/tokens.ts";

export const testTokenSecret = new TextEncoder().encode("test-only-signing-key-0123456789abcdef");

export interface TokenClaims {
  clientId?: string;
  authorities?: string[];
  /** Seconds from now until it expires; negative for a token that has already expired. */
  expiresIn?: number;
  /** The user the token was granted to (a personal access token); null for an API client of no user. */
  identity?: { id: string; name: string } | null;
}

/** The user of the tokens tests make unless told otherwise: the demo data's org admin. */
export const testIdentity = { id: "2c9180a46faadee4016fb4e018c20639", name: "Ada Admin" };

/** A token as /oauth/token would issue it, for any client and authorities, or already expired. */
export async function token({
  clientId = "org-admin",
  authorities = ["ORG_ADMIN"],
  expiresIn = 3600,
  identity = testIdentity,
}: TokenClaims = {}): Promise<string> {
  const shift = expiresIn > 0 ? 0 : expiresIn - 60;
  const service = createTokenService({
    secret: testTokenSecret,
    ttlSeconds: expiresIn > 0 ? expiresIn : 60,
    now: () => new Date(Date.now() + shift * 1000),
  });
  return (await service.issue({ clientId, clientSecret: "", authorities, ...(identity ? { identity } : {}) })).token;
}
