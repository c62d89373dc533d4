// The request journal: every request to the services the stub stands in for and what it got, oldest
// first and bounded; and the same entries as HAR 1.2. Recording only keeps references to what the
// request already holds (its headers, its parsed body, the bytes read, the answer), so that it costs
// the request next to nothing; an entry is built when it is read, and every secret in it (tokens,
// signatures, client secrets, session tokens) redacted then: neither the journal nor the HAR shows
// one. The admin API's state (`GET /__stub/state`) is another matter: it is the stub's data, secrets
// included, for whoever may use the admin API (see docs/admin-api.md).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { Request, Response } from "express";
import type { components, operations } from "../generated/stub-admin.d.ts";
import { redactHeader, redactText, redactUrl, redactValue } from "./shared/redact.ts";
import { contextOf, type AnsweredBy, type Refusal } from "./shared/context.ts";
import { harRequest, harResponse } from "./shared/har.ts";
import type { ServiceApi } from "./shared/controls.ts";

type Schemas = components["schemas"];
export type JournalEntry = Schemas["JournalEntry"];
export type JournalPage = Schemas["JournalPage"];
export type Har = Schemas["Har"];
type Headers = Schemas["Headers"];

/** Which entries to show, as `GET /__stub/requests` takes it. */
export type JournalFilter = NonNullable<operations["listStubRequests"]["parameters"]["query"]>;

/** Bodies longer than this are kept as their first this-many characters of text, marked truncated. */
export const maxBodyBytes = 4096;
export const defaultJournalSize = 1000;

/**
 * What the journal keeps of a request once it has been answered or dropped: values as the stub
 * saw them, not copied and not yet redacted (see renderEntry). Bodies are bounded when kept.
 */
export interface Exchange {
  api: ServiceApi;
  /** The operation a method and path match (see operationMatcher). */
  matchOperation: (method: string, path: string) => string | null;
  startedAt: number;
  durationMs: number;
  method: string;
  /** Path and query as requested. */
  url: string;
  requestHeaders: IncomingHttpHeaders;
  /** The parsed body (JSON or form fields), if the request had one and it parsed. */
  parsedBody: unknown;
  /** The bytes read, at most maxBodyBytes of them. */
  rawBody: Buffer | undefined;
  /** The body as text when it was larger than maxBodyBytes, cut there. */
  truncatedText: string | undefined;
  response: { status: number; headers: OutgoingHttpHeaders; body: unknown } | null;
  answeredBy: AnsweredBy;
  /** Why the stub refused it as its spec has it, when it did. */
  refusal: Refusal | undefined;
  /** The spec's response example the answer is, when `Prefer` or a fault chose it. */
  example: string | undefined;
}

interface Recorded {
  id: number;
  exchange: Exchange;
  /** Worked out when a filter or a reader first asks. */
  operationId?: string | null;
}

/** A bounded ring of exchanges, oldest first; the oldest is overwritten when it is full. */
export class Journal {
  private ring: Recorded[] = [];
  /** Where the oldest entry is, once the ring is full. */
  private head = 0;
  private nextId = 1;
  /** How many were recorded since the journal was last cleared. */
  private recorded = 0;

  /** Keeps the last `size` entries; 0 records nothing. */
  constructor(readonly size: number = defaultJournalSize) {}

  record(exchange: Exchange): void {
    if (this.size === 0) return;
    const recorded = { id: this.nextId++, exchange };
    this.recorded++;
    if (this.ring.length < this.size) this.ring.push(recorded);
    else {
      this.ring[this.head] = recorded;
      this.head = (this.head + 1) % this.size;
    }
  }

  /** The entries that match, oldest first, redacted; `total` counts them before `limit`. */
  select(filter: JournalFilter = {}): JournalPage {
    const { api, operationId, status, since, limit } = filter;
    const ordered = this.head === 0 ? this.ring : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
    const matching = ordered.filter(
      (r) =>
        (since === undefined || r.id > since) &&
        (api === undefined || r.exchange.api === api) &&
        (status === undefined || r.exchange.response?.status === status) &&
        (operationId === undefined || operationIdOf(r) === operationId),
    );
    const page = limit === undefined ? matching : matching.slice(0, limit);
    return { total: matching.length, dropped: this.recorded - this.ring.length, requests: page.map(renderEntry) };
  }

  /** Forgets every entry; ids go on growing. */
  clear(): void {
    this.ring = [];
    this.head = 0;
    this.recorded = 0;
  }
}

function operationIdOf(recorded: Recorded): string | null {
  if (recorded.operationId === undefined) {
    const { url, method, matchOperation } = recorded.exchange;
    const queryAt = url.indexOf("?");
    recorded.operationId = matchOperation(method, queryAt < 0 ? url : url.slice(0, queryAt));
  }
  return recorded.operationId;
}

