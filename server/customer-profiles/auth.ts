// AWS Signature Version 4 verification: the signature is recomputed from the request as received,
// with the caller's secret, by aws4, and compared in constant time. The clients sign with
// @smithy/signature-v4, as the official SDK does, so two independent implementations must agree on
// every signed request the tests send.
import { hash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import aws4 from "aws4";
import type { Request, RequestHandler, Response } from "express";
import { answeredBy } from "../journal.ts";
import { parsePrefer } from "../shared/prefer.ts";
import type { CustomerProfilesStore } from "../store.ts";
import { sendAwsError } from "./errors.ts";

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

/** Checks a request's SigV4 signature against the known credentials. */
export function verifySigV4(request: SignedRequest, store: CustomerProfilesStore, now = new Date()): SigV4Outcome {
  const authorization = headerText(request.headers.authorization);
  if (!authorization)
    return {
      ok: false,
      message: "Missing Authentication Token: the request must be signed with AWS Signature Version 4.",
    };
  const parsed = authPattern.exec(authorization);
  if (!parsed)
    return {
      ok: false,
      message:
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of an AWS4-HMAC-SHA256 signature.",
    };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = parsed as unknown as string[];

  const credential = store.credential(accessKeyId!);
  if (!credential) return { ok: false, message: "The security token included in the request is invalid." };
  if (service !== signingName)
    return { ok: false, message: `Credential should be scoped to correct service: '${signingName}'.` };

  const amzDate = headerText(request.headers["x-amz-date"]);
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate)
    return {
      ok: false,
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  if (amzDate!.slice(0, 8) !== scopeDate)
    return { ok: false, message: `Credential should be scoped to a valid date, not '${scopeDate}'.` };
  if (Math.abs(now.getTime() - signingDate.getTime()) > maxClockSkewMs)
    return { ok: false, message: `Signature expired: ${amzDate} is more than 15 minutes from the server time.` };

  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) return { ok: false, message: "The host header must be signed." };
  const token = headerText(request.headers["x-amz-security-token"]);
  if ((credential.sessionToken ?? undefined) !== token)
    return { ok: false, message: "The security token included in the request is invalid." };

  const body = request.body ?? Buffer.alloc(0);
  const declaredHash = headerText(request.headers["x-amz-content-sha256"]);
  // The service hashes the body it received; a signature over UNSIGNED-PAYLOAD (S3's way of not
  // signing the body) is over something else, and would let the body change after signing.
  if (declaredHash === "UNSIGNED-PAYLOAD")
    return {
      ok: false,
      message:
        "The request signature we calculated does not match the signature you provided: this service signs the payload's hash, not UNSIGNED-PAYLOAD.",
    };
  if (declaredHash !== undefined && declaredHash !== hash("sha256", body, "hex"))
    return { ok: false, message: "The provided 'x-amz-content-sha256' header does not match what was computed." };

  // Exactly the signed headers, each signed even where aws4 would leave it out by default
  // (user-agent, for one); the date always, as aws4 reads the signing time from it.
  const headers: Record<string, string> = { "x-amz-date": amzDate! };
  const include: Record<string, true> = {};
  for (const name of signedHeaders) {
    const value = headerText(request.headers[name]);
    if (value === undefined)
      return { ok: false, message: `The request signature names header '${name}', which the request does not carry.` };
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
      region,
      extraHeadersToInclude: include,
      extraHeadersToIgnore: ignore,
    } satisfies Aws4Request as aws4.Request,
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  const recomputed = String(resigned.headers?.Authorization);
  const expected = /Signature=([0-9a-f]{64})$/.exec(recomputed)?.[1] ?? "";
  const expectedHeaders = /SignedHeaders=([^,]+),/.exec(recomputed)?.[1];
  const matches =
    expectedHeaders === signedHeaderList &&
    expected.length === signature!.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  if (!matches)
    return {
      ok: false,
      message:
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
    };
  return { ok: true, accessKeyId: accessKeyId!, region: region! };
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
    if (!outcome.ok) {
      answeredBy(res, "auth");
      return sendAwsError(res, "AccessDeniedException", outcome.message);
    }
    res.locals.accessKeyId = outcome.accessKeyId;
    next();
  };
}
