// What sits between the wire and a handler in every API: body reading and JSON parsing, and the one
// neutral description of everything that can go wrong there (the OpenAPI validator's refusals
// included), which each API renders in its own error shape.
import busboy from "busboy";
import express, { type Request, type RequestHandler, type Response } from "express";
import type { AnsweredBy } from "../journal.ts";
import type { LogSink } from "../log.ts";
import { redactUrl } from "../redact.ts";

export type ProblemKind =
  /** The request breaks the spec: a parameter, a header or the body is invalid. */
  | "invalid-request"
  /** The body is not well-formed JSON. */
  | "malformed-json"
  /** The body's content type is not one the operation takes. */
  | "unsupported-media-type"
  /** The body is larger than the configured limit. */
  | "body-too-large"
  /** No operation of the API has this path, or this method on it. */
  | "no-such-operation"
  /** The stub produced a response its own spec does not allow: a bug in the stub. */
  | "invalid-response"
  /** Anything else: a bug in the stub. */
  | "internal";

export interface Problem {
  kind: ProblemKind;
  /** A message fit for the client. Never a stack trace. */
  message: string;
  /** Individual reasons, e.g. one per failed schema rule. */
  details: string[];
}

export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

interface ValidatorError {
  status?: number;
  type?: string;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

/** What answers a request refused with a problem, for its journal entry. */
export function answeredByProblem(kind: ProblemKind): AnsweredBy {
  if (kind === "no-such-operation") return "no-operation";
  if (kind === "invalid-response" || kind === "internal") return "error";
  return "validation";
}

/** Classifies anything passed to `next(err)` by the parsers and the validator. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return { kind: err.kind, message: err.message, details: err.details };
  const e = (err ?? {}) as ValidatorError;
  const details = (e.errors ?? []).map((item) => `${item.path ?? ""} ${item.message ?? ""}`.trim());
  if (e.type === "entity.too.large")
    return { kind: "body-too-large", message: "The request body is larger than the stub accepts.", details: [] };
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return { kind: "unsupported-media-type", message: e.message ?? "Unsupported body encoding.", details: [] };
  if (e.type === "request.aborted" || e.type === "request.size.invalid")
    return { kind: "invalid-request", message: "The request body ended before its declared length.", details: [] };
  switch (e.status) {
    case 400:
      return { kind: "invalid-request", message: e.message ?? "The request is invalid.", details };
    case 404:
    case 405:
      return { kind: "no-such-operation", message: e.message ?? "Not found.", details };
    case 413:
      return { kind: "body-too-large", message: "The request body is larger than the stub accepts.", details: [] };
    case 415:
      // The validator reports a request with no Content-Type as "unsupported media type undefined".
      if (e.message?.endsWith(" undefined"))
        return {
          kind: "unsupported-media-type",
          message: "The request has no body, or no Content-Type; this operation takes an application/json body.",
          details: [],
        };
      return { kind: "unsupported-media-type", message: e.message ?? "Unsupported media type.", details };
    case 500:
      if (e.errors) return { kind: "invalid-response", message: e.message ?? "Invalid response.", details };
  }
  return { kind: "internal", message: "An internal error occurred.", details: [] };
}

/**
 * Reads any body as bytes, up to the limit, so that it can be hashed for signatures before it is
 * parsed. A declared Content-Length over the limit is refused before a byte is read: body-parser
 * would first drain the whole body, so a client announcing gigabytes would hold the connection.
 * The connection is closed after that answer, since the rest of the body is never read.
 */
export function rawBody(limitBytes: number): RequestHandler {
  const reader = express.raw({ type: () => true, limit: limitBytes });
  return (req, res, next) => {
    const length = req.headers["content-length"];
    // Most DELETEs and GETs carry no body at all; they need no body reader.
    if (length === undefined && req.headers["transfer-encoding"] === undefined) return next();
    if (Number(length) > limitBytes) {
      res.setHeader("Connection", "close");
      return next(new ProblemError("body-too-large", "The request body is larger than the stub accepts."));
    }
    // The bytes read are kept for the journal, which records a body that is not JSON, or not valid JSON, as text.
    reader(req, res, (err?: unknown) => {
      if (Buffer.isBuffer(req.body)) res.locals.rawBody = req.body;
      next(err);
    });
  };
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType);
}

/**
 * Replaces the raw body with its parsed JSON when the content type says JSON. A body of another
 * type is dropped, so the validator reports the content type rather than the bytes.
 */