function headers(from: IncomingHttpHeaders | OutgoingHttpHeaders): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(from)) {
    if (value === undefined) continue;
    out[name] = redactHeader(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  return out;
}

/**
 * What the journal keeps of a request that has just been answered or dropped, from the request and
 * its context: the raw body read, what answered it and the body it sent. A body over maxBodyBytes is
 * kept as its first maxBodyBytes, as text, so that an entry holds no more than that whatever the
 * stub's body limit. A request nobody answered (its client left first) was with its handler.
 */
export function captureExchange(
  api: ServiceApi,
  matchOperation: (method: string, path: string) => string | null,
  req: Request,
  res: Response,
  startedAt: number,
  durationMs: number,
): Exchange {
  const context = contextOf(res);
  const raw = context.rawBody;
  const size = raw?.length ?? Number(req.headers["content-length"] ?? 0);
  const parsed: unknown = req.body;
  const truncatedText =
    size > maxBodyBytes
      ? raw
        ? raw.subarray(0, maxBodyBytes).toString("utf8")
        : JSON.stringify(parsed ?? "").slice(0, maxBodyBytes)
      : undefined;
  return {
    api,
    matchOperation,
    startedAt,
    durationMs,
    method: req.method,
    url: req.originalUrl,
    requestHeaders: req.headers,
    parsedBody: truncatedText === undefined ? parsed : undefined,
    rawBody: truncatedText === undefined ? raw : undefined,
    truncatedText,
    response: res.writableFinished
      ? { status: res.statusCode, headers: res.getHeaders(), body: context.responseBody ?? null }
      : null,
    answeredBy: context.answeredBy ?? "handler",
    refusal: context.refusal,
    example: context.example,
  };
}

/** The request's body: as parsed (JSON or form fields) if it was, else as text; cut past maxBodyBytes. */
function requestBody(exchange: Exchange): { body: unknown; bodyTruncated: boolean } {
  const { parsedBody: parsed, rawBody: raw, truncatedText } = exchange;
  if (truncatedText !== undefined) return { body: redactText(truncatedText), bodyTruncated: true };
  const hasParsed =
    parsed !== undefined &&
    parsed !== null &&
    !Buffer.isBuffer(parsed) &&
    (typeof parsed !== "object" || Object.keys(parsed).length > 0);
  if (hasParsed) return { body: redactValue(parsed), bodyTruncated: false };
  if (raw && raw.length > 0) return { body: redactText(raw.toString("utf8")), bodyTruncated: false };
  return { body: null, bodyTruncated: false };
}

/** The first of a header's values, if it has any. */
const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Which client sent a request, from its headers: SailPoint's SDKs say so in `X-SailPoint-SDK`
 * (`typescript-1.4.15`), other clients in the first product of `User-Agent` (`aws-sdk-js/3.1019.0 …`,
 * `Boto3/1.44.8 …`, `axios/1.21.1`); the AWS SDKs number their attempts in `amz-sdk-request`.
 */
export function clientOf(headers: IncomingHttpHeaders): JournalEntry["client"] {
  const sdk = /^\s*([A-Za-z]+)-(\S+)\s*$/.exec(firstHeader(headers["x-sailpoint-sdk"]) ?? "");
  // A product is `name/version`, neither holding a "/" (RFC 9110, 10.1.5): `OpenAPI-Generator/1.4.2/python` is 1.4.2.
  const product = /^\s*([^\s/]+)(?:\/([^\s/]+))?/.exec(firstHeader(headers["user-agent"]) ?? "");
  const attempt = /(?:^|;)\s*attempt=(\d{1,4})\b/.exec(firstHeader(headers["amz-sdk-request"]) ?? "")?.[1];
  const named = sdk
    ? { name: `sailpoint-${sdk[1]!.toLowerCase()}`, version: sdk[2]! }
    : product
      ? { name: product[1]!, version: product[2] ?? null }
      : undefined;
  if (!named) return null;
  return attempt !== undefined && Number(attempt) >= 1 ? { ...named, attempt: Number(attempt) } : named;
}

/** A refusal's words as the journal shows them: the API's error says the same, redacted by the same rules. */
function redactedRefusal(refusal: Refusal): Refusal {
  return {
    kind: refusal.kind,
    message: redactText(refusal.message),
    rules: refusal.rules.map((rule) => ({ pointer: rule.pointer, message: redactText(rule.message) })),
  };
}

/** A journal entry as the admin API shows it, its secrets redacted. */
function renderEntry(recorded: Recorded): JournalEntry {
  const { exchange } = recorded;
  return {
    id: recorded.id,
    time: new Date(exchange.startedAt).toISOString(),
    api: exchange.api,
    operationId: operationIdOf(recorded),
    request: {
      method: exchange.method,
      url: redactUrl(exchange.url),
      headers: headers(exchange.requestHeaders),
      ...requestBody(exchange),
    },
    response: exchange.response && {
      status: exchange.response.status,
      headers: headers(exchange.response.headers),
      body: redactValue(exchange.response.body),
    },
    durationMs: Math.round(exchange.durationMs * 1000) / 1000,
    answeredBy: exchange.answeredBy,
    client: clientOf(exchange.requestHeaders),
    ...(exchange.refusal && { refusal: redactedRefusal(exchange.refusal) }),
    ...(exchange.example !== undefined && { example: exchange.example }),
  };
}

/** The URL a request was sent to, from its target and Host; a Host that is no host name gives way to localhost. */
function absoluteUrl(target: string, host: string | undefined): URL {
  try {
    return new URL(target, `http://${host ?? "localhost"}`);
  } catch {
    return new URL(target, "http://localhost");
  }
}

/** Journal entries as an HTTP Archive (HAR 1.2), the stub's own facts as `_`-prefixed fields. */
export function toHar(entries: JournalEntry[], version: string): Har {
  return {
    log: {
      version: "1.2",
      creator: { name: "contract-stubs", version },
      entries: entries.map((e) => ({
        startedDateTime: e.time,
        time: e.durationMs,
        request: harRequest(absoluteUrl(e.request.url, e.request.headers.host), e.request),
        response: harResponse(e.response),
        cache: {},
        timings: { send: 0, wait: e.durationMs, receive: 0 },
        _id: e.id,
        _api: e.api,
        _operationId: e.operationId,
        _answeredBy: e.answeredBy,
      })),
    },
  };
}
