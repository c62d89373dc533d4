// The cases, read from the spec: for every documented response of every operation, the request that
// provokes it without changing anything on the target, or why none can. Safe cases name things that
// cannot exist (fresh values each schema accepts), so that even a target that answered them wrongly
// would change nothing. Example cases are the spec's own named request examples that succeed or
// depend on the target's state, with values the user's fixtures give: a read (GET, HEAD) changes
// nothing and runs whenever its fixture is given; anything else (a delete, an access profile in use)
// is destructive and runs only when asked. A successful delete (a DELETE, or an operation named
// Delete…) is followed by the same request again, which must not find what it deleted.
import { isJsonMediaType } from "../shared/media.ts";
import { deref, documentedOperations, operationObject, type DocumentedOperation, type Json } from "../shared/spec.ts";
import { randomBytes } from "node:crypto";
import { type ArrangedCall, type Arrangement, type Location, templateProblem } from "./arrange.ts";
import { breakingValue, freshValue, type Schema, type SchemaChecker } from "./schemas.ts";

/** What a request carries besides credentials: its path and query parameters and JSON body. */
export interface RequestShape {
  path: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** The body's media type, as the spec gives it: `application/json`, or a JSON one such as `application/json-patch+json`. */
  contentType?: string;
}

export type Credentials = "valid" | "none" | "wrong" | "forbidden" | "userless";

export type CaseKind =
  | "without credentials"
  | "wrong credentials"
  | "forbidden"
  | "userless"
  | "invalid"
  | "not found"
  | "example"
  | "again"
  | "read"
  | "not verifiable";

export interface PlannedCase {
  /** `<operationId> <status> <title>`, unique in a run. */
  id: string;
  operationId: string;
  method: string;
  /** The path template, e.g. `/access-profiles/{id}`. */
  pathTemplate: string;
  /** The documented status this case expects. */
  status: number;
  kind: CaseKind;
  title: string;
  credentials: Credentials;
  /** Undefined for a case that cannot be sent at all. */
  request?: RequestShape;
  /** It changes the target when it succeeds. */
  destructive: boolean;
  /** The spec's example whose error code the answer must carry, when one is named. */
  example?: string;
  /** Why the case is not sent (skipped, or not verifiable); undefined when it is. */
  skip?: string;
  /** A case that must have passed before this one is sent. */
  after?: string;
  /** The case's own request is that case's, as it was sent (its provisioned path included). */
  sameRequestAs?: string;
  /** What the verifier creates first, through the spec's links, to fill in the case's path parameters. */
  provision?: Provision;
  /** What the verifier makes first through the calls the example describes (`x-contract-stubs-arrange`). */
  arrange?: Arrangement;
  /** The case creates something (a create's success): how to delete it when the run ends. */
  cleanup?: LinkedCall;
}

/**
 * Where a link reads a value: a JSON pointer into the create's answer (`/id`, from
 * `$response.body#/id`), or `$request.path.<name>`, the create's own path parameter of that name.
 */
export type LinkSource = string;

/** An operation a link leads to, each of its path parameters read from a create. */
export interface LinkedCall {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** Path parameter name → where the link reads its value. */
  parameters: Record<string, LinkSource>;
}

/** A create sent before a case, whose answer names what the case acts on. */
export interface Provision extends LinkedCall {
  request: RequestShape;
  /** The status the create answers with when it succeeds. */
  status: number;
  /** How to delete what it made, if the case does not. */
  cleanup?: LinkedCall;
}

/** The prefix of every name the verifier gives what it creates, so that a person can tell them apart. */
export const provisionedPrefix = "contract-stubs-verify-";

/** A new name of the verifier's: `contract-stubs-verify-<8 hex digits>`. */
export const verifierName = () => `${provisionedPrefix}${randomBytes(4).toString("hex")}`;

/**
 * Values for the example cases, by operationId, then by the name of the spec's request example they
 * stand in for: `{"deleteAccessProfile": {"Deleted": {"id": "…"}}}`.
 */
export type Fixtures = Record<string, Record<string, Record<string, unknown>>>;

