// Spec-driven property checks of the stub, in the manner of Schemathesis: for every operation of
// every spec, generated requests (valid, invalid in exactly one way, without or with bad
// credentials, with an unsupported method) and the checks their answers must pass. Used by
// test/fuzz.test.ts (CI) and scripts/fuzz.ts (`npm run fuzz -- --runs N --seed S`).
import fc from "fast-check";
import { SignJWT } from "jose";
import { sigv4Signing } from "../../client/customer-profiles.ts";
import { isJsonMediaType } from "../../server/shared/media.ts";
import {
  apiNames,
  localBasePath,
  unknownOperationProblems,
  securitySchemeOf,
  type ApiName,
  type ContractOracle,
  type ObservedResponse,
} from "../support/oracle.ts";
import { demoCredentials } from "../support/stub.ts";
import { token } from "../support/tokens.ts";
import { mutations, valid, type Schema } from "./arbitraries.ts";

export interface FuzzTargets {
  /** A stub serving the three service APIs. */
  serviceUrl: string;
  /** A stub whose admin API requires `adminToken` (its faults and limits never touch the service stub). */
  adminUrl: string;
  adminToken: string;
  /** The body limit the stubs were started with. */
  bodyLimitBytes: number;
  /** How requests reach the stubs: over HTTP with fetch unless given (support/inject.ts sends them in process). */
  send?: (request: globalThis.Request) => Promise<ObservedResponse>;
}

export interface FuzzOptions {
  /** Cases per operation: half valid, half invalid, a quarter more without or with bad credentials. */
  runs: number;
  seed: number;
}

type Credentials = "valid" | "none" | "malformed" | "wrong";

interface Operation {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  /** Path and query parameters; a query parameter that is not required is sometimes left out. */
  params: { name: string; in: "path" | "query"; required: boolean; schema: Schema; examples: unknown[] }[];
  body?: { mediaType: string; schema: Schema; examples: unknown[] };
  responses: Record<string, unknown>;
  /** The names of its request examples (of its parameters and its body). */
  requestExamples: string[];
  /** The spec gives it `security: []` and it takes no credentials at all, so bad ones change nothing. */
  anonymous: boolean;
}

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const httpMethods = ["GET", "PUT", "POST", "DELETE", "PATCH"];
/**
 * Operations that check more than the schema: references between records (replaceStubState), and
 * client credentials, which may be in the form or in HTTP Basic (createAccessToken). Beside these,
 * any operation whose spec pairs a request example (input the schema takes) with a 400 example of
 * invalid input checks more than the schema: `refusesValidInput` reads that from the spec.
 */
const semanticallyChecked = new Set(["replaceStubState", "addStubFault", "createAccessToken"]);

/** The spec shows input its schema takes refused as invalid: a request example paired with a 400 example. */
function refusesValidInput(op: Operation): boolean {
  const response = op.responses["400"] as any;
  const refused = Object.entries<any>(response?.content?.["application/json"]?.examples ?? {});
  // The headers the 400 documents as constants (AWS's x-amzn-ErrorType), as the example would be sent.
  const headers = new Headers(
    Object.entries<any>(response?.headers ?? {}).flatMap(([name, h]) =>
      h.schema?.const === undefined ? [] : [[name, String(h.schema.const)] as [string, string]],
    ),
  );
  return refused.some(
    ([name, example]) =>
      op.requestExamples.includes(name) &&
      rejectedAsInvalid(op, { status: 400, headers, body: JSON.stringify(example.value) }),
  );
}

