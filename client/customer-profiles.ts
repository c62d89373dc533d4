// Typed client for Amazon Connect Customer Profiles, on openapi-fetch: `deleteProfileObject`, and every operation through `raw`.
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "../generated/customer-profiles.d.ts";
import { attemptsHeader, awsStandardRetry, retrying, type RetryPolicy } from "./retry.ts";
import { errorBodyShaping, retryAfterSeconds, synthesizedBodyHeader } from "./shaping.ts";

type Responses = operations["DeleteProfileObject"]["responses"];
type ErrorStatus = Exclude<keyof Responses, 200>;

/** The error names the spec documents, read from its `x-amzn-ErrorType` header constants. */
export type CustomerProfilesErrorName = {
  [S in ErrorStatus]: Responses[S] extends { headers: { "x-amzn-ErrorType": infer N } } ? N : never;
}[ErrorStatus];

/** Used when a response lacks `x-amzn-ErrorType` (a proxy in between, say). */
const nameByStatus = {
  400: "BadRequestException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  429: "ThrottlingException",
  500: "InternalServerException",
} as const satisfies { [S in ErrorStatus]: CustomerProfilesErrorName };

export class CustomerProfilesError extends Error {
  /** The documented error name, or `UnknownError` for a status the spec does not document. */
  override readonly name: CustomerProfilesErrorName | "UnknownError";
  readonly status: number;
  /** The `x-amzn-RequestId` of the response, to match it with the service's (or stub's) log. */
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** True when the server sent no JSON body and the client made one up from the status. */
  readonly synthesized: boolean;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;

  constructor(response: Response, body: { Message?: string } | undefined) {
    super(body?.Message ?? `HTTP ${response.status}`);
    this.status = response.status;
    this.requestId = response.headers.get("x-amzn-requestid") ?? undefined;
    this.retryAfterSeconds = retryAfterSeconds(response);
    this.synthesized = response.headers.get(synthesizedBodyHeader) === "true";
    this.attempts = Number(response.headers.get(attemptsHeader) ?? 1);
    // The SDKs accept "Name:namespace" and "namespace#Name"; both reduce to Name.
    const header = response.headers.get("x-amzn-errortype")?.split(":")[0]?.split("#").pop();
    const documented = Object.values(nameByStatus) as string[];
    this.name =
      header && documented.includes(header)
        ? (header as CustomerProfilesErrorName)
        : (nameByStatus[response.status as ErrorStatus] ?? "UnknownError");
  }
}

export interface CustomerProfilesClientOptions {
  /** e.g. `http://127.0.0.1:4010` for the stub, `https://profile.us-east-1.amazonaws.com` for AWS. */
  baseUrl: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A fetch to use instead of the global one (tests inject one). */
  fetch?: typeof fetch;
  /** Retries as the AWS SDK does (3 attempts on throttling and 5xx, honouring Retry-After); `false` for none. */
  retry?: RetryPolicy | false;
}

/** A SigV4 signer for the service's signing name, `profile`, on @smithy/signature-v4. */
export function profileSigner(options: Pick<CustomerProfilesClientOptions, "region" | "credentials">): SignatureV4 {
  return new SignatureV4({
    service: "profile",
    region: options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, "sha256"),
  });
}

/** The request, signed: its method, URL, headers and body as it will be sent. */
export async function signRequest(signer: SignatureV4, request: Request): Promise<Request> {
  const url = new URL(request.url);
  const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
  const headers: Record<string, string> = { host: url.host };
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers,
    body,
  });
  const out = new Headers(request.headers);
  for (const [name, value] of Object.entries(signed.headers)) if (name !== "host") out.set(name, value);
  return new Request(request, { headers: out });
}

/** Signs every request with SigV4 (signing name `profile`) using @smithy/signature-v4. */
export function sigv4Signing(options: Pick<CustomerProfilesClientOptions, "region" | "credentials">): Middleware {
  const signer = profileSigner(options);
  return { onRequest: ({ request }) => signRequest(signer, request) };
}

export type DeleteProfileObjectInput = { DomainName: string } & components["schemas"]["DeleteProfileObjectRequest"];

export type CustomerProfilesResult<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: CustomerProfilesError; response: Response };

export interface CustomerProfilesClient {
  /** The underlying openapi-fetch client, typed by the spec's `paths`. */
  raw: Client<paths>;
  deleteProfileObject(
    input: DeleteProfileObjectInput,
    init?: { headers?: Record<string, string> },
  ): Promise<CustomerProfilesResult<components["schemas"]["DeleteProfileObjectResponse"]>>;
}

/**
 * A client for Customer Profiles, signed with SigV4.
 *
 * @example
 * const client = createCustomerProfilesClient({
 *   baseUrl: "http://127.0.0.1:4010",
 *   region: "us-east-1",
 *   credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
 * });
 * const { data, error } = await client.deleteProfileObject({
 *   DomainName: "DemoDomain",
 *   ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
 *   ObjectTypeName: "MyCustomObjectName",
 *   ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
 * });
 * if (error?.name === "ResourceNotFoundException") { … }
 */
export function createCustomerProfilesClient(options: CustomerProfilesClientOptions): CustomerProfilesClient {
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  raw.use(
    errorBodyShaping((response, text) => ({
      Message: text || `HTTP ${response.status} ${response.statusText}`.trim(),
    })),
  );
  raw.use(sigv4Signing(options));
  if (options.retry !== false) raw.use(retrying(options.retry ?? awsStandardRetry()));
  return {
    raw,
    async deleteProfileObject({ DomainName, ...body }, init) {
      const { data, error, response } = await raw.POST("/domains/{DomainName}/profiles/objects/delete", {
        params: { path: { DomainName } },
        body,
        headers: init?.headers,
      });
      if (!response.ok || error !== undefined)
        return { error: new CustomerProfilesError(response, error as { Message?: string }), response };
      return { data: data!, response };
    },
  };
}
