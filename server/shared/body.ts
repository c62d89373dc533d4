// Reading request bodies, as every API does before its validator runs: the bytes first, within the
// body limit (a signature may cover them), then parsed as the API takes them (JSON, or a form).
// What cannot be read or parsed is passed on as a problem, which each API renders in its own shape.
import busboy from "busboy";
import express, { type Request, type RequestHandler } from "express";
import { contextOf } from "./context.ts";
import { isJsonMediaType } from "./media.ts";
import { ProblemError } from "./problems.ts";

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
      if (Buffer.isBuffer(req.body)) contextOf(res).rawBody = req.body;
      next(err);
    });
  };
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
  if (!isJsonMediaType(req.headers["content-type"])) {
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
 * Leaves the body unparsed for an API none of whose operations takes one: it was read only to hold
 * it to the limit, and the validator then sees none.
 */
export const ignoreBody: RequestHandler = (req, _res, next) => {
  req.body = undefined;
  next();
};