/** HTTP's safe methods (RFC 9110, section 9.2.1): a success of theirs changes nothing. */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface PlanOptions {
  /**
   * Run the destructive cases: with fixtures, or, for an example the spec's links let the verifier
   * make (a create's success, a read or delete of what a create made), with what it creates itself.
   */
  destructive: boolean;
  fixtures?: Fixtures;
  /** Path parameter values every example uses but the one named `<name>NotFound` (see VerifyOptions). */
  pathValues?: Record<string, string>;
  /** Credentials without the operation's authority were given. */
  forbidden: boolean;
  /** An API client of no user was given. */
  userless?: boolean;
}

/** The 403 example of an operation that takes only a user's token: the case a user-less client's token makes. */
export const userlessExample = "UserlessToken";

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Schema;
  examples: Record<string, unknown>;
}

interface OperationShape {
  operation: DocumentedOperation;
  parameters: Parameter[];
  bodySchema?: Schema;
  /** The spec's named request examples: each parameter's and the body's example of that name. */
  examples: Map<string, RequestShape>;
  /** The documented status each named example is answered with. */
  exampleStatus: Map<string, number>;
  /** The `x-contract-stubs-arrange` of each named example that has one. */
  arranges: Map<string, Json>;
}

function shapeOf(spec: Json, operation: DocumentedOperation): OperationShape {
  const raw = operationObject(spec, operation);
  const parameters: Parameter[] = ((raw.parameters ?? []) as Json[]).map((p) => {
    const parameter = deref(spec, p);
    const examples = Object.fromEntries(
      Object.entries((parameter.examples ?? {}) as Json).map(([name, ex]) => [name, deref(spec, ex).value]),
    );
    return {
      name: String(parameter.name),
      in: String(parameter.in),
      required: parameter.required === true,
      schema: deref(spec, parameter.schema ?? {}),
      examples,
    };
  });
  const content = (deref(spec, raw.requestBody ?? {}).content ?? {}) as Record<string, Json>;
  const contentType = Object.keys(content).find(isJsonMediaType);
  const media = contentType === undefined ? undefined : content[contentType];
  const bodyExamples = Object.fromEntries(
    Object.entries((media?.examples ?? {}) as Json).map(([name, ex]) => [name, deref(spec, ex).value]),
  );
  const arranges = new Map<string, Json>();
  const exampleObjects = [
    ...Object.entries((media?.examples ?? {}) as Json),
    ...((raw.parameters ?? []) as Json[]).flatMap((p) => Object.entries((deref(spec, p).examples ?? {}) as Json)),
  ];
  for (const [name, ex] of exampleObjects) {
    const arrange = deref(spec, ex)[arrangeExtension];
    if (arrange !== undefined) arranges.set(name, arrange as Json);
  }
  const names = new Set([...Object.keys(bodyExamples), ...parameters.flatMap((p) => Object.keys(p.examples))]);
  const examples = new Map<string, RequestShape>();
  for (const name of names) {
    const path = Object.fromEntries(
      parameters.filter((p) => p.in === "path").map((p) => [p.name, String(p.examples[name] ?? "")]),
    );
    const query = Object.fromEntries(
      parameters.filter((p) => p.in === "query" && name in p.examples).map((p) => [p.name, String(p.examples[name])]),
    );
    const body = bodyExamples[name] as Record<string, unknown> | undefined;
    const shape: RequestShape = Object.keys(query).length > 0 ? { path, query } : { path };
    examples.set(name, media ? { ...shape, body: structuredClone(body ?? {}), contentType } : shape);
  }
  const exampleStatus = new Map<string, number>();
  for (const [code, response] of Object.entries(raw.responses as Json)) {
    const resolved = deref(spec, response);
    const named = [
      ...((resolved["x-microcks-refs"] ?? []) as string[]),
      ...Object.values((resolved.content ?? {}) as Record<string, Json>).flatMap((m) => Object.keys(m.examples ?? {})),
    ];
    for (const name of named) if (examples.has(name)) exampleStatus.set(name, Number(code));
  }
  return {
    operation,
    parameters,
    bodySchema: media ? deref(spec, media.schema ?? {}) : undefined,
    examples,
    exampleStatus,
    arranges,
  };
}

