// The token endpoint's operation, POST /oauth/token: the client-credentials grant.
import type { operations } from "../../generated/sailpoint-oauth.d.ts";
import type { OperationHandler, OperationRequest } from "../shared/operation.ts";
import { sameSecret } from "../shared/secrets.ts";
import type { AccessProfilesStore } from "../store.ts";
import { basicClientRefused, oauthError } from "./errors.ts";
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
    refuse({ body, context }: OperationRequest<CreateAccessToken>) {
      if (body.grant_type !== "client_credentials")
        return oauthError("unsupported_grant_type", `Unsupported grant type: ${body.grant_type}`);
      const inForm = body.client_id !== undefined || body.client_secret !== undefined;
      if (context.basic && inForm)
        return oauthError(
          "invalid_request",
          "The client authenticated twice: with HTTP Basic and in the form; use one (RFC 6749, section 2.3).",
        );
      const presented = context.basic ?? { id: body.client_id, secret: body.client_secret };
      if (presented.id === undefined || presented.secret === undefined)
        return oauthError(
          "invalid_request",
          "The client's credentials are missing: client_id and client_secret in the form, or HTTP Basic.",
        );
      const client = store.oauthClient(presented.id);
      if (!client || !sameSecret(presented.secret, client.clientSecret))
        return context.basic
          ? basicClientRefused("Bad client credentials")
          : oauthError("invalid_client", "Bad client credentials");
      return undefined;
    },
    async respond({ body, context }) {
      // refuse let the request through: the client is known.
      const clientId = context.basic?.id ?? body.client_id!;
      const { token, expiresIn, scope } = await tokens.issue(store.oauthClient(clientId)!);
      return {
        status: 200,
        headers: { "Cache-Control": "no-store" },
        body: { access_token: token, token_type: "bearer", expires_in: expiresIn, scope },
      };
    },
  };
}
