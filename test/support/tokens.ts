// Bearer tokens for tests of the SailPoint API, signed with the key the test stubs use.
import { createTokenService } from "../../server/sailpoint-oauth/tokens.ts";

export const testTokenSecret = new TextEncoder().encode("test-only-signing-key-0123456789abcdef");

export interface TokenClaims {
  clientId?: string;
  authorities?: string[];
  /** Seconds from now until it expires; negative for a token that has already expired. */
  expiresIn?: number;
}

/** A token as /oauth/token would issue it, for any client and authorities, or already expired. */
export async function token({
  clientId = "org-admin",
  authorities = ["ORG_ADMIN"],
  expiresIn = 3600,
}: TokenClaims = {}): Promise<string> {
  const shift = expiresIn > 0 ? 0 : expiresIn - 60;
  const service = createTokenService({
    secret: testTokenSecret,
    ttlSeconds: expiresIn > 0 ? expiresIn : 60,
    now: () => new Date(Date.now() + shift * 1000),
  });
  return (await service.issue({ clientId, clientSecret: "", authorities })).token;
}