/**
 * The spec's links from a create's success: for each operation a create's answer leads to, the
 * create (its operation, its example answered with that success, and the link's pointers).
 */
interface Creator {
  operation: DocumentedOperation;
  shape: OperationShape;
  example: string;
  status: number;
  /** Link target operationId → path parameter name → where the link reads its value. */
  links: Map<string, Record<string, LinkSource>>;
}

function creatorsOf(spec: Json, shapes: Map<string, OperationShape>): Map<string, Creator> {
  const byTarget = new Map<string, Creator>();
  for (const shape of shapes.values()) {
    const { operation } = shape;
    if (operation.method !== "POST" && operation.method !== "PUT") continue;
    const raw = operationObject(spec, operation);
    for (const [code, response] of Object.entries(raw.responses as Json)) {
      const status = Number(code);
      if (status < 200 || status >= 300) continue;
      const example = [...shape.exampleStatus].find(([, s]) => s === status)?.[0];
      const links = new Map<string, Record<string, LinkSource>>();
      for (const link of Object.values((deref(spec, response).links ?? {}) as Record<string, Json>)) {
        const resolved = deref(spec, link);
        if (typeof resolved.operationId === "string") links.set(resolved.operationId, linkSources(resolved.parameters));
      }
      if (example === undefined || links.size === 0) continue;
      const creator = { operation, shape, example, status, links };
      for (const target of links.keys()) byTarget.set(target, creator);
      byTarget.set(operation.operationId, creator);
    }
  }
  return byTarget;
}

/** A link's runtime expressions the verifier can follow: into the create's answer, or its own path. */
function linkSources(expressions: unknown): Record<string, LinkSource> {
  if (!expressions || typeof expressions !== "object") return {};
  return Object.fromEntries(
    Object.entries(expressions as Record<string, unknown>).flatMap(([name, expression]) => {
      const text = String(expression);
      const answer = /^\$response\.body#(\/.*)$/.exec(text);
      if (answer) return [[name, answer[1]!]];
      return /^\$request\.path\.[^.]+$/.test(text) ? [[name, text]] : [];
    }),
  );
}

/**
 * An operation that deletes: a DELETE, or an operation named so (AWS's deletes are POSTs to a
 * path ending in `/delete`, their names starting with `Delete`).
 */
export function isDelete(operation: Pick<DocumentedOperation, "method" | "operationId">): boolean {
  return operation.method === "DELETE" || /^[Dd]elete[A-Z]/.test(operation.operationId);
}

/**
 * The create's example request, the fixture's values over it, every string a name of the
 * verifier's: the body's strings, and the path parameters its answer names back (a PUT's
 * `{ObjectTypeName}`, which a link reads from the answer), as those name what is made.
 */
function createRequest(
  spec: Json,
  checker: SchemaChecker,
  creator: Creator,
  values: Record<string, unknown> | undefined,
): RequestShape {
  const request = withFixture(creator.shape, creator.shape.examples.get(creator.example)!, values ?? {});
  const named = verifierName;
  for (const [name, schema] of bodyStrings(spec, creator.shape)) {
    if (typeof request.body?.[name] !== "string") continue;
    const name_ = named();
    if (checker.accepts(schema, name_)) request.body[name] = name_;
  }
  const namedBack = new Set(
    [...creator.links.values()].flatMap((l) =>
      Object.entries(l).flatMap(([name, source]) => (source.startsWith("/") ? [name] : [])),
    ),
  );
  for (const parameter of creator.shape.parameters) {
    if (parameter.in !== "path" || !namedBack.has(parameter.name) || values?.[parameter.name] !== undefined) continue;
    const name_ = named();
    if (checker.accepts(parameter.schema, name_)) request.path[parameter.name] = name_;
  }
  return request;
}

