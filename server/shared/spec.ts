// Reads the bundled specs from generated/ and answers questions about their operations: their
// documented responses, their security, and which one a method and path match.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { locations } from "../locations.ts";
import type { ApiName } from "./context.ts";

export type Json = Record<string, unknown>;

export interface DocumentedHeader {
  required: boolean;
  schema: Json;
  example?: unknown;
}

export interface DocumentedResponse {
  status: number;
  headers: Record<string, DocumentedHeader>;
  /** Media type of the body, or undefined for a response without content. */
  mediaType?: string;
  /** Named examples of the body, in spec order. */
  examples: Record<string, unknown>;
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  responses: Map<number, DocumentedResponse>;
  /** The operation's vendor extensions (`x-…`), e.g. `x-sailpoint-userLevels`. */
  extensions: Record<string, unknown>;
  /**
   * Its security requirement: its own `security`, else the spec's; `[]` when it takes no
   * credentials; undefined when neither declares one.
   */
  security: Record<string, string[]>[] | undefined;
  /** OAuth scopes its security requirement names (the first alternative's, all schemes). */
  scopes: string[];
}

export function bundledSpecFile(api: ApiName, ext: "json" | "yaml" = "json"): string {
  return join(locations.generated, `${api}.openapi.${ext}`);
}

const cache = new Map<ApiName, Json>();

/** The bundled spec as parsed JSON. Read once per process; treat it as read-only. */
export function loadSpec(api: ApiName): Json {
  let spec = cache.get(api);
  if (!spec) {
    spec = JSON.parse(readFileSync(bundledSpecFile(api), "utf8")) as Json;
    cache.set(api, spec);
  }
  return spec;
}

/** Follows local `$ref`s (`#/components/...`) until it reaches an object that is not a reference. */
export function deref(spec: Json, node: unknown): Json {
  let current = node as Json;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${String(current.$ref)}`);
    const pointer = String(current.$ref);
    if (!pointer.startsWith("#/")) throw new Error(`bundled spec has a non-local $ref ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((obj, key) => (obj as Json)?.[key], spec) as Json;
    if (current === undefined) throw new Error(`unresolved $ref ${pointer}`);
  }
  return current;
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of a spec with its documented responses, resolved. */
export function documentedOperations(spec: Json): Map<string, DocumentedOperation> {
  const operations = new Map<string, DocumentedOperation>();
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Json)) {
    const pathItem = deref(spec, item);
    for (const method of methods) {
      const op = pathItem[method] as Json | undefined;
      if (!op) continue;
      const responses = new Map<number, DocumentedResponse>();
      for (const [code, raw] of Object.entries(op.responses as Json)) {
        const response = deref(spec, raw);
        const headers: Record<string, DocumentedHeader> = {};
        for (const [name, h] of Object.entries((response.headers ?? {}) as Json)) {
          const header = deref(spec, h);
          headers[name] = {
            required: header.required === true,
            schema: deref(spec, header.schema),
            example: header.example,
          };
        }
        const content = (response.content ?? {}) as Json;
        const mediaType = Object.keys(content)[0];
        const examples: Record<string, unknown> = {};
        if (mediaType) {
          for (const [name, ex] of Object.entries(((content[mediaType] as Json).examples ?? {}) as Json)) {
            examples[name] = deref(spec, ex).value;
          }
        }
        responses.set(Number(code), { status: Number(code), headers, mediaType, examples });
      }
      const extensions = Object.fromEntries(Object.entries(op).filter(([key]) => key.startsWith("x-")));
      const security = (op.security ?? spec.security) as Record<string, string[]>[] | undefined;
      const scopes = Object.values(security?.[0] ?? {}).flat();
      operations.set(String(op.operationId), {
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        responses,
        extensions,
        security,
        scopes,
      });
    }
  }
  return operations;
}

/** An operation's object as the spec writes it (parameters, request body, responses), path item references followed. */
export function operationObject(spec: Json, operation: DocumentedOperation): Json {
  const item = deref(spec, (spec.paths as Json)[operation.path]);
  return deref(spec, item[operation.method.toLowerCase()]);
}

/**
 * Each operation's method, id and path, and the pattern of its path under the base path (a
 * parameter matches one segment); concrete paths before templated ones (`/a/bulk-delete` before
 * `/a/{id}`): OpenAPI matches a concrete path first, and a request it matches belongs to it alone.
 */
function routesOf(operations: Iterable<DocumentedOperation>, basePath: string) {
  return [...operations]
    .map((op) => ({
      method: op.method,
      operationId: op.operationId,
      path: op.path,
      templated: (op.path.match(/\{/g) ?? []).length,
      pattern: new RegExp(
        `^${(basePath + op.path).replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`,
      ),
    }))
    .sort((a, b) => a.templated - b.templated);
}

/**
 * The methods a path has, for a request's path (`/__stub/faults`): those of the operations of the
 * path template it matches (a concrete one before a templated one), with HEAD beside GET (the
 * router answers HEAD as GET). Empty when no operation has the path.
 */
export function pathMethods(operations: Iterable<DocumentedOperation>, basePath: string): (path: string) => string[] {
  const routes = routesOf(operations, basePath);
  return (path) => {
    // The path of the request is the first template it matches, concrete ones first.
    const template = routes.find((r) => r.pattern.test(path))?.path;
    const methods = new Set(routes.filter((r) => r.path === template).map((r) => r.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}

/** The operation a method and path match, by the paths of the API's spec under its base path; null when none does. */
export function operationMatcher(
  operations: Iterable<DocumentedOperation>,
  basePath: string,
): (method: string, path: string) => string | null {
  const routes = routesOf(operations, basePath);
  return (method, path) => {
    const template = routes.find((r) => r.pattern.test(path))?.path;
    return routes.find((r) => r.method === method && r.path === template)?.operationId ?? null;
  };
}
