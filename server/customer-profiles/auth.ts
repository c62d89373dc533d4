// AWS Signature Version 4 verification: the signature is recomputed from the request as received,
// with the caller's secret, by aws4, and compared in constant time. The clients sign with
// @smithy/signature-v4, as the official SDK does, so two independent implementations must agree on
// every signed request the tests send.
import { hash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import aws4 from "aws4";
import type { Request, RequestHandler, Response } from "express";
import { answer, contextOf } from "../shared/context.ts";
import { parsePrefer } from "../shared/prefer.ts";
import { sameSecret } from "../shared/secrets.ts";
import type { AwsCredential, CustomerProfilesStore } from "../store.ts";
import { awsError } from "./errors.ts";

export const signingName = "profile";
/** How far the request's x-amz-date may be from the server clock, as AWS allows. */
export const maxClockSkewMs = 15 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** Path and query exactly as they arrived, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
}

export type SigV4Outcome = { ok: true; accessKeyId: string; region: string } | { ok: false; message: string };

const authPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_-]+),\s*Signature=([0-9a-f]{64})$/;

/** The time an `X-Amz-Date` value (`20261121T120000Z`) names; undefined when it is not one. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  // Date.UTC rolls over what is out of range (second 60, day 31 of April): only a real time is one.
  const exact = date.toISOString().replace(/[-:]|\.\d{3}/g, "") === value;
  return exact ? date : undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Headers aws4 adds when a request lacks them (Content-Type and Content-Length for a body, the date
 * and a session token). Only the headers the client signed are given to it, so any of these that the
 * client did not sign must stay out of the recomputed signature.
 */
const addedBySigner = ["content-type", "content-length", "x-amz-date", "x-amz-security-token"];

/** aws4's request options, with the two its type declarations lack. */
interface Aws4Request extends aws4.Request {
  extraHeadersToInclude: Record<string, true>;
  extraHeadersToIgnore: Record<string, true>;
}

type Refusal = { ok: false; message: string };
const refuse = (message: string): Refusal => ({ ok: false, message });

/** What the Authorization header of a SigV4-signed request says. */
interface SignedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaderList: string;
  signature: string;
}

function readAuthorization(headers: IncomingHttpHeaders): { ok: true; value: SignedAuthorization } | Refusal {
  const authorization = headerText(headers.authorization);
  if (!authorization)
    return refuse("Missing Authentication Token: the request must be signed with AWS Signature Version 4.");
  const parsed = authPattern.exec(authorization);
  if (!parsed)
    return refuse(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of an AWS4-HMAC-SHA256 signature.",
    );
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = parsed as unknown as string[];
  return {
    ok: true,
    value: { accessKeyId, scopeDate, region, service, signedHeaderList, signature } as SignedAuthorization,
  };
}

/** The signing time, in scope and within the allowed skew of `now`; the host signed; the session token the credential's. */
function checkScope(
  headers: IncomingHttpHeaders,
  auth: SignedAuthorization,
  credential: AwsCredential,
  now: Date,
): { ok: true; amzDate: string } | Refusal {
  if (auth.service !== signingName) return refuse(`Credential should be scoped to correct service: '${signingName}'.`);
  const amzDate = headerText(headers["x-amz-date"]);
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate)
    return refuse("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (amzDate.slice(0, 8) !== auth.scopeDate)
    return refuse(`Credential should be scoped to a valid date, not '${auth.scopeDate}'.`);
  if (Math.abs(now.getTime() - signingDate.getTime()) > maxClockSkewMs)
    return refuse(`Signature expired: ${amzDate} is more than 15 minutes from the server time.`);
  if (!auth.signedHeaderList.split(";").includes("host")) return refuse("The host header must be signed.");
  if ((credential.sessionToken ?? undefined) !== headerText(headers["x-amz-security-token"]))
    return refuse("The security token included in the request is invalid.");
  return { ok: true, amzDate };
}

/** The payload hash the client declared, if it did, against the body received. */
function checkPayloadHash(headers: IncomingHttpHeaders, body: Buffer): Refusal | undefined {
  const declaredHash = headerText(headers["x-amz-content-sha256"]);
  // The service hashes the body it received; a signature over UNSIGNED-PAYLOAD (S3's way of not
  // signing the body) is over something else, and would let the body change after signing.
  if (declaredHash === "UNSIGNED-PAYLOAD")
    return refuse(
      "The request signature we calculated does not match the signature you provided: this service signs the payload's hash, not UNSIGNED-PAYLOAD.",
    );
  if (declaredHash !== undefined && declaredHash !== hash("sha256", body, "hex"))
    return refuse("The provided 'x-amz-content-sha256' header does not match what was computed.");
  return undefined;
}