/** The call a creator's link makes to an operation, for deleting what it made. */
function deleteLink(creator: Creator, operations: Map<string, DocumentedOperation>): LinkedCall | undefined {
  for (const [operationId, parameters] of creator.links) {
    const operation = operations.get(operationId);
    if (operation && isDelete(operation))
      return { operationId, method: operation.method, pathTemplate: operation.path, parameters };
  }
  return undefined;
}

/** The extension of a request example that says how the verifier makes what the example acts on. */
export const arrangeExtension = "x-contract-stubs-arrange";

/** One call an arrangement names: an operation's example, with values over it. */
interface CallSpec {
  operationId: string;
  example: string;
  values?: Record<string, string>;
}

/** An `x-contract-stubs-arrange`, as written in the spec. */
interface ArrangeSpec {
  steps?: CallSpec[];
  values?: Record<string, string>;
  cleanup?: CallSpec;
}

function locationsOf(shape: OperationShape, values: Record<string, string>): Record<string, Location> {
  return Object.fromEntries(
    Object.keys(values).map((name) => {
      const where = shape.parameters.find((p) => p.name === name)?.in;
      return [name, where === "path" || where === "query" ? where : "body"];
    }),
  );
}

/** A call of an operation's example with values over it; a spec that names what is not there is an error. */
function arrangedCall(plan: OperationPlan, call: CallSpec, where: string): ArrangedCall {
  const operation = plan.operations.get(call.operationId);
  const shape = plan.shapes.get(call.operationId);
  if (!operation || !shape?.examples.has(call.example))
    throw new Error(
      `${where}: ${arrangeExtension} names ${call.operationId} example ${call.example}, which the spec lacks`,
    );
  const values = call.values ?? {};
  for (const template of Object.values(values)) {
    const problem = templateProblem(String(template));
    if (problem) throw new Error(`${where}: ${arrangeExtension}: ${problem}`);
  }
  return {
    operationId: call.operationId,
    method: operation.method,
    pathTemplate: operation.path,
    request: structuredClone(shape.examples.get(call.example)!),
    values,
    locations: locationsOf(shape, values),
  };
}

/** A link's delete as a call: each path parameter read from the create it undoes. */
function linkCleanup(link: LinkedCall): ArrangedCall {
  return {
    operationId: link.operationId,
    method: link.method,
    pathTemplate: link.pathTemplate,
    request: { path: {} },
    values: Object.fromEntries(
      Object.entries(link.parameters).map(([name, source]) => [
        name,
        source.startsWith("/") ? `{$response.body#${source}}` : `{${source}}`,
      ]),
    ),
    locations: Object.fromEntries(Object.keys(link.parameters).map((name) => [name, "path" as const])),
  };
}

/**
 * The calls that make an example's request, in order, the example's own last: each call's own
 * arrangement first; a create the spec's links lead from as the verifier makes it (its names the
 * verifier's, its delete the link's); any other example as it is.
 */
function callsOf(plan: OperationPlan, call: CallSpec, seen: string[]): ArrangedCall[] {
  const key = `${call.operationId} example ${call.example}`;
  if (seen.includes(key)) throw new Error(`${seen[0]}: ${arrangeExtension} goes round: ${[...seen, key].join(" → ")}`);
  const arrange = plan.shapes.get(call.operationId)?.arranges.get(call.example) as ArrangeSpec | undefined;
  const before = (arrange?.steps ?? []).flatMap((step) => callsOf(plan, step, [...seen, key]));
  const own = arrangedCall(plan, { ...call, values: { ...arrange?.values, ...call.values } }, seen[0] ?? key);
  if (arrange?.cleanup) own.cleanup = arrangedCall(plan, arrange.cleanup, seen[0] ?? key);
  const creator = plan.creators.get(call.operationId);
  if (!arrange && creator?.operation.operationId === call.operationId && creator.example === call.example) {
    own.request = createRequest(plan.spec, plan.checker, creator, undefined);
    const link = deleteLink(creator, plan.operations);
    if (link) own.cleanup = linkCleanup(link);
  }
  return [...before, own];
}

