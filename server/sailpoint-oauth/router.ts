// The SailPoint token endpoint, POST /oauth/token: the body read to its limit and parsed as a form
// (urlencoded or multipart), the OpenAPI validator, the handler and one error handler.
import { timingSafeEqual } from "node:crypto";
import express, { type Router } from "express";
import type { operations } from "../../generated/sailpoint-oauth.d.ts";
import type { TokenService } from "../access-profiles/auth.ts";
import { newTrackingId } from "../access-profiles/errors.ts";
import { tagRequests } from "../log.ts";
import { serveOperation, type ApiResponder, type OperationResult, type RouterBasics } from "../shared/operation.ts";
import { parseFormBody, ProblemError, rawBody } from "../shared/problems.ts";
import { documentedOperations, loadSpec } from "../shared/spec.ts";
import type { AccessProfilesStore } from "../store.ts";
import { oauthError, oauthErrors, sendOAuthError } from "./errors.ts";

type CreateAccessToken = operations["createAccessToken"];
type TokenRequest = NonNullable<CreateAccessToken["requestBody"]>["content"]["application/x-www-form-urlencoded"];

export interface SailPointOAuthOptions extends RouterBasics {
  store: AccessProfilesStore;
  tokens: TokenService;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a well-formed token request cannot be granted: a grant not issued here, or a client unknown or with another secret. */
export function tokenRequestRefusal(store: AccessProfilesStore, body: TokenRequest) {
  if (body.grant_type !== "client_credentials")
    return oauthError("unsupported_grant_type", `Unsupported grant type: ${body.grant_type}`);
  const client = store.oauthClient(body.client_id);
  if (!client || !sameSecret(body.client_secret, client.clientSecret))
    return oauthError("invalid_client", "Bad client credentials");
  return undefined;
}

/** Issues a token for a request that tokenRequestRefusal let through: the client is known. */
export async function createAccessToken(
  store: AccessProfilesStore,
  tokens: TokenService,
  body: TokenRequest,
): Promise<OperationResult<CreateAccessToken>> {
  const client = store.oauthClient(body.client_id)!;
  const { token, expiresIn, scope } = await tokens.issue(client);
  return {
    status: 200,
    headers: { "Cache-Control": "no-store" },
    body: { access_token: token, token_type: "bearer", expires_in: expiresIn, scope },
  };
}

export function sailpointOAuthRouter(options: SailPointOAuthOptions): Router {
  const spec = loadSpec("sailpoint-oauth");
  const operations = documentedOperations(spec);
  const router = express.Router();
  const responder: ApiResponder = {
    api: "sailpoint-oauth",
    faults: options.faults,
    refusePrefer: (res, message) => sendOAuthError(res, "invalid_request", message),
  };

  router.use(
    tagRequests("sailpoint-oauth", {
      newId: newTrackingId,
      requestLog: options.requestLog,
      onResponse: options.onResponse,
      journal: options.journal,
    }),
  );
  router.use(rawBody(options.bodyLimitBytes), parseFormBody);
  router.use(options.validator);

  router.post(
    "/token",
    serveOperation(
      operations.get("createAccessToken")!,
      responder,
      (req) => createAccessToken(options.store, options.tokens, req.body as TokenRequest),
      // Prefer and armed faults answer only a request that would get a token.
      (req) => tokenRequestRefusal(options.store, req.body as TokenRequest),
    ),
  );

  router.use((_req, _res, next) => next(new ProblemError("no-such-operation", "Not found.")));
  router.use(oauthErrors(options.errorLog));
  return router;
}
