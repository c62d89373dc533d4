// The token endpoint's operation, POST /oauth/token: the client-credentials grant.
import type { operations } from "../../generated/sailpoint-oauth.d.ts";
import type { OperationHandler, OperationRequest } from "../shared/operation.ts";
import { sameSecret } from "../shared/secrets.ts";
import type { AccessProfilesStore } from "../store.ts";
import { oauthError } from "./errors.ts";
import type { TokenService } from "./tokens.ts";

type CreateAccessToken = operations["createAccessToken"];

/**
 * Refuses what no `Prefer` header or armed fault may answer otherwise (a grant not issued here, a
 * client unknown or with another secret); issues a token to the rest.
 */
export function createAccessToken(
  store: AccessProfilesStore,
  tokens: TokenService,
): OperationHandler<CreateAccessToken> {
  return {
    refuse({ body }: OperationRequest<CreateAccessToken>) {
      if (body.grant_type !== "client_credentials")
        return oauthError("unsupported_grant_type", `Unsupported grant type: ${body.grant_type}`);
      const client = store.oauthClient(body.client_id);
      if (!client || !sameSecret(body.client_secret, client.clientSecret))
        return oauthError("invalid_client", "Bad client credentials");
      return undefined;
    },
    async respond({ body }) {
      // refuse let the request through: the client is known.
      const { token, expiresIn, scope } = await tokens.issue(store.oauthClient(body.client_id)!);
      return {
        status: 200,
        headers: { "Cache-Control": "no-store" },
        body: { access_token: token, token_type: "bearer", expires_in: expiresIn, scope },
      };
    },
  };
}