/** How the verifier makes what an example acts on, when the example says (`x-contract-stubs-arrange`). */
function arrangementOf(plan: OperationPlan, example: string): Arrangement | undefined {
  if (!plan.shape.arranges.has(example)) return undefined;
  const calls = callsOf(plan, { operationId: plan.operation.operationId, example }, []);
  const own = calls.pop()!;
  // Every call acts where the case does: a path parameter it shares with the case (Customer
  // Profiles' DomainName) has the case's value.
  for (const call of calls)
    for (const name of Object.keys(call.request.path))
      if (name in own.request.path && !(name in call.values)) call.request.path[name] = own.request.path[name]!;
  return { steps: calls, values: own.values, locations: own.locations, cleanup: own.cleanup };
}

/** The body's top-level properties a request sends (not the read-only ones), with their schemas. */
function bodyProperties(spec: Json, shape: OperationShape): [string, Schema][] {
  const properties = (shape.bodySchema?.properties ?? {}) as Record<string, unknown>;
  return Object.entries(properties)
    .map(([name, schema]) => [name, deref(spec, schema)] as [string, Schema])
    .filter(([, schema]) => schema.readOnly !== true);
}

/** The body's top-level string properties a request sends (not the read-only ones), with their schemas. */
function bodyStrings(spec: Json, shape: OperationShape): [string, Schema][] {
  return bodyProperties(spec, shape).filter(([, schema]) => schema.type === "string");
}

/**
 * The spec's first request example with every identifier (each path parameter, each string in the
 * body) replaced by a fresh value its schema accepts; undefined, with the one no value was found
 * for, when that cannot be done.
 */
function freshRequest(spec: Json, checker: SchemaChecker, shape: OperationShape): RequestShape | { missing: string } {
  const [template] = shape.examples.values();
  const request: RequestShape = structuredClone(template ?? { path: {} });
  for (const parameter of shape.parameters.filter((p) => p.in === "path")) {
    const value = freshValue(checker, parameter.schema);
    if (value === undefined) return { missing: parameter.name };
    request.path[parameter.name] = value;
  }
  if (shape.bodySchema) {
    request.body ??= {};
    const required = (shape.bodySchema.required ?? []) as string[];
    for (const [name, schema] of bodyStrings(spec, shape)) {
      // The strings the example sends, and those every request must: an optional one stays out.
      if (!(name in request.body) && !required.includes(name)) continue;
      const value = freshValue(checker, schema);
      if (value === undefined) return { missing: name };
      request.body[name] = value;
    }
  }
  return request;
}

