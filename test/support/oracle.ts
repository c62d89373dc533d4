// An independent check of responses against the bundled specs. It shares no code with the server:
// it dereferences generated/*.openapi.json with @readme/openapi-parser and validates with its own Ajv,
// so it also covers what express-openapi-validator skips (5xx, headers, empty and non-JSON bodies).
import { readFileSync } from "node:fs";
import { dereference } from "@readme/openapi-parser";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { components } from "../../generated/stub-admin.d.ts";
import { listApis } from "../../scripts/apis.ts";

/** An API of the project, as the stub's health check names it. */
export type ApiName = components["schemas"]["ServedApi"]["name"];

/** Every API of the project, from redocly.yaml: adding one there adds it to every test that reads this. */
export const apiNames = listApis().map((api) => api.name as ApiName);

type Json = Record<string, any>;

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface OperationRef {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
}

export function specFile(api: ApiName): string {
  return new URL(`../../generated/${api}.openapi.json`, import.meta.url).pathname;
}

/**
 * An API's bundled spec as its file has it, parsed once per process (the fuzzer asks for its base
 * path and security scheme with every request it sends). Read it; never change it.
 */
function rawSpec(api: ApiName): Json {
  let spec = parsed.get(api);
  if (!spec) {
    spec = JSON.parse(readFileSync(specFile(api), "utf8")) as Json;
    parsed.set(api, spec);
  }
  return spec;
}
const parsed = new Map<ApiName, Json>();

/** What the stub puts before an API's paths: the path of the spec's loopback server URL (`/v3`), or "". */
export function localBasePath(api: ApiName): string {
  const servers: { url: string }[] = rawSpec(api).servers ?? [];
  const local = servers.find((s) => s.url.startsWith("http://127.0.0.1"));
  return local ? new URL(local.url).pathname.replace(/\/$/, "") : "";
}

/**
 * How an API's credentials are checked, which also says whose wire format its errors are in: the
 * name of the one security scheme its spec declares (sigv4, userAuth, clientSecretBasic, adminToken).
 */
export function securitySchemeOf(api: ApiName): string {
  const [scheme, ...others] = Object.keys(rawSpec(api).components?.securitySchemes ?? {});
  if (!scheme || others.length > 0) throw new Error(`${api} does not declare exactly one security scheme`);
  return scheme;
}

/**
 * What is wrong with Customer Profiles' answer to a request that names no operation: AWS's common
 * 404 UnknownOperationException with a Message, which the spec's description gives (no operation
 * can list it among its responses).
 */
export function unknownOperationProblems(response: { status: number; headers: Headers; body: string }): string[] {
  const name = response.headers.get("x-amzn-errortype");
  let message: unknown;
  try {
    message = JSON.parse(response.body).Message;
  } catch {
    message = undefined;
  }
  return response.status === 404 && name === "UnknownOperationException" && typeof message === "string"
    ? []
    : [`answered ${response.status} ${name}, not 404 UnknownOperationException with a Message`];
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation and documented status of an API, read straight from the bundled spec. */
export function documentedMatrix(api: ApiName): (OperationRef & { status: number })[] {
  const spec = rawSpec(api);
  const rows: (OperationRef & { status: number })[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths))
    for (const method of methods)
      if (item[method])
        for (const status of Object.keys(item[method].responses))
          rows.push({
            api,
            operationId: item[method].operationId,
            method: method.toUpperCase(),
            path,
            status: Number(status),
          });
  return rows;
}

export class ContractOracle {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<object, ValidateFunction>();

  private constructor(private readonly specs: Record<ApiName, Json>) {
    addFormats.default(this.ajv);
  }

  static async load(): Promise<ContractOracle> {
    const specs = {} as Record<ApiName, Json>;
    for (const api of apiNames) specs[api] = (await dereference(structuredClone(rawSpec(api)) as never)) as Json; // it dereferences in place
    return new ContractOracle(specs);
  }

  spec(api: ApiName): Json {
    return this.specs[api];
  }

  operation(api: ApiName, operationId: string): Json {
    for (const item of Object.values<Json>(this.specs[api].paths))
      for (const method of methods) if (item[method]?.operationId === operationId) return item[method];
    throw new Error(`${api} has no operation ${operationId}`);
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }

  private schemaProblems(schema: object, value: unknown, where: string): string[] {
    const validate = this.validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}`);
  }

  /** Everything about a response that breaks the spec; empty when it conforms. */
  check(api: ApiName, operationId: string, response: ObservedResponse): string[] {
    const documented = this.operation(api, operationId).responses[String(response.status)];
    if (!documented) return [`status ${response.status} is not documented for ${operationId}`];
    const problems: string[] = [];

    for (const [name, header] of Object.entries<Json>(documented.headers ?? {})) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      const typed = header.schema?.type === "integer" || header.schema?.type === "number" ? Number(value) : value;
      problems.push(...this.schemaProblems(header.schema ?? {}, typed, `header ${name}`));
    }

    const content = documented.content as Json | undefined;
    if (!content) {
      if (response.body.length > 0)
        problems.push(`status ${response.status} documents no body, got ${JSON.stringify(response.body.slice(0, 80))}`);
      return problems;
    }
    const contentType = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const media = contentType ? content[contentType] : undefined;
    if (!media)
      return [
        ...problems,
        `content type ${contentType ?? "(none)"} is not documented; expected ${Object.keys(content).join(", ")}`,
      ];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [...problems, `body is not JSON: ${JSON.stringify(response.body.slice(0, 80))}`];
    }
    return [...problems, ...this.schemaProblems(media.schema, body, "body")];
  }
}

/** Reads a fetch Response into the shape the oracle checks, leaving the original unread. */
export async function observe(response: Response): Promise<ObservedResponse> {
  return { status: response.status, headers: response.headers, body: await response.clone().text() };
}

/** A fetch to inject into clients that keeps every response exactly as it came off the wire. */
export function recordingFetch(): { fetch: typeof fetch; responses: ObservedResponse[] } {
  const responses: ObservedResponse[] = [];
  return {
    responses,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      responses.push(await observe(response));
      return response;
    },
  };
}
