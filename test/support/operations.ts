// How to send any operation of any API the stub serves, read from its bundled spec alone: its path
// under the stub's base path (the spec's loopback server URL), its parameters and body from the
// spec's named examples, and the credentials of its API (SigV4 with the demo key; a bearer token
// of the demo org admin; none for the token endpoint, whose credentials are its form, and for the
// admin API on loopback). Suites that walk every operation send them through here, so that an
// operation added to a spec is sent without a line of test code naming it.
import { profileSigner, signRequest } from "../../client/customer-profiles.ts";
import { apiNames, localBasePath, type ApiName, type ContractOracle } from "./oracle.ts";
import { demoCredentials } from "./stub.ts";
import { token } from "./tokens.ts";

// The dereferenced spec is plain JSON.
type Json = any;

const httpMethods = ["get", "put", "post", "delete", "patch"];

export interface Operation {
  api: ApiName;
  operationId: string;
  /** Upper case. */
  method: string;
  /** The spec's path template, e.g. `/access-profiles/{id}`. */
  path: string;
  spec: Json;
}

/** Every operation of the APIs given (all of them by default), in spec order. */
export function operationsOf(oracle: ContractOracle, apis: readonly ApiName[] = apiNames): Operation[] {
  return apis.flatMap((api) =>
    Object.entries<Json>(oracle.spec(api).paths).flatMap(([path, item]) =>
      httpMethods
        .filter((m) => item[m])
        .map((m) => ({ api, operationId: item[m].operationId, method: m.toUpperCase(), path, spec: item[m] })),
    ),
  );
}

/** What the stub puts before an API's paths: the path of the spec's loopback server URL (`/v3`). */
export function basePathOf(_oracle: ContractOracle, api: ApiName): string {
  return localBasePath(api);
}

/** The names of an operation's request examples: of its parameters and of its body. */
export function requestExampleNames(op: Operation): string[] {
  const names = new Set<string>();
  for (const p of op.spec.parameters ?? []) for (const name of Object.keys(p.examples ?? {})) names.add(name);
  for (const media of Object.values<Json>(op.spec.requestBody?.content ?? {}))
    for (const name of Object.keys(media.examples ?? {})) names.add(name);
  return [...names];
}

/** The value an example of that name gives a parameter, else its first example, else its schema's. */
function parameterValue(parameter: Json, example: string | undefined): unknown {
  const examples = parameter.examples ?? {};
  if (example !== undefined && example in examples) return examples[example].value;
  const first = Object.values<Json>(examples)[0];
  if (first) return first.value;
  return parameter.example ?? parameter.schema?.examples?.[0] ?? parameter.schema?.default;
}

export interface SendOptions {
  /** The request example to send; the first one of each parameter and of the body otherwise. */
  example?: string;
  /** Values over the examples' (path and query parameters by name). */
  params?: Record<string, string>;
  /** A body instead of the example's. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Valid credentials of the API (default), or none. */
  credentials?: "valid" | "none";
  fetch?: typeof fetch;
}

/** The request for an operation, from its examples, before credentials. */
export function requestFor(oracle: ContractOracle, baseUrl: string, op: Operation, options: SendOptions = {}): Request {
  const parameters: Json[] = op.spec.parameters ?? [];
  const value = (p: Json) => options.params?.[p.name] ?? parameterValue(p, options.example);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    return encodeURIComponent(String(parameter ? value(parameter) : ""));
  });
  const query = new URLSearchParams();
  for (const p of parameters.filter((p) => p.in === "query")) {
    const v = value(p);
    // An optional parameter is sent for an example only when it has one of that name.
    const named = options.example !== undefined && options.example in (p.examples ?? {});
    if (v !== undefined && (options.params?.[p.name] !== undefined || p.required || named))
      query.set(p.name, String(v));
  }
  const headers = new Headers(options.headers);
  let body: string | undefined;
  const [mediaType, media] = Object.entries<Json>(op.spec.requestBody?.content ?? {})[0] ?? [];
  if (mediaType) {
    const examples = media.examples ?? {};
    const chosen =
      options.body ??
      (options.example !== undefined && options.example in examples
        ? examples[options.example].value
        : Object.values<Json>(examples)[0]?.value);
    if (chosen !== undefined) {
      body =
        mediaType === "application/x-www-form-urlencoded"
          ? new URLSearchParams(chosen as Record<string, string>).toString()
          : JSON.stringify(chosen);
      if (!headers.has("content-type")) headers.set("content-type", mediaType);
    }
  }
  const search = query.size > 0 ? `?${query}` : "";
  return new Request(`${baseUrl}${basePathOf(oracle, op.api)}${path}${search}`, { method: op.method, headers, body });
}

/** The request with the valid credentials of its API. */
export async function authenticated(op: Operation, request: Request): Promise<Request> {
  // No security of its own: the spec's global one applies.
  const secured = op.spec.security === undefined || op.spec.security.some((s: Json) => Object.keys(s).length > 0);
  if (!secured || op.api === "sailpoint-oauth" || op.api === "stub-admin") return request;
  if (op.api === "customer-profiles")
    return signRequest(profileSigner({ region: "us-east-1", credentials: demoCredentials }), request);
  const headers = new Headers(request.headers);
  headers.set("authorization", `Bearer ${await token()}`);
  return new Request(request, { headers });
}

/** Sends an operation as its spec's examples describe it. */
export async function sendOperation(
  oracle: ContractOracle,
  baseUrl: string,
  op: Operation,
  options: SendOptions = {},
): Promise<Response> {
  const request = requestFor(oracle, baseUrl, op, options);
  const send = options.fetch ?? fetch;
  return send(options.credentials === "none" ? request : await authenticated(op, request));
}

/** A method the operation's path does not take: the first of these the spec does not give it. */
export function methodNotOnPath(oracle: ContractOracle, op: Pick<Operation, "api" | "path">): string {
  const taken = Object.keys(oracle.spec(op.api).paths[op.path]).map((m) => m.toUpperCase());
  return ["PATCH", "PUT", "POST", "DELETE", "GET"].find((m) => !taken.includes(m))!;
}