/** The fresh request with one constraint broken: a body property first, else a path, else a query parameter. */
function invalidRequest(
  spec: Json,
  checker: SchemaChecker,
  shape: OperationShape,
  fresh: RequestShape,
): { request: RequestShape; what: string } | undefined {
  for (const [name, schema] of bodyStrings(spec, shape)) {
    const broken = breakingValue(checker, schema, { emptyAllowed: true });
    if (broken)
      return {
        request: { ...fresh, body: { ...fresh.body, [name]: broken.value } },
        what: `${name} breaking ${broken.breaks}`,
      };
  }
  for (const parameter of shape.parameters.filter((p) => p.in === "path")) {
    const broken = breakingValue(checker, parameter.schema, { emptyAllowed: false });
    if (broken)
      return {
        request: { ...fresh, path: { ...fresh.path, [parameter.name]: broken.value } },
        what: `${parameter.name} breaking ${broken.breaks}`,
      };
  }
  // An empty query value is not tried: a server may read it as the parameter left out.
  for (const parameter of shape.parameters.filter((p) => p.in === "query")) {
    const broken = breakingValue(checker, parameter.schema, { emptyAllowed: false });
    if (broken)
      return {
        request: { ...fresh, query: { ...fresh.query, [parameter.name]: broken.value } },
        what: `${parameter.name} breaking ${broken.breaks}`,
      };
  }
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks fixtures against the spec: every key an operationId, every name one of its request
 * examples, every value one its schema takes. Fixtures keyed by example name alone (the form
 * before operations were more than one per API) are refused, naming the form to use.
 */
export function fixtureProblems(spec: Json, checker: SchemaChecker, fixtures: Fixtures): string[] {
  const problems: string[] = [];
  const shapes = new Map([...documentedOperations(spec).values()].map((op) => [op.operationId, shapeOf(spec, op)]));
  for (const [operationId, examples] of Object.entries(fixtures)) {
    const shape = shapes.get(operationId);
    if (!shape) {
      const owner = [...shapes.values()].find((s) => s.examples.has(operationId));
      problems.push(
        owner
          ? `${operationId}: fixtures are keyed by operationId, then example name: {"${owner.operation.operationId}": {"${operationId}": {…}}}`
          : `${operationId}: the spec has no operation of that id (it has ${[...shapes.keys()].join(", ")})`,
      );
      continue;
    }
    if (!isRecord(examples) || !Object.values(examples).every(isRecord)) {
      problems.push(`${operationId}: must be an object of examples: {"<example name>": {"<field>": …}}`);
      continue;
    }
    for (const [name, values] of Object.entries(examples)) {
      if (!shape.examples.has(name)) {
        problems.push(
          `${operationId}.${name}: the operation has no request example of that name (it has ${[...shape.examples.keys()].join(", ")})`,
        );
        continue;
      }
      const schemas = new Map<string, Schema>([
        ...shape.parameters.map((p) => [p.name, p.schema] as [string, Schema]),
        ...bodyProperties(spec, shape),
      ]);
      for (const [field, value] of Object.entries(values)) {
        const schema = schemas.get(field);
        if (!schema)
          problems.push(`${operationId}.${name}.${field}: the request has no parameter or body property of that name`);
        else
          for (const problem of checker.problems(schema, value, `${operationId}.${name}.${field}`))
            problems.push(problem);
      }
    }
  }
  return problems;
}

/** What is wrong with path values: a name no operation's path has, or a value its schema refuses. */
export function pathValueProblems(spec: Json, checker: SchemaChecker, values: Record<string, string>): string[] {
  const parameters = [...documentedOperations(spec).values()].flatMap((op) =>
    shapeOf(spec, op).parameters.filter((p) => p.in === "path"),
  );
  return Object.entries(values).flatMap(([name, value]) => {
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) return [`${name}: no operation of the spec has a path parameter of that name`];
    return checker.problems(parameter.schema, value, name);
  });
}

/** The example's request with the fixture's values put in. */
function withFixture(shape: OperationShape, example: RequestShape, values: Record<string, unknown>): RequestShape {
  const request = structuredClone(example);
  for (const [field, value] of Object.entries(values)) {
    const parameter = shape.parameters.find((p) => p.name === field);
    if (parameter?.in === "path") request.path[field] = String(value);
    else if (parameter?.in === "query") request.query = { ...request.query, [field]: String(value) };
    else request.body = { ...request.body, [field]: value };
  }
  return request;
}

/** Why no request provokes a status, for the report. */
function whyNotVerifiable(status: number): string {
  if (status === 429) return "a rate limit cannot be reached from outside without flooding the target";
  if (status === 405)
    return "a method the spec leaves out of a path may be one the service has undocumented: none is sent";
  if (status >= 500) return "a fault of the service cannot be provoked from outside";
  return "the spec gives no request that provokes it without changing the target";
}

type NewCase = Omit<PlannedCase, "id" | "operationId" | "method" | "pathTemplate">;

/** What every case of one operation is made from. */
interface OperationPlan {
  spec: Json;
  checker: SchemaChecker;
  options: PlanOptions;
  operation: DocumentedOperation;
  shape: OperationShape;
  /** The request of the safe cases, or why none could be made. */
  fresh: RequestShape | { missing: string };
  /** The creates the spec's links lead from, by the operation they lead to (and by their own). */
  creators: Map<string, Creator>;
  operations: Map<string, DocumentedOperation>;
  shapes: Map<string, OperationShape>;
}