export const parseJsonBody: RequestHandler = (req, _res, next) => {
  const raw = req.body as Buffer | undefined;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    req.body = undefined;
    return next();
  }
  if (!isJson(req.headers["content-type"])) {
    req.body = undefined;
    return next();
  }
  try {
    req.body = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    return next(new ProblemError("malformed-json", `The request body is not valid JSON: ${(error as Error).message}`));
  }
  next();
};

/** The fields of a form, a repeated field as the list of its values. */
export type FormFields = Record<string, string | string[]>;

function addField(fields: FormFields, name: string, value: string): void {
  const before = fields[name];
  fields[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
}

/** More fields than any form here has a use for; more is refused, not parsed. */
export const maxFormFields = 20;

function urlencodedFields(raw: Buffer, contentType: string): FormFields {
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(contentType)?.[2]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "us-ascii")
    throw new ProblemError("unsupported-media-type", `Unsupported charset "${charset}": forms are read as UTF-8.`);
  const params = new URLSearchParams(raw.toString("utf8"));
  if ([...params.keys()].length > maxFormFields)
    throw new ProblemError("invalid-request", `The form has more than ${maxFormFields} fields.`);
  const fields: FormFields = Object.create(null);
  for (const [name, value] of params) addField(fields, name, value);
  return fields;
}

/** Parses a multipart/form-data body that is all in memory; a malformed one is the client's fault. */
function multipartFields(raw: Buffer, headers: Request["headers"]): Promise<FormFields> {
  return new Promise((resolve, reject) => {
    const refuse = (message: string) => reject(new ProblemError("invalid-request", message));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        limits: { fields: maxFormFields, parts: maxFormFields, files: 0, fieldNameSize: 200, fieldSize: raw.length },
      });
    } catch (error) {
      return refuse(`The multipart body cannot be read: ${(error as Error).message}.`);
    }
    const fields: FormFields = Object.create(null);
    parser.on("field", (name, value, info) => {
      if (info.nameTruncated) refuse("The form has a field name longer than 200 bytes.");
      else addField(fields, name, value);
    });
    parser.on("file", (_name, stream) => {
      stream.resume();
      refuse("The form has a file part; this operation takes only fields.");
    });
    parser.on("filesLimit", () => refuse("The form has a file part; this operation takes only fields."));
    parser.on("fieldsLimit", () => refuse(`The form has more than ${maxFormFields} fields.`));
    parser.on("partsLimit", () => refuse(`The form has more than ${maxFormFields} parts.`));
    parser.on("error", (error: Error) => refuse(`The multipart body is malformed: ${error.message}.`));
    parser.on("close", () => resolve(fields));
    parser.end(raw);
  });
}

const formType = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * Replaces the raw body with the fields of its form, for the token endpoint, which takes
 * application/x-www-form-urlencoded and multipart/form-data alike. The body was read, and held to
 * the limit, by rawBody; a body of another type is dropped, so the validator reports the content type.
 */
export const parseFormBody: RequestHandler = (req, _res, next) => {
  const raw = req.body as Buffer | undefined;
  const contentType = req.headers["content-type"] ?? "";
  req.body = undefined;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return next();
  const type = formType.exec(contentType)?.[1]?.toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    try {
      req.body = urlencodedFields(raw, contentType);
    } catch (error) {
      return next(error);
    }
    return next();
  }
  if (type !== "multipart/form-data") return next();
  multipartFields(raw, req.headers).then((fields) => {
    req.body = fields;
    next();
  }, next);
};

/** The body as the served APIs read it: a form's fields for a form, parsed JSON for JSON. */
export const parseBody: RequestHandler = (req, res, next) =>
  formType.test(req.headers["content-type"] ?? "") ? parseFormBody(req, res, next) : parseJsonBody(req, res, next);

/**
 * A fault of the stub itself (an invalid response or an exception): logged with its details for
 * the operator, never shown to the client. Returns false when the response was already under way
 * and the connection had to be cut instead; the caller then sends nothing.
 */
export function reportFault(
  errorLog: LogSink,
  api: string,
  req: Request,
  res: Response,
  err: unknown,
  problem: Problem,
): boolean {
  const stack = problem.kind === "internal" ? ((err as Error)?.stack ?? String(err)) : "";
  errorLog(
    `${api} ${req.method} ${redactUrl(req.originalUrl)}: ${problem.kind}: ${problem.message} ${problem.details.join("; ")} ${stack}`,
  );
  if (res.headersSent) {
    res.destroy();
    return false;
  }
  res.removeHeader("Retry-After");
  return true;
}