export function operationsOf(oracle: ContractOracle): Operation[] {
  return apiNames.flatMap((api) =>
    Object.entries<any>(oracle.spec(api).paths).flatMap(([path, item]) =>
      Object.entries<any>(item)
        .filter(([m]) => httpMethods.includes(m.toUpperCase()))
        .map(([m, op]) => {
          const [mediaType, media] = Object.entries<any>(op.requestBody?.content ?? {})[0] ?? [];
          return {
            api,
            operationId: op.operationId,
            method: m.toUpperCase(),
            path,
            params: (op.parameters ?? [])
              .filter((p: any) => p.in === "path" || p.in === "query")
              .map((p: any) => ({
                name: p.name,
                in: p.in,
                required: p.in === "path" || p.required === true,
                schema: p.schema,
                examples: Object.values<any>(p.examples ?? {}).map((e) => e.value),
              })),
            body: mediaType
              ? {
                  mediaType,
                  schema: media.schema,
                  examples: Object.values<any>(media.examples ?? {}).map((e) => e.value),
                }
              : undefined,
            responses: op.responses,
            requestExamples: [
              ...(op.parameters ?? []).flatMap((p: any) => Object.keys(p.examples ?? {})),
              ...Object.keys(media?.examples ?? {}),
            ],
            // The token endpoint declares no security scheme either: its credentials are the
            // form's client_id and client_secret.
            anonymous: api !== "sailpoint-oauth" && Array.isArray(op.security) && op.security.length === 0,
          };
        }),
    ),
  );
}

/** A body in its media type: JSON for a JSON type, else a form. */
function serialize(mediaType: string, value: unknown): string {
  return isJsonMediaType(mediaType)
    ? JSON.stringify(value)
    : new URLSearchParams(value as Record<string, string>).toString();
}

/** A request for the operation from its parameters and a body, before credentials. */
function build(
  targets: FuzzTargets,
  op: Operation,
  params: Record<string, unknown>,
  body: string | undefined,
  contentType = op.body?.mediaType,
): Request {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = new URLSearchParams();
  for (const p of op.params)
    if (p.in === "query" && params[p.name] !== undefined) query.set(p.name, String(params[p.name]));
  const search = query.size > 0 ? `?${query}` : "";
  const base = op.api === "stub-admin" ? targets.adminUrl : targets.serviceUrl;
  const headers: Record<string, string> = body !== undefined && contentType ? { "content-type": contentType } : {};
  return { method: op.method, url: `${base}${localBasePath(op.api)}${path}${search}`, headers, body };
}

const forgedKey = new TextEncoder().encode("a-key-the-stub-does-not-know-0123456789");

/** Adds credentials of the API's kind: valid, none, malformed or wrong. */
async function withCredentials(
  targets: FuzzTargets,
  op: Operation,
  request: Request,
  credentials: Credentials,
): Promise<globalThis.Request> {
  const headers = { ...request.headers };
  const init = { method: request.method, headers, body: request.body };
  switch (securitySchemeOf(op.api)) {
    case "sigv4": {
      if (credentials === "malformed") headers.authorization = "AWS4-HMAC-SHA256 Credential=garbage";
      if (credentials === "valid" || credentials === "wrong") {
        const signer = sigv4Signing({
          region: "us-east-1",
          credentials: {
            ...demoCredentials,
            secretAccessKey: credentials === "valid" ? demoCredentials.secretAccessKey : "wrong",
          },
        });
        return (await signer.onRequest!({ request: new Request(request.url, init) } as never)) as globalThis.Request;
      }
      break;
    }
    case "userAuth":
      if (credentials === "valid") headers.authorization = `Bearer ${await token()}`;
      if (credentials === "malformed") headers.authorization = "Bearer not-a-jwt";
      if (credentials === "wrong")
        headers.authorization = `Bearer ${await new SignJWT({ client_id: "org-admin", authorities: ["ORG_ADMIN"], scope: ["sp:scopes:all"] }).setProtectedHeader({ alg: "HS256" }).setIssuer("contract-stub").setExpirationTime("1h").sign(forgedKey)}`;
      break;
    case "adminToken":
      if (credentials === "valid") headers.authorization = `Bearer ${targets.adminToken}`;
      if (credentials === "malformed") headers.authorization = "Basic Zm9vOmJhcg==";
      if (credentials === "wrong") headers.authorization = "Bearer not-the-admin-token";
      break;
    case "clientSecretBasic":
      // Credentials travel in the form; `wrong` replaces the secret, `none` drops it.
      if (credentials !== "valid" && request.body !== undefined) {
        const form = new URLSearchParams(request.body);
        if (credentials === "none") form.delete("client_secret");
        else form.set("client_secret", "wrong-secret");
        init.body = form.toString();
      }
      break;
  }
  return new Request(request.url, init);
}