/** The cases that change nothing for a status: refused credentials, a missing authority, bad input, nothing found. */
function safeCases({ spec, checker, options, operation, shape, fresh }: OperationPlan, status: number): NewCase[] {
  const request = "missing" in fresh ? undefined : fresh;
  const skip = "missing" in fresh ? `no value of ${fresh.missing} its schema accepts could be made` : undefined;
  const safe = { request, destructive: false, skip };
  const cases: NewCase[] = [];
  const secured = (operation.security ?? []).length > 0;
  // Refused credentials are a 401, or a 403 where the spec has no 401 (AWS's AccessDeniedException).
  if (secured && (status === 401 || (status === 403 && !operation.responses.has(401))))
    cases.push(
      { ...safe, status, kind: "without credentials", title: "without credentials", credentials: "none" },
      { ...safe, status, kind: "wrong credentials", title: "with wrong credentials", credentials: "wrong" },
    );
  if (secured && status === 403 && operation.responses.has(401))
    cases.push({
      ...safe,
      status,
      kind: "forbidden",
      title: "with credentials lacking the operation's authority",
      credentials: "forbidden",
      skip: skip ?? (options.forbidden ? undefined : "needs credentials without the authority (--forbidden-client-id)"),
    });
  // The spec says what a token of an API client of no user gets (SailPoint does not document it).
  if (secured && status === 403 && userlessExample in (operation.responses.get(403)?.examples ?? {}))
    cases.push({
      ...safe,
      status,
      kind: "userless",
      title: "with a token of an API client that belongs to no user",
      credentials: "userless",
      example: userlessExample,
      skip: skip ?? (options.userless ? undefined : "needs an API client of no user (--userless-client-id)"),
    });
  if (status === 404)
    cases.push({ ...safe, status, kind: "not found", title: "naming nothing that exists", credentials: "valid" });
  // A read that needs no parameter (a list) changes nothing and names nothing: it runs as it is.
  const needsNothing = !shape.parameters.some((p) => p.in === "path" || p.required) && !shape.bodySchema;
  if (status >= 200 && status < 300 && safeMethods.has(operation.method) && needsNothing)
    cases.push({ ...safe, status, kind: "read", title: "with no parameters", credentials: "valid" });
  const invalid = status === 400 && request ? invalidRequest(spec, checker, shape, request) : undefined;
  if (invalid)
    cases.push({
      ...safe,
      status,
      kind: "invalid",
      title: `with ${invalid.what}`,
      credentials: "valid",
      request: invalid.request,
    });
  return cases;
}

/**
 * The spec's own request examples answered with this status when it depends on the target's state
 * (a success; a refusal such as in use), each with the fixture of its name. A read's are not
 * destructive; any other method's are. After a successful delete, the same request again must find
 * nothing.
 */
