// express-openapi-validator as every API here uses it, and the warm-up that says when all of them
// are ready: the validator loads its spec asynchronously and builds its checks on the first request
// of each operation, so a stub that only listened would answer its first requests slowly.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import * as OpenApiValidator from "express-openapi-validator";
// The module's exports object itself (CommonJS), so that the stand-in below replaces what the library uses.
import schemaValidatorExports from "express-openapi-validator/dist/framework/openapi.schema.validator.js";
import { parseBody, rawBody } from "./body.ts";
import { openContext, type ApiName } from "./context.ts";
import { http } from "./node-http.ts";
import { deref, documentedOperations, operationObject, type DocumentedOperation, type Json } from "./spec.ts";

// Every validator instance builds a checker for the whole OpenAPI 3.1 schema, even with
// validateApiSpec: false, where it never uses it: about 100 ms of CPU per instance, most of the
// stub's start-up with four of them. The stand-in below builds the library's own checker only when
// asked to validate a spec, which it does only with validateApiSpec: true. The module is an
// internal of express-openapi-validator (pinned to its minor version): the test "the validator's own
// spec check" in test/readiness.test.ts fails if the library stops constructing it from there.
type SchemaValidatorOptions = { validateApiSpec: boolean; version: string };
const schemaValidatorModule = schemaValidatorExports as {
  OpenAPISchemaValidator: new (
    options: SchemaValidatorOptions,
  ) => { validate(document: unknown): { errors: unknown[] } };
};
const LibrarySchemaValidator = schemaValidatorModule.OpenAPISchemaValidator;
/** How often the library asked for a spec checker, and how often one was built: for the test that guards the stand-in. */
export const specCheckers = { asked: 0, built: 0 };
class OnDemandSchemaValidator {
  constructor(private readonly options: SchemaValidatorOptions) {
    specCheckers.asked += 1;
  }
  validate(document: unknown) {
    specCheckers.built += 1;
    return new LibrarySchemaValidator(this.options).validate(document);
  }
}
schemaValidatorModule.OpenAPISchemaValidator = OnDemandSchemaValidator;

/** Keywords that may stand beside a `$ref` without changing what it validates. */
const annotations = new Set(["$ref", "description", "summary"]);

/**
 * The spec as the validator needs it: every local `$ref` in its paths replaced by what it points to
 * (shared, not copied), no components but the security schemes, and no examples or code samples.
 * The validator otherwise has Ajv compile each referenced schema once more just to look it up while
 * it prepares the spec, and walks the whole of it for every Ajv instance it makes and every response
 * status it checks; none of that reads examples or code samples. The stub's own copy of the spec
 * keeps them all, for `Prefer` and the docs. Throws on a `$ref` it could not replace faithfully:
 * one with keywords beside it, or one that refers to itself.
 */
export function validationView(spec: Json): Json {
  const resolved = new Map<string, unknown>();
  const resolving = new Set<string>();
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (!node || typeof node !== "object") return node;
    const ref = (node as Json).$ref;
    if (typeof ref !== "string")
      return Object.fromEntries(Object.entries(node as Json).map(([key, value]) => [key, inline(value)]));
    const beside = Object.keys(node).filter((key) => !annotations.has(key));
    if (beside.length > 0) throw new Error(`the validator cannot take ${ref} with ${beside.join(", ")} beside it`);
    if (resolving.has(ref)) throw new Error(`the validator cannot take the recursive ${ref}`);
    if (!resolved.has(ref)) {
      resolving.add(ref);
      resolved.set(ref, inline(deref(spec, { $ref: ref })));
      resolving.delete(ref);
    }
    return resolved.get(ref);
  };
  const paths = inline(spec.paths ?? {}) as Record<string, Record<string, unknown>>;
  const securitySchemes = (spec.components as Json | undefined)?.securitySchemes;
  const withoutExamples = (holder: Json | undefined) => {
    if (!holder) return;
    delete holder.example;
    delete holder.examples;
  };
  const mediaOf = (holder: unknown) =>
    Object.values(((holder as Json | undefined)?.content ?? {}) as Record<string, Json>);
  for (const item of Object.values(paths))
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== "object" || Array.isArray(operation)) continue;
      const op = operation as Json;
      delete op["x-codeSamples"];
      for (const parameter of (op.parameters ?? []) as Json[]) withoutExamples(parameter);
      mediaOf(op.requestBody).forEach(withoutExamples);
      for (const response of Object.values((op.responses ?? {}) as Record<string, Json>))
        mediaOf(response).forEach(withoutExamples);
    }
  return { ...spec, paths, components: securitySchemes ? { securitySchemes } : {} };
}

/**
 * express-openapi-validator as every API here uses it: requests (all errors reported) and
 * responses checked against the bundled spec, bodies as the routers parsed them; security is
 * checked by each API's own middleware.
 */
export function specValidator(
  spec: Json,
  extra: Partial<Parameters<typeof OpenApiValidator.middleware>[0]> = {},
): RequestHandler[] {
  return OpenApiValidator.middleware({
    apiSpec: validationView(spec) as never,
    validateRequests: { allErrors: true },
    validateResponses: true,
    validateSecurity: false,
    // The specs are linted and checked by a second parser in CI; checking them again at start costs ~100 ms each.
    validateApiSpec: false,
    // The routers read every body themselves (rawBody, then parseBody), within the body limit.
    fileUploader: false,
    ...extra,
  }) as RequestHandler[];
}

