// Typed client for SailPoint Identity Security Cloud v3 Access Profiles (deleteAccessProfile), on openapi-fetch.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "../generated/access-profiles.d.ts";
import { attemptsHeader, retrying, sailpointSdkRetry, type RetryPolicy } from "./retry.ts";
import { errorBodyShaping, retryAfterSeconds, synthesizedBodyHeader } from "./shaping.ts";

type Responses = operations["deleteAccessProfile"]["responses"];
type ErrorStatus = Exclude<keyof Responses, 204>;
export type AccessProfilesErrorBody = { [S in ErrorStatus]: Responses[S]["content"]["application/json"] }[ErrorStatus];

/** Names for the documented error statuses; a status added to the spec must be named here. */
const nameByStatus = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  429: "TooManyRequests",
  500: "InternalServerError",
} as const satisfies { [S in ErrorStatus]: string };

export type AccessProfilesErrorName = (typeof nameByStatus)[ErrorStatus];

export class AccessProfilesError extends Error {
  override readonly name: AccessProfilesErrorName | "UnknownError";
  readonly status: number;
  /** ErrorResponseDto's detailCode, e.g. `400.2.1.0 Object in use by another`. */
  readonly detailCode: string | undefined;
  readonly trackingId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly synthesized: boolean;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;
  /** The error body as sent (ErrorResponseDto, `{error}` for 401, `{message}` for 429). */
  readonly body: AccessProfilesErrorBody;

  constructor(response: Response, body: AccessProfilesErrorBody) {
    const dto = body as components["schemas"]["ErrorResponseDto"];
    const text =
      dto.messages?.[0]?.text ??
      (body as components["schemas"]["UnauthorizedError"]).error ??
      (body as components["schemas"]["TooManyRequestsError"]).message ??
      `HTTP ${response.status}`;
    super(text);
    this.status = response.status;
    this.name = nameByStatus[response.status as ErrorStatus] ?? "UnknownError";
    this.detailCode = dto.detailCode;
    this.trackingId = dto.trackingId;
    this.retryAfterSeconds = retryAfterSeconds(response);
    this.synthesized = response.headers.get(synthesizedBodyHeader) === "true";
    this.attempts = Number(response.headers.get(attemptsHeader) ?? 1);
    this.body = body;
  }
}

export interface AccessProfilesClientOptions {
  /** The API base including `/v3`: `http://127.0.0.1:4010/v3`, or `https://{tenant}.api.identitynow.com/v3`. */
  baseUrl: string;
  /** A bearer token, or a function that returns a current one for each request. */
  accessToken: string | (() => string | Promise<string>);
  fetch?: typeof fetch;
  /** Retries as sailpoint-api-client does (3 immediate retries of 5xx on DELETE, none on 429); `false` for none. */
  retry?: RetryPolicy | false;
}

/** Adds `Authorization: Bearer <token>` to every request. */
export function bearerAuth(accessToken: AccessProfilesClientOptions["accessToken"]): Middleware {
  return {
    async onRequest({ request }) {
      const token = typeof accessToken === "function" ? await accessToken() : accessToken;
      request.headers.set("authorization", `Bearer ${token}`);
      return request;
    },
  };
}

/** An error body in the documented shape of its status, for a response that had none. */
export function shapedAccessProfilesErrorBody(response: Response, text: string): AccessProfilesErrorBody {
  const said = text || `HTTP ${response.status} ${response.statusText}`.trim();
  if (response.status === 401) return { error: said };
  if (response.status === 429) return { message: said };
  return {
    detailCode: `${response.status} ${response.statusText}`.trim(),
    messages: [{ locale: null, localeOrigin: null, text: said }],
  };
}

export type AccessProfilesResult =
  | { data?: undefined; error?: undefined; response: Response }
  | { data?: undefined; error: AccessProfilesError; response: Response };

export interface AccessProfilesClient {
  /** The underlying openapi-fetch client, typed by the spec's `paths`. */
  raw: Client<paths>;
  deleteAccessProfile(id: string, init?: { headers?: Record<string, string> }): Promise<AccessProfilesResult>;
}

/**
 * A client for SailPoint Access Profiles.
 *
 * @example
 * const client = createAccessProfilesClient({ baseUrl: "http://127.0.0.1:4010/v3", accessToken: token });
 * const { error } = await client.deleteAccessProfile("2c91808a7813090a017814121919ecca");
 * if (error?.detailCode === "400.2.1.0 Object in use by another") { … }
 */
export function createAccessProfilesClient(options: AccessProfilesClientOptions): AccessProfilesClient {
  const raw = sailpointClient<paths>(options);
  return {
    raw,
    deleteAccessProfile: async (id, init) =>
      deleteResult(await raw.DELETE("/access-profiles/{id}", { params: { path: { id } }, headers: init?.headers })),
  };
}

/**
 * An openapi-fetch client of a SailPoint API version (v3 here, v1 in access-profiles-v1.ts): error
 * bodies in their documented shape, the bearer token on every request, the SDK's retries.
 */
export function sailpointClient<Paths extends {}>(options: AccessProfilesClientOptions): Client<Paths> {
  const raw = createClient<Paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  raw.use(errorBodyShaping(shapedAccessProfilesErrorBody));
  raw.use(bearerAuth(options.accessToken));
  if (options.retry !== false) raw.use(retrying(options.retry ?? sailpointSdkRetry()));
  return raw;
}

/** A delete's answer as the clients return it: nothing on success, an AccessProfilesError otherwise. */
export function deleteResult({ error, response }: { error?: unknown; response: Response }): AccessProfilesResult {
  if (!response.ok || error !== undefined)
    return { error: new AccessProfilesError(response, error as AccessProfilesErrorBody), response };
  return { response };
}