/** Signs the request again, with the credential's secret, over exactly the headers the client signed, and compares. */
function signatureMatches(
  request: SignedRequest,
  body: Buffer,
  auth: SignedAuthorization,
  credential: AwsCredential,
  amzDate: string,
): Refusal | undefined {
  // Exactly the signed headers, each signed even where aws4 would leave it out by default
  // (user-agent, for one); the date always, as aws4 reads the signing time from it.
  const headers: Record<string, string> = { "x-amz-date": amzDate };
  const include: Record<string, true> = {};
  for (const name of auth.signedHeaderList.split(";")) {
    const value = headerText(request.headers[name]);
    if (value === undefined)
      return refuse(`The request signature names header '${name}', which the request does not carry.`);
    headers[name] = value;
    include[name] = true;
  }
  const ignore: Record<string, true> = {};
  for (const name of addedBySigner) if (!include[name]) ignore[name] = true;

  // aws4 keeps a cache of derived signing keys (per secret, day, region and service).
  const resigned = aws4.sign(
    {
      method: request.method,
      path: request.url,
      headers,
      body,
      service: signingName,
      region: auth.region,
      extraHeadersToInclude: include,
      extraHeadersToIgnore: ignore,
    } satisfies Aws4Request as aws4.Request,
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  const recomputed = String(resigned.headers?.Authorization);
  const expected = /Signature=([0-9a-f]{64})$/.exec(recomputed)?.[1] ?? "";
  const expectedHeaders = /SignedHeaders=([^,]+),/.exec(recomputed)?.[1];
  if (expectedHeaders === auth.signedHeaderList && sameSecret(auth.signature, expected)) return undefined;
  return refuse(
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
  );
}

/**
 * Checks a request's SigV4 signature against the known credentials, in the order the service
 * reports problems: the header, the key, the scope and time, the payload hash, the signature.
 */
export function verifySigV4(request: SignedRequest, store: CustomerProfilesStore, now = new Date()): SigV4Outcome {
  const read = readAuthorization(request.headers);
  if (!read.ok) return read;
  const auth = read.value;
  const credential = store.credential(auth.accessKeyId);
  if (!credential) return refuse("The security token included in the request is invalid.");
  const scope = checkScope(request.headers, auth, credential, now);
  if (!scope.ok) return scope;
  const body = request.body ?? Buffer.alloc(0);
  const refusal =
    checkPayloadHash(request.headers, body) ?? signatureMatches(request, body, auth, credential, scope.amzDate);
  return refusal ?? { ok: true, accessKeyId: auth.accessKeyId, region: auth.region };
}

/**
 * The service's time for a request: now, or as far off as `Prefer: clock-offset=<seconds>` asks,
 * which also dates the response (its Date header), as a service whose clock is off would. A
 * client's own clock is off by as much the other way: that is how the SDKs' clock-skew correction
 * can be seen without faking the client's clock. A malformed offset is refused later, with the
 * other preferences.
 */
function serviceTime(req: Request, res: Response): Date {
  const header = req.get("prefer");
  const prefer = header === undefined ? undefined : parsePrefer(header);
  const offsetSeconds = prefer?.ok ? (prefer.value.clockOffsetSeconds ?? 0) : 0;
  const now = new Date(Date.now() + offsetSeconds * 1000);
  if (offsetSeconds !== 0) res.setHeader("Date", now.toUTCString());
  return now;
}

/** Refuses any request whose SigV4 signature does not verify, with 403 AccessDeniedException. */
export function requireSigV4(store: CustomerProfilesStore): RequestHandler {
  return (req, res, next) => {
    const outcome = verifySigV4(
      {
        method: req.method,
        url: req.originalUrl,
        headers: req.headers,
        body: Buffer.isBuffer(req.body) ? req.body : undefined,
      },
      store,
      serviceTime(req, res),
    );
    if (!outcome.ok) return answer(res, "auth", awsError("AccessDeniedException", outcome.message));
    contextOf(res).caller = outcome.accessKeyId;
    next();
  };
}