async function overHttp(request: globalThis.Request): Promise<ObservedResponse> {
  const response = await fetch(request);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The statuses with which each kind of API (by its security scheme) refuses missing or bad credentials. */
const authRefusals: Record<string, number[]> = {
  sigv4: [403],
  userAuth: [401],
  adminToken: [401],
  // A token request without a secret is an invalid form (400); with a wrong one, invalid_client (401).
  clientSecretBasic: [400, 401],
};

/** Whether an answer is the API's "your input is invalid" (as opposed to not found, in use, …). */
function rejectedAsInvalid(op: Operation, response: ObservedResponse): boolean {
  if (response.status !== 400) return false;
  const body = JSON.parse(response.body);
  switch (securitySchemeOf(op.api)) {
    case "sigv4":
      return response.headers.get("x-amzn-errortype") === "BadRequestException";
    case "userAuth":
      return body.detailCode === "400.1 Bad Request Content";
    case "clientSecretBasic":
      return body.error === "invalid_request";
    default:
      return true;
  }
}

function describeRequest(request: Request): string {
  return `${request.method} ${request.url}${request.body !== undefined ? ` ${request.headers["content-type"]} ${request.body.slice(0, 300)}` : ""}`;
}

/** Checks every answer must pass: no 5xx, a documented status, content type, headers and body. */
function expectConforms(oracle: ContractOracle, op: Operation, request: Request, response: ObservedResponse): void {
  const where = `${op.operationId}: ${describeRequest(request)} → ${response.status} ${response.body.slice(0, 300)}`;
  if (response.status >= 500) throw new Error(`unexpected ${response.status}: ${where}`);
  const problems = oracle.check(op.api, op.operationId, response);
  if (problems.length > 0) throw new Error(`${problems.join("; ")}: ${where}`);
}

/** Generated values, mixed (as Schemathesis does) with the spec's own examples, which reach existing records. */
function withExamples(schema: Schema, examples: unknown[]): fc.Arbitrary<unknown> {
  return examples.length > 0
    ? fc.oneof({ weight: 2, arbitrary: valid(schema) }, { weight: 1, arbitrary: fc.constantFrom(...examples) })
    : valid(schema);
}

// A path segment "." or ".." is resolved away by every URL parser (WHATWG's, RFC 3986's), "%2E" too:
// no client can send one as a path parameter, so none is generated.
const dotSegment = (v: unknown) => v === "." || v === "..";
const paramsArbitrary = (op: Operation) =>
  fc.record(
    Object.fromEntries(
      op.params.map((p) => [
        p.name,
        p.in === "path"
          ? withExamples(p.schema, p.examples).filter((v) => !dotSegment(v))
          : withExamples(p.schema, p.examples),
      ]),
    ),
    {
      requiredKeys: op.params.filter((p) => p.required).map((p) => p.name),
    },
  ) as fc.Arbitrary<Record<string, string>>;

function validRequests(targets: FuzzTargets, op: Operation): fc.Arbitrary<Request> {
  const body = op.body
    ? withExamples(op.body.schema, op.body.examples).map((v) => serialize(op.body!.mediaType, v))
    : fc.constant(undefined);
  return fc.tuple(paramsArbitrary(op), body).map(([params, b]) => build(targets, op, params, b));
}

function invalidRequests(
  targets: FuzzTargets,
  op: Operation,
): fc.Arbitrary<{ breaks: string; request: Request }> | undefined {
  const cases: fc.Arbitrary<{ breaks: string; request: Request }>[] = [];
  const params = paramsArbitrary(op);
  // Path parameters that break their own constraints.
  for (const p of op.params.filter((p) => p.in === "path")) {
    if (p.schema.maxLength !== undefined)
      cases.push(
        fc.tuple(params, op.body ? valid(op.body.schema) : fc.constant(undefined)).map(([ps, b]) => ({
          breaks: `maxLength of ${p.name}`,
          request: build(
            targets,
            op,
            { ...ps, [p.name]: "a".repeat(p.schema.maxLength + 1) },
            b === undefined ? undefined : serialize(op.body!.mediaType, b),
          ),
        })),
      );
    if (p.schema.pattern)
      cases.push(
        fc.tuple(params, op.body ? valid(op.body.schema) : fc.constant(undefined)).map(([ps, b]) => ({
          breaks: `pattern of ${p.name}`,
          request: build(
            targets,
            op,
            { ...ps, [p.name]: `!${ps[p.name]!.slice(1)}` },
            b === undefined ? undefined : serialize(op.body!.mediaType, b),
          ),
        })),
      );
  }
  // Bodies larger than the limit are refused before parsing, whatever the operation (fetch sends no body with GET).
  if (op.method !== "GET")
    cases.push(
      params.map((ps) => ({
        breaks: "body size limit",
        request: build(
          targets,
          op,
          ps,
          JSON.stringify({ padding: "x".repeat(targets.bodyLimitBytes + 1) }),
          op.body?.mediaType ?? "application/json",
        ),
      })),
    );
  if (op.body) {
    const { mediaType, schema } = op.body;
    const list = mutations(schema).filter(
      (m) => isJsonMediaType(mediaType) || !/^(type|enum|maximum|minimum) of/.test(m.breaks),
    );
    if (list.length > 0)
      cases.push(
        fc.tuple(params, valid(schema), fc.constantFrom(...list)).map(([ps, value, m]) => ({
          breaks: m.breaks,
          request: build(targets, op, ps, serialize(mediaType, m.apply(value as Record<string, unknown>))),
        })),
      );
    cases.push(
      fc.tuple(params, valid(schema)).map(([ps, value]) => ({
        breaks: "content type",
        request: build(
          targets,
          op,
          ps,
          serialize(mediaType, value),
          isJsonMediaType(mediaType) ? "text/plain" : "application/json",
        ),
      })),
    );
    if (isJsonMediaType(mediaType))
      cases.push(
        fc.tuple(params, valid(schema)).map(([ps, value]) => ({
          breaks: "well-formed JSON",
          request: build(targets, op, ps, JSON.stringify(value).slice(0, -1) || "{"),
        })),
      );
  }
  return cases.length > 0 ? fc.oneof(...cases) : undefined;
}

export interface FuzzReport {
  operationId: string;
  property: string;
  runs: number;
}

/** Runs every property of every operation; throws (with fast-check's seed and shrunk case) on the first failure. */
export async function fuzzContract(
  oracle: ContractOracle,
  targets: FuzzTargets,
  options: FuzzOptions,
  onProperty?: (r: FuzzReport) => void,
): Promise<void> {
  const half = Math.ceil(options.runs / 2);
  const quarter = Math.ceil(options.runs / 4);
  const params = (numRuns: number) => ({ numRuns, seed: options.seed, endOnFailure: false });
  const operations = operationsOf(oracle);
  const send = targets.send ?? overHttp;

  for (const op of operations) {
    await fc.assert(
      fc.asyncProperty(validRequests(targets, op), async (request) => {
        const response = await send(await withCredentials(targets, op, request, "valid"));
        expectConforms(oracle, op, request, response);
        if (!semanticallyChecked.has(op.operationId) && !refusesValidInput(op) && rejectedAsInvalid(op, response))
          throw new Error(
            `valid input rejected as invalid: ${describeRequest(request)} → ${response.body.slice(0, 300)}`,
          );
      }),
      params(half),
    );
    onProperty?.({ operationId: op.operationId, property: "valid input is served as documented", runs: half });

    const invalid = invalidRequests(targets, op);
    if (invalid) {
      await fc.assert(
        fc.asyncProperty(invalid, async ({ breaks, request }) => {
          const response = await send(await withCredentials(targets, op, request, "valid"));
          expectConforms(oracle, op, request, response);
          if (!rejectedAsInvalid(op, response))
            throw new Error(
              `input breaking ${breaks} was not rejected with the documented 400: ${describeRequest(request)} → ${response.status} ${response.body.slice(0, 300)}`,
            );
        }),
        params(half),
      );
      onProperty?.({
        operationId: op.operationId,
        property: "invalid input is rejected with the documented 400",
        runs: half,
      });
    }

    await fc.assert(
      fc.asyncProperty(
        validRequests(targets, op),
        fc.constantFrom<Credentials>("none", "malformed", "wrong"),
        async (request, credentials) => {
          const response = await send(await withCredentials(targets, op, request, credentials));
          expectConforms(oracle, op, request, response);
          if (op.anonymous) {
            if (response.status >= 300)
              throw new Error(
                `an operation without security refused ${credentials} credentials: ${describeRequest(request)} → ${response.status} ${response.body.slice(0, 200)}`,
              );
          } else if (!authRefusals[securitySchemeOf(op.api)]!.includes(response.status))
            throw new Error(
              `${credentials} credentials were not refused (${authRefusals[securitySchemeOf(op.api)]!.join(" or ")}): ${describeRequest(request)} → ${response.status} ${response.body.slice(0, 200)}`,
            );
        },
      ),
      params(quarter),
    );
    onProperty?.({
      operationId: op.operationId,
      property: op.anonymous ? "credentials, good or bad, are not asked for" : "no or bad credentials never succeed",
      runs: quarter,
    });
  }

  // An unsupported method on a known path gets an answer the API documents, in its shape: a 405
  // with Allow where the API's spec documents one; for Customer Profiles, AWS's common 404
  // UnknownOperationException, which its spec's description gives (no operation can list it).
  for (const path of new Set(operations.map((o) => `${o.api} ${o.path}`))) {
    const onPath = operations.filter((o) => `${o.api} ${o.path}` === path);
    const op = onPath[0]!;
    const unsupported = httpMethods.filter((m) => !onPath.some((o) => o.method === m));
    await fc.assert(
      fc.asyncProperty(validRequests(targets, op), fc.constantFrom(...unsupported), async (request, method) => {
        const other = { ...request, method, body: method === "GET" ? undefined : request.body };
        const response = await send(await withCredentials(targets, op, other, "valid"));
        if (securitySchemeOf(op.api) === "sigv4") {
          const [problem] = unknownOperationProblems(response);
          if (problem) throw new Error(`${method} ${path} ${problem}`);
          return;
        }
        if (
          response.status === 405 &&
          response.headers.get("allow") !==
            onPath
              .map((o) => o.method)
              .concat(onPath.some((o) => o.method === "GET") ? ["HEAD"] : [])
              .sort()
              .join(", ")
        )
          throw new Error(`${method} ${path} answered 405 with Allow: ${response.headers.get("allow")}`);
        const documenting = operations.find((o) => o.api === op.api && String(response.status) in o.responses);
        if (!documenting || response.status < 400)
          throw new Error(
            `${method} ${path} answered ${response.status}, which ${op.api} does not document as an error`,
          );
        expectConforms(oracle, documenting, other, response);
      }),
      params(Math.max(20, Math.ceil(options.runs / 20))),
    );
    onProperty?.({
      operationId: op.operationId,
      property: "unsupported methods get a documented error",
      runs: Math.max(20, Math.ceil(options.runs / 20)),
    });
  }
}
