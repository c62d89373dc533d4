// Typed client for SailPoint's token endpoint (POST /oauth/token), on openapi-fetch, and a
// client-credentials token source that caches a token until shortly before it expires.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/sailpoint-oauth.d.ts";
import { errorBodyShaping } from "./shaping.ts";

export type OAuthError = components["schemas"]["OAuthError"];
export type TokenResponse = components["schemas"]["TokenResponse"];

export class SailPointOAuthError extends Error {
  override readonly name = "SailPointOAuthError";
  readonly status: number;
  /** The RFC 6749 error code, e.g. `invalid_client`. */
  readonly code: OAuthError["error"];

  constructor(response: Response, body: OAuthError) {
    super(body.error_description ?? body.error);
    this.status = response.status;
    this.code = body.error;
  }
}

export interface SailPointOAuthClientOptions {
  /** The tenant's API host without `/v3`: `http://127.0.0.1:4010` or `https://{tenant}.api.identitynow.com`. */
  baseUrl: string;
  fetch?: typeof fetch;
}

export interface SailPointOAuthClient {
  raw: Client<paths>;
  /** Client-credentials grant, sent as `application/x-www-form-urlencoded`. */
  createAccessToken(
    credentials: { clientId: string; clientSecret: string },
    init?: { headers?: Record<string, string> },
  ): Promise<
    | { data: TokenResponse; error?: undefined; response: Response }
    | { data?: undefined; error: SailPointOAuthError; response: Response }
  >;
}

export function createSailPointOAuthClient(options: SailPointOAuthClientOptions): SailPointOAuthClient {
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  raw.use(
    errorBodyShaping((response, text) => ({
      error: response.status === 401 ? "invalid_client" : response.status >= 500 ? "server_error" : "invalid_request",
      error_description: text || `HTTP ${response.status} ${response.statusText}`.trim(),
    })),
  );
  return {
    raw,
    async createAccessToken({ clientId, clientSecret }, init) {
      const { data, error, response } = await raw.POST("/oauth/token", {
        body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
        headers: { "content-type": "application/x-www-form-urlencoded", ...init?.headers },
      });
      if (!response.ok || error !== undefined)
        return { error: new SailPointOAuthError(response, error as OAuthError), response };
      return { data: data!, response };
    },
  };
}

/**
 * A token source for createAccessProfilesClient: gets a token with the client-credentials grant
 * and reuses it until 30 seconds before it expires. Concurrent callers share one request.
 *
 * @example
 * const accessToken = clientCredentialsToken({
 *   baseUrl: "http://127.0.0.1:4010",
 *   clientId: "org-admin",
 *   clientSecret: "stub-secret",
 * });
 * const client = createAccessProfilesClient({ baseUrl: "http://127.0.0.1:4010/v3", accessToken });
 */
export function clientCredentialsToken(
  options: SailPointOAuthClientOptions & { clientId: string; clientSecret: string; now?: () => number },
): () => Promise<string> {
  const oauth = createSailPointOAuthClient(options);
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    pending ??= oauth
      .createAccessToken(options)
      .then(({ data, error }) => {
        if (error) throw error;
        cached = { token: data.access_token, refreshAt: now() + Math.max(0, data.expires_in - 30) * 1000 };
        return data.access_token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