function exampleCases(plan: OperationPlan, status: number): NewCase[] {
  const { spec, checker, options, operation, shape } = plan;
  const dependsOnState = status < 300 || (status >= 400 && status < 500 && ![401, 403, 404, 429].includes(status));
  if (!dependsOnState) return [];
  const creator = plan.creators.get(operation.operationId);
  const creatorValues = creator && options.fixtures?.[creator.operation.operationId]?.[creator.example];
  const pathParameters = shape.parameters.filter((p) => p.in === "path").map((p) => p.name);
  const cases: NewCase[] = [];
  for (const [name, answeredWith] of shape.exampleStatus) {
    if (answeredWith !== status) continue;
    const id = `${operation.operationId} ${status} example ${name}`;
    const values = options.fixtures?.[operation.operationId]?.[name];
    // The example says how the verifier makes what it acts on; a fixture of its name wins.
    const arrange = values ? undefined : arrangementOf(plan, name);
    // A create's own success makes something of the verifier's, with or without a fixture.
    const selfCreate = !arrange && creator?.operation === operation && name === creator.example;
    // A success of what a create's links lead to (a read, a delete) acts on something the verifier makes.
    const links =
      creator && !arrange && !selfCreate && status < 300 ? creator.links.get(operation.operationId) : undefined;
    const linked = Boolean(links && pathParameters.every((p) => p in links));
    const makes = Boolean(arrange) || selfCreate || (linked && !values);
    const destructive = !safeMethods.has(operation.method) || makes;
    const through = arrange
      ? arrange.steps.map((step) => step.operationId).join(", ") || operation.operationId
      : creator?.operation.operationId;
    const skip =
      destructive && !options.destructive
        ? !makes
          ? "destructive: runs only with --destructive and --fixtures"
          : safeMethods.has(operation.method)
            ? `needs a fixture, or --destructive to create what it reads through ${through}`
            : `destructive: runs only with --destructive, which creates what it needs through ${through} when no fixture names it`
        : !values && !makes
          ? `needs a fixture: the fixtures name no ${operation.operationId} ${name}`
          : undefined;
    const title = `example ${name}`;
    const common = { destructive, skip, credentials: "valid" as const };
    const example = { ...common, status, kind: "example" as const, title, example: name };
    if (arrange) cases.push({ ...example, request: structuredClone(shape.examples.get(name)!), arrange });
    else if (selfCreate)
      cases.push({
        ...example,
        request: createRequest(spec, checker, creator, values),
        cleanup: deleteLink(creator, plan.operations),
      });
    else if (makes)
      cases.push({
        ...example,
        request: structuredClone(shape.examples.get(name)!),
        provision: {
          operationId: creator!.operation.operationId,
          method: creator!.operation.method,
          pathTemplate: creator!.operation.path,
          parameters: links!,
          request: createRequest(spec, checker, creator!, creatorValues),
          status: creator!.status,
          cleanup: deleteLink(creator!, plan.operations),
        },
      });
    else
      cases.push({ ...example, request: values ? withFixture(shape, shape.examples.get(name)!, values) : undefined });
    if (status < 300 && isDelete(operation) && operation.responses.has(404))
      cases.push({
        ...common,
        status: 404,
        kind: "again",
        title: `example ${name} again, once done`,
        after: id,
        sameRequestAs: id,
      });
  }
  return cases;
}

/** The example that names no value of a path parameter on purpose: `DomainNotFound` for `DomainName`. */
const notFoundExample = (parameter: string) => `${parameter.replace(/(Name|Id)$/, "")}NotFound`;

/** Every case of every operation of the spec, in the order they are sent: safe ones first. */
export function planCases(spec: Json, checker: SchemaChecker, options: PlanOptions): PlannedCase[] {
  const safe: PlannedCase[] = [];
  const destructive: PlannedCase[] = [];
  const operations = new Map([...documentedOperations(spec).values()].map((op) => [op.operationId, op]));
  const shapes = new Map([...operations.values()].map((op) => [op.operationId, shapeOf(spec, op)]));
  for (const [name, value] of Object.entries(options.pathValues ?? {}))
    for (const shape of shapes.values())
      for (const [example, request] of shape.examples)
        if (name in request.path && example !== notFoundExample(name)) request.path[name] = value;
  const creators = creatorsOf(spec, shapes);
  for (const operation of operations.values()) {
    const shape = shapes.get(operation.operationId)!;
    const fresh = freshRequest(spec, checker, shape);
    const plan: OperationPlan = { spec, checker, options, operation, shape, fresh, creators, operations, shapes };
    const planned = (c: NewCase): PlannedCase => ({
      ...c,
      id: `${operation.operationId} ${c.status} ${c.title}`,
      operationId: operation.operationId,
      method: operation.method,
      pathTemplate: operation.path,
    });
    for (const status of [...operation.responses.keys()].sort((a, b) => a - b)) {
      const forStatus = [safeCases(plan, status), exampleCases(plan, status)];
      if (forStatus.flat().length === 0)
        forStatus[0]!.push({
          status,
          kind: "not verifiable",
          title: "not verifiable",
          credentials: "valid",
          destructive: false,
          skip: whyNotVerifiable(status),
        });
      safe.push(...forStatus[0]!.map(planned));
      destructive.push(...forStatus[1]!.map(planned));
    }
  }
  return [...safe, ...destructive];
}