/** One API's validator and the spec it checks against, with where its router is mounted. */
export interface MountedValidator {
  api: ApiName;
  /** Where the API's router is mounted, e.g. `/oauth`. */
  mount: string;
  /** What the stub puts before the spec's paths, e.g. `/v3` (the admin and token specs name theirs in full). */
  basePath: string;
  spec: Json;
  middleware: RequestHandler[];
}

export interface WarmUpRequest {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The first example a parameter or media type gives, following references. */
function firstExample(spec: Json, holder: Json | undefined): unknown {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const named = Object.values((holder.examples ?? {}) as Record<string, Json>)[0];
  if (named) return deref(spec, named).value;
  return (deref(spec, holder.schema ?? {}).examples as unknown[] | undefined)?.[0];
}

function multipart(fields: Record<string, unknown>, boundary: string): string {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`,
  );
  return `${parts.join("")}--${boundary}--\r\n`;
}

/** A request per operation and body media type, built from the spec's own examples. */
export function warmUpRequests(validator: MountedValidator): WarmUpRequest[] {
  const requests: WarmUpRequest[] = [];
  for (const operation of documentedOperations(validator.spec).values()) {
    const raw = operationObject(validator.spec, operation);
    const parameters = ((raw.parameters ?? []) as Json[]).map((p) => deref(validator.spec, p));
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(
        String(
          firstExample(
            validator.spec,
            parameters.find((p) => p.in === "path" && p.name === name),
          ) ?? name,
        ),
      ),
    );
    const content = (deref(validator.spec, raw.requestBody ?? {}).content ?? {}) as Record<string, Json>;
    const bodies = Object.entries(content).map(([mediaType, media]) => ({
      mediaType,
      value: firstExample(validator.spec, media),
    }));
    const common = {
      api: validator.api,
      operationId: operation.operationId,
      method: operation.method,
      path: `${validator.basePath}${path}`,
    };
    if (bodies.length === 0) requests.push({ ...common, headers: {} });
    for (const { mediaType, value } of bodies) {
      const fields = (value ?? {}) as Record<string, unknown>;
      if (mediaType === "multipart/form-data")
        requests.push({
          ...common,
          headers: { "content-type": `${mediaType}; boundary=warm-up` },
          body: multipart(fields, "warm-up"),
        });
      else if (mediaType === "application/x-www-form-urlencoded")
        requests.push({
          ...common,
          headers: { "content-type": mediaType },
          body: new URLSearchParams(fields as Record<string, string>).toString(),
        });
      else requests.push({ ...common, headers: { "content-type": mediaType }, body: JSON.stringify(value ?? {}) });
    }
  }
  return requests;
}

/** Answers with the operation's first documented JSON example, so that the response checks get built too. */
function answerWithExample(operations: Map<string, DocumentedOperation>): RequestHandler {
  return (req, res) => {
    const operationId = ((req as Request & { openapi?: { schema?: { operationId?: string } } }).openapi?.schema
      ?.operationId ?? "") as string;
    const response = [...(operations.get(operationId)?.responses.values() ?? [])].find(
      (r) => r.mediaType && Object.keys(r.examples).length > 0,
    );
    if (!response) return void res.status(204).end();
    res.status(response.status).json(Object.values(response.examples)[0]);
  };
}

const apiHeader = "x-warm-up-api";
/** The warm-up's requests are made of the specs' examples: small, whatever the stub's body limit. */
const warmUpBodyLimit = 1024 * 1024;

function send(server: Server, request: WarmUpRequest): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const headers = { ...request.headers, [apiHeader]: request.api };
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port, method: request.method, path: request.path, headers },
      (response) => {
        response.resume();
        response.on("end", resolve);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/**
 * Resolves once every validator has loaded its spec and built the checks the given requests need
 * (see warmUpRequests): each goes through its API's validator on a private loopback server and is
 * answered with a documented example. The stub's own routers, state and logs never see them.
 * Resolves with the requests the validators refused (a body limit set below an example's size, say:
 * their request checks are built all the same); rejects, naming the request, on a fault, such as a
 * spec that cannot be loaded.
 */
export async function warmUp(
  validators: MountedValidator[],
  requests: WarmUpRequest[],
): Promise<{ refused: string[] }> {
  const app = express();
  // The body handling of the APIs' own routers, which runs before their validators, in a context of its own.
  app.use((req, res, next) => {
    openContext(res, req.get(apiHeader) as ApiName, "warm-up");
    next();
  });
  app.use(rawBody(warmUpBodyLimit), parseBody);
  // Each request goes to its own API's validator, whatever the mounts: Customer Profiles, at the
  // root, would otherwise claim every path.
  const byApi = new Map(
    validators.map(
      (v) =>
        [
          v.api,
          express.Router().use(v.mount, ...v.middleware, answerWithExample(documentedOperations(v.spec))),
        ] as const,
    ),
  );
  app.use((req, res, next) => {
    const router = byApi.get(req.get(apiHeader) as ApiName);
    if (router) router(req, res, next);
    else next(new Error(`no API named ${req.get(apiHeader)}`));
  });
  const refused: string[] = [];
  const faults: string[] = [];
  const noteProblem: ErrorRequestHandler = (err: { status?: number; message?: string }, req, res, _next) => {
    const line = `${req.method} ${req.originalUrl}: ${err.status ?? ""} ${err.message ?? String(err)}`;
    if (typeof err.status === "number" && err.status < 500) refused.push(line);
    else faults.push(line);
    res.status(500).end();
  };
  app.use(noteProblem);
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    for (const request of requests) await send(server, request);
  } finally {
    server.close();
    server.closeAllConnections();
  }
  if (faults.length > 0) throw new Error(`the stub could not get ready:\n  ${faults.join("\n  ")}`);
  return { refused };
}
