// Sending a case to a target with the credentials it asks for (SigV4 with the caller's AWS
// credentials, signed by @smithy/signature-v4; a bearer token from the target's own token endpoint),
// and keeping each exchange with its secrets redacted, as the report and the HAR show it.
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { profileSigner, signRequest } from "../../client/customer-profiles.ts";
import { createSailPointOAuthClient } from "../../client/sailpoint-oauth.ts";
import { redactHeader, redactText, redactUrl, redactValue } from "../shared/redact.ts";
import type { ApiWire, ReceivedResponse } from "./apis.ts";
import { parsedBody } from "./checks.ts";
import { VerifyConfigError } from "./errors.ts";
import type { Credentials, PlannedCase } from "./plan.ts";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Where a target is and how to authenticate to it. */
export interface Target {
  /** "target", or "stub" for the in-process stub it is compared with. */
  name: "target" | "stub";
  /** The service root: the Customer Profiles endpoint, or the SailPoint tenant root without `/v3`. */
  baseUrl: string;
  aws?: AwsCredentials;
  client?: ClientCredentials;
  /** Credentials without the operation's authority, for the 403 case. */
  forbidden?: ClientCredentials;
  /** An API client of no user, for the 403 `UserlessToken` case. */
  userless?: ClientCredentials;
}

/** One request and its answer, its secrets redacted. */
export interface Exchange {
  target: "target" | "stub";
  /** The case it belongs to; undefined for a token request. */
  caseId?: string;
  startedAt: string;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  /** Why there is no response: the connection failed or timed out. */
  error?: string;
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = redactHeader(name, value);
  });
  return out;
}

function redactedBody(text: string): unknown {
  if (text === "") return null;
  const parsed = parsedBody(text);
  return parsed === undefined ? redactText(text) : redactValue(parsed);
}

/** Why a request got no answer, in a few words. */
function failure(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return "no answer before the timeout";
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

export interface SenderOptions {
  target: Target;
  wire: ApiWire;
  /** What the target puts before the spec's paths: `/v3` for SailPoint, from the spec's server URL. */
  basePath: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Every exchange, as it completes. */
  record(exchange: Exchange): void;
  /** Make the requests, sign them, but send nothing (`--dry-run`). */
  dryRun: boolean;
}

/** What a case got: the request as recorded, and the answer as received and as recorded (redacted). */
export type Sent = {
  request: Exchange["request"];
  response?: ReceivedResponse;
  recorded?: NonNullable<Exchange["response"]>;
  error?: string;
};

export class Sender {
  private readonly tokens = new Map<Credentials, Promise<string>>();
  private sentAny = false;

  constructor(private readonly options: SenderOptions) {}

  /** Sends a request and keeps the exchange; the first failure to reach the target is a VerifyConfigError. */
  private async exchange(request: Request, caseId: string | undefined): Promise<Sent> {
    const bodyText = request.body ? await request.clone().text() : "";
    const recorded: Exchange["request"] = {
      method: request.method,
      url: redactUrl(request.url),
      headers: headerRecord(request.headers),
      body: redactedBody(bodyText),
    };
    if (this.options.dryRun) return { request: recorded };
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const first = !this.sentAny;
    this.sentAny = true;
    const keep = (response: Exchange["response"], error?: string) =>
      this.options.record({
        target: this.options.target.name,
        caseId,
        startedAt,
        durationMs: performance.now() - started,
        request: recorded,
        response,
        ...(error === undefined ? {} : { error }),
      });
    try {
      const response = await this.options.fetch(request, {
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      const kept = { status: response.status, headers: headerRecord(response.headers), body: redactedBody(text) };
      keep(kept);
      return {
        request: recorded,
        response: { status: response.status, headers: response.headers, text },
        recorded: kept,
      };
    } catch (error) {
      const why = failure(error);
      if (first) throw new VerifyConfigError(`cannot reach ${redactUrl(this.options.target.baseUrl)}: ${why}`);
      keep(null, why);
      return { request: recorded, error: why };
    }
  }

  /** A token from the target's token endpoint for the given client; refused credentials are a VerifyConfigError. */
  private token(kind: Credentials, client: ClientCredentials): Promise<string> {
    let token = this.tokens.get(kind);
    if (!token) {
      token = this.fetchToken(kind, client);
      this.tokens.set(kind, token);
    }
    return token;
  }

  private async fetchToken(kind: Credentials, client: ClientCredentials): Promise<string> {
    if (this.options.dryRun) return `<a token for ${client.clientId} from /oauth/token>`;
    let sent: Sent | undefined;
    const oauth = createSailPointOAuthClient({
      baseUrl: this.options.target.baseUrl,
      fetch: async (input) => {
        sent = await this.exchange(input as Request, undefined);
        if (!sent.response) throw new Error(sent.error);
        return new Response(sent.response.text || null, {
          status: sent.response.status,
          headers: sent.response.headers,
        });
      },
    });
    const { data, error } = await oauth.createAccessToken(client);
    if (error)
      throw new VerifyConfigError(
        `the token endpoint refused the ${kind === "valid" ? "" : `${kind} `}client ${client.clientId}: ${error.status} ${error.code}`,
      );
    return data.access_token;
  }

  /** A bearer token signed with a key the target cannot know. */
  private static async forgedToken(clientId: string): Promise<string> {
    return new SignJWT({ client_id: clientId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(randomBytes(32));
  }

  private url(planned: Pick<PlannedCase, "pathTemplate" | "request">): string {
    const path = planned.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(planned.request?.path[name] ?? ""),
    );
    const query = new URLSearchParams(planned.request?.query ?? {}).toString();
    return `${this.options.target.baseUrl.replace(/\/+$/, "")}${this.options.basePath}${path}${query ? `?${query}` : ""}`;
  }

  private async authenticate(request: Request, credentials: Credentials): Promise<Request> {
    const { target, wire } = this.options;
    if (credentials === "none") return request;
    if (wire.auth === "sigv4") {
      const aws = target.aws!;
      const secretAccessKey = credentials === "wrong" ? randomBytes(30).toString("base64") : aws.secretAccessKey;
      const signer = profileSigner({ region: aws.region, credentials: { ...aws, secretAccessKey } });
      return signRequest(signer, request);
    }
    const client =
      credentials === "forbidden" ? target.forbidden! : credentials === "userless" ? target.userless! : target.client!;
    const token =
      credentials === "wrong" ? await Sender.forgedToken(client.clientId) : await this.token(credentials, client);
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${token}`);
    return new Request(request, { headers });
  }

  /** Sends a case as planned (or, in a dry run, only makes its request). */
  async send(planned: Pick<PlannedCase, "id" | "method" | "pathTemplate" | "request" | "credentials">): Promise<Sent> {
    const body = planned.request?.body;
    const request = new Request(this.url(planned), {
      method: planned.method,
      headers: body === undefined ? {} : { "content-type": planned.request?.contentType ?? "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.exchange(await this.authenticate(request, planned.credentials), planned.id);
  }
}
