// `verify(options)`: the contract run against any server that claims to be one of the APIs (the
// real service, a sandbox, a fake, a proxy, a running stub), case by case from the spec, and, when
// asked, against an in-process stub as well, reporting where the two answered differently.
import {
  loadSpec,
  deref,
  documentedOperations,
  operationObject,
  type DocumentedOperation,
  type Json,
} from "../shared/spec.ts";
import { redactUrl } from "../shared/redact.ts";
import type { DemoData } from "../store.ts";
import { verifiedApis, wires, type ApiWire } from "./apis.ts";
import { type ArrangeContext, type ArrangedCall, arrangedRequest } from "./arrange.ts";
import { parsedBody, responseProblems } from "./checks.ts";
import {
  fixtureProblems,
  pathValueProblems,
  isDelete,
  type LinkedCall,
  type LinkSource,
  type PlannedCase,
  planCases,
  type RequestShape,
  verifierName,
} from "./plan.ts";
import { SchemaChecker, type Schema } from "./schemas.ts";
import { VerifyConfigError } from "./errors.ts";
import { Sender, type Exchange, type Sent, type Target } from "./send.ts";
import type { CaseResult, CleanupResult, VerifyOptions, VerifyReport } from "./types.ts";

export { verifiedApis, VerifyConfigError };

const defaultTimeoutMs = 30_000;

/** What the API's spec puts before its paths, from its first server URL: `/v3` for SailPoint. */
function basePathOf(spec: Json): string {
  const [server] = (spec.servers ?? []) as { url: string }[];
  if (!server) return "";
  const path = new URL(server.url.replace(/\{[^}]+\}/g, "x")).pathname;
  return path === "/" ? "" : path.replace(/\/+$/, "");
}

function checkOptions(options: VerifyOptions, wire: ApiWire | undefined): asserts wire is ApiWire {
  if (!wire) throw new VerifyConfigError(`unknown API ${options.api}; verify takes ${verifiedApis.join(" or ")}`);
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new VerifyConfigError(`the base URL ${options.baseUrl} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new VerifyConfigError(`the base URL must be http: or https:, not ${url.protocol}`);
  const basePath = basePathOf(loadSpec(options.api));
  if (basePath && url.pathname.replace(/\/+$/, "").endsWith(basePath))
    throw new VerifyConfigError(
      `the base URL is the service root, without ${basePath}: ${url.origin}${url.pathname.replace(/\/+$/, "").slice(0, -basePath.length)}`,
    );
  if (options.dryRun) return;
  if (wire.auth === "sigv4" && !(options.aws?.accessKeyId && options.aws.secretAccessKey && options.aws.region))
    throw new VerifyConfigError(
      "Customer Profiles needs AWS credentials and a Region (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION or --region)",
    );
  if (wire.auth === "client-credentials" && !(options.client?.clientId && options.client.clientSecret))
    throw new VerifyConfigError("Access Profiles needs an OAuth client (SAIL_CLIENT_ID and SAIL_CLIENT_SECRET)");
}

/**
 * For a dry run without credentials: placeholders named after the variables the real ones come
 * from, so that the plan shows where each goes. Signatures made with them are redacted anyway.
 */
function withPlaceholders(options: VerifyOptions): Pick<Target, "aws" | "client" | "forbidden" | "userless"> {
  const aws = options.aws ?? { accessKeyId: "<AWS_ACCESS_KEY_ID>", secretAccessKey: "placeholder", region: "" };
  return {
    aws: { ...aws, region: aws.region || "<AWS_REGION>" },
    client: options.client ?? { clientId: "<SAIL_CLIENT_ID>", clientSecret: "placeholder" },
    forbidden: options.forbidden,
    userless: options.userless,
  };
}

/** Thrown by a case when the target refuses the valid credentials: the run cannot say anything more. */
class CredentialsRefused extends VerifyConfigError {}

/** The status an operation answers refused credentials with: 401, or 403 where no 401 is documented (AWS). */
const refusalStatuses = (operation: DocumentedOperation): number[] =>
  (operation.security ?? []).length === 0 ? [] : operation.responses.has(401) ? [401, 403] : [403];

/** The stub's own credentials, from the demo data it ships: a client with the authority and one without. */
function stubTarget(url: string, data: DemoData, operations: DocumentedOperation[], region: string): Target {
  const [credential] = data.customerProfiles.credentials;
  const levelsOf = (op: DocumentedOperation) => (op.extensions["x-sailpoint-userLevels"] ?? []) as string[];
  const clients = data.accessProfiles.oauthClients;
  // The client with the authority is one every operation admits, with more than a sub-admin's (who
  // may act only on its own sources); the one without it, a client no operation admits.
  const allowed = clients.find(
    (c) =>
      c.identity &&
      operations.every((op) => c.authorities.some((a) => levelsOf(op).includes(a) && a !== "SOURCE_SUBADMIN")),
  );
  const forbidden = clients.find(
    (c) => c.identity && operations.every((op) => !c.authorities.some((a) => levelsOf(op).includes(a))),
  );
  const userless = clients.find((c) => !c.identity);
  return {
    name: "stub",
    baseUrl: url,
    aws: credential && { ...credential, sessionToken: credential.sessionToken ?? undefined, region },
    client: allowed && { clientId: allowed.clientId, clientSecret: allowed.clientSecret },
    forbidden: forbidden && { clientId: forbidden.clientId, clientSecret: forbidden.clientSecret },
    userless: userless && { clientId: userless.clientId, clientSecret: userless.clientSecret },
  };
}

/** The shape of a body, to compare two answers: its JSON type, and an object's members. */
function shape(body: unknown): string {
  if (body === undefined) return "no JSON body";
  if (body === null || typeof body !== "object") return typeof body;
  if (Array.isArray(body)) return "an array";
  return `{${Object.keys(body).sort().join(", ")}}`;
}

/** Where the target's answer differs from the stub's, as the drift report says it. */
function driftBetween(wire: ApiWire, operation: DocumentedOperation, target: Sent, stub: Sent): string[] {
  if (!target.response || !stub.response)
    return target.response || stub.response
      ? [
          `answer: target ${target.response?.status ?? `none (${target.error})`}, stub ${stub.response?.status ?? `none (${stub.error})`}`,
        ]
      : [];
  const t = target.response;
  const s = stub.response;
  if (t.status !== s.status) return [`status: target ${t.status}, stub ${s.status}`];
  const drift: string[] = [];
  const [tBody, sBody] = [parsedBody(t.text), parsedBody(s.text)];
  const [tCode, sCode] = [wire.errorCode(t, tBody), wire.errorCode(s, sBody)];
  if (tCode !== sCode) drift.push(`error code: target ${tCode ?? "none"}, stub ${sCode ?? "none"}`);
  if (shape(tBody) !== shape(sBody)) drift.push(`body: target ${shape(tBody)}, stub ${shape(sBody)}`);
  for (const name of Object.keys(operation.responses.get(s.status)?.headers ?? {})) {
    const [inTarget, inStub] = [t.headers.has(name), s.headers.has(name)];
    if (inTarget !== inStub)
      drift.push(
        `header ${name}: ${inStub ? "the stub sends it, the target does not" : "the target sends it, the stub does not"}`,
      );
  }
  return drift;
}

/** The documented body schema of each status of an operation. */
function bodySchemas(spec: Json, operation: DocumentedOperation): (status: number) => Schema | undefined {
  const raw = operationObject(spec, operation);
  return (status) => {
    const response = deref(spec, (raw.responses as Json)[String(status)]);
    const media = Object.values((response.content ?? {}) as Record<string, Json>)[0];
    return media?.schema as Schema | undefined;
  };
}

/**
 * Runs the contract against `options.baseUrl` and reports case by case. Rejects with a
 * VerifyConfigError when the run itself cannot be made (an unknown API, missing credentials, bad
 * fixtures, a target that cannot be reached, a token endpoint that refuses the client); resolves
 * otherwise, `conforms` saying whether the target answered as documented (and as the stub does,
 * when compared).
 *
 * @example
 * const report = await verify({
 *   api: "access-profiles",
 *   baseUrl: "https://acme-sb.api.identitynow.com",
 *   client: { clientId: process.env.SAIL_CLIENT_ID!, clientSecret: process.env.SAIL_CLIENT_SECRET! },
 *   compareWithStub: true,
 * });
 * if (!report.conforms) console.log(summaryText(report));
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const wire = wires[options.api];
  checkOptions(options, wire);
  const spec = loadSpec(options.api);
  const checker = new SchemaChecker(spec);
  const fixtures = options.fixtures;
  if (fixtures) {
    const problems = fixtureProblems(spec, checker, fixtures);
    if (problems.length > 0) throw new VerifyConfigError(`the fixtures are not valid:\n  ${problems.join("\n  ")}`);
  }
  const pathValues = options.pathValues;
  if (pathValues) {
    const problems = pathValueProblems(spec, checker, pathValues);
    if (problems.length > 0) throw new VerifyConfigError(problems.join("\n"));
  }
  const destructive = Boolean(options.destructive);
  const given = { forbidden: Boolean(options.forbidden), userless: Boolean(options.userless) };
  // The target's cases only: the stub compared with holds the demo data the examples name.
  const plan = planCases(spec, checker, { destructive, fixtures, pathValues, ...given });
  // Without fixtures, --destructive runs what the verifier can make itself, and says what it cannot.
  // Fixtures that leave out an example it cannot make are a mistake, refused before anything is sent.
  const unprovided = plan
    .filter((c) => c.destructive && c.kind === "example" && c.skip)
    .map((c) => `${c.operationId} ${c.example}`);
  if (destructive && fixtures && unprovided.length > 0)
    throw new VerifyConfigError(
      `--destructive needs a fixture for each destructive example the verifier cannot create itself, and the fixtures name ${unprovided.join(", ")}: give them (see docs/verify.md) or leave --destructive out`,
    );
  if (destructive && !fixtures)
    for (const c of plan)
      if (c.destructive && c.kind === "example" && c.skip)
        c.skip = `needs a fixture (--fixtures): the verifier cannot create a ${c.operationId} ${c.example} itself`;
  const operations = new Map([...documentedOperations(spec).values()].map((op) => [op.operationId, op]));
  const schemas = new Map([...operations.values()].map((op) => [op.operationId, bodySchemas(spec, op)]));
  const exchanges: Exchange[] = [];
  const sender = (target: Target) =>
    new Sender({
      target,
      wire,
      basePath: basePathOf(spec),
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      fetch: options.fetch ?? fetch,
      record: (exchange) => exchanges.push(exchange),
      dryRun: Boolean(options.dryRun),
    });
  const target = sender({
    name: "target",
    baseUrl: options.baseUrl,
    ...(options.dryRun ? withPlaceholders(options) : options),
  });

  const compare = Boolean(options.compareWithStub && !options.dryRun);
  // Loaded only to compare: the stub, through the one door it opens to the package's tools.
  const stub = compare ? await (await import("../start.ts")).startLocalStub() : undefined;
  try {
    const run: Run = {
      checker,
      wire,
      operations,
      schemas,
      target,
      dryRun: Boolean(options.dryRun),
      side: newSide(),
      stub: stub && {
        sender: sender(stubTarget(stub.url, stub.data, [...operations.values()], options.aws?.region ?? "us-east-1")),
        side: newSide(),
        // The stub's destructive cases use its own demo data, which the spec's examples name.
        plan: new Map(
          planCases(spec, checker, {
            destructive,
            fixtures:
              fixtures &&
              Object.fromEntries(
                Object.entries(fixtures).map(([operationId, examples]) => [
                  operationId,
                  Object.fromEntries(Object.keys(examples).map((name) => [name, {}])),
                ]),
              ),
            ...given,
          }).map((c) => [c.id, c]),
        ),
      },
    };
    const results: CaseResult[] = [];
    const passed = new Set<string>();
    let interrupted = false;
    let cleanup: CleanupResult[] = [];
    try {
      for (const planned of plan) {
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        options.onCaseStart?.(planned);
        const result = await runCase(run, planned, passed);
        if (result.outcome === "passed") passed.add(planned.id);
        results.push(result);
        options.onCase?.(result);
      }
    } finally {
      // However the run ends (a failed case, refused credentials, an interruption), what it made goes.
      cleanup = await cleanUp(run.target, run.side);
      if (run.stub) await cleanUp(run.stub.sender, run.stub.side);
    }
    const failed = results.some((r) => r.outcome === "failed" || r.drift.length > 0);
    const undeleted = cleanup.some((c) => !c.deleted);
    return {
      api: options.api,
      baseUrl: redactUrl(options.baseUrl),
      dryRun: run.dryRun,
      comparedWithStub: compare,
      conforms: !run.dryRun && !failed && !interrupted && !undeleted,
      verdict: run.dryRun ? "dry run" : failed || interrupted || undeleted ? "does not conform" : "conforms",
      cases: results,
      interrupted,
      cleanup,
      exchanges,
    };
  } finally {
    await stub?.close();
  }
}

/** What every case of a run is sent and checked with. */
interface Run {
  checker: SchemaChecker;
  wire: ApiWire;
  operations: Map<string, DocumentedOperation>;
  schemas: Map<string, (status: number) => Schema | undefined>;
  target: Sender;
  dryRun: boolean;
  side: Side;
  /** The in-process stub each case is also sent to, and its own plan (its destructive cases use its demo data). */
  stub?: { sender: Sender; plan: Map<string, PlannedCase>; side: Side };
}

/** What one side of a run (the target, or the stub compared with it) keeps between cases. */
interface Side {
  /** The request each case was sent with, its provisioned path filled in. */
  sent: Map<string, RequestShape | undefined>;
  /** What the verifier created and has not seen deleted, with the delete that removes it. */
  made: { call: LinkedCall; request: RequestShape }[];
}

const newSide = (): Side => ({ sent: new Map(), made: [] });

/** The value at a JSON pointer (`/id`) of a parsed body, as text; undefined when there is none. */
function atPointer(body: unknown, pointer: string): string | undefined {
  let node: unknown = body;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === "string" || typeof node === "number" ? String(node) : undefined;
}

/** Values a link reads from a create: its answer's body at a pointer, or its request's path; undefined if one is missing. */
function linkedValues(
  sources: Record<string, LinkSource>,
  answer: unknown,
  created: RequestShape,
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    const value = source.startsWith("/")
      ? atPointer(answer, source)
      : created.path[source.slice("$request.path.".length)];
    if (value === undefined) return undefined;
    values[name] = value;
  }
  return values;
}

/** The request a link makes from a create (its request and its answer); undefined if a value is missing. */
function linkedRequest(call: LinkedCall, answer: unknown, created: RequestShape): RequestShape | undefined {
  const path = linkedValues(call.parameters, answer, created);
  return path && { path };
}

const sameValues = (a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Notes, once an arranged call has succeeded, the call that undoes it. */
function noteCleanup(side: Side, cleanup: ArrangedCall | undefined, context: ArrangeContext): void {
  if (!cleanup) return;
  // It acts where the call it undoes did: a path parameter the two share has that call's value.
  const base = structuredClone(cleanup.request);
  for (const name of Object.keys(base.path))
    if (context.request?.path[name] !== undefined && !(name in cleanup.values))
      base.path[name] = context.request.path[name];
  const undo = arrangedRequest(base, cleanup.values, cleanup.locations, context);
  if ("request" in undo)
    side.made.push({
      call: {
        operationId: cleanup.operationId,
        method: cleanup.method,
        pathTemplate: cleanup.pathTemplate,
        parameters: {},
      },
      request: undo.request,
    });
}

/** Notes what a successful answer made, or saw deleted. */
function track(side: Side, planned: PlannedCase, request: RequestShape | undefined, sent: Sent): void {
  const status = sent.response?.status ?? 0;
  if (status < 200 || status >= 300) return;
  if (planned.cleanup) {
    const cleanup = request && linkedRequest(planned.cleanup, parsedBody(sent.response!.text), request);
    if (cleanup) side.made.push({ call: planned.cleanup, request: cleanup });
  }
  if (planned.arrange?.cleanup && request)
    noteCleanup(side, planned.arrange.cleanup, {
      steps: new Map(),
      request,
      response: parsedBody(sent.response!.text),
      name: verifierName,
    });
  if (isDelete(planned) && request)
    side.made = side.made.filter(
      (m) =>
        !(
          m.call.operationId === planned.operationId &&
          sameValues(m.request.path, request.path) &&
          sameValues(m.request.body, request.body)
        ),
    );
}

/** The request a case is sent with, and in a dry run the calls it would send first; or why none could be made. */
interface Prepared {
  request?: RequestShape;
  problem?: string;
  before?: string[];
}

/** A call as a dry run shows it: its method and path, each parameter of the path filled in. */
function callLine(method: string, pathTemplate: string, request: RequestShape): string {
  return `${method} ${pathTemplate.replace(/\{([^}]+)\}/g, (whole, name: string) => request.path[name] ?? whole)}`;
}

/**
 * The request a case is sent with: its own, the one of the case it repeats, or its own with the
 * path of what the verifier creates first (through the spec's link); or why none could be made.
 */
async function requestFor(sender: Sender, side: Side, planned: PlannedCase, dryRun: boolean): Promise<Prepared> {
  if (planned.sameRequestAs) return { request: side.sent.get(planned.sameRequestAs) };
  if (planned.arrange) return arranged(sender, side, planned, dryRun);
  const provision = planned.provision;
  if (!provision) return { request: planned.request };
  const request = structuredClone(planned.request ?? { path: {} });
  if (dryRun) {
    for (const name of Object.keys(provision.parameters)) request.path[name] = `<from ${provision.operationId}>`;
    return { request, before: [callLine(provision.method, provision.pathTemplate, provision.request)] };
  }
  const made = await sender.send({
    id: `${planned.id}: what it acts on, made by ${provision.operationId}`,
    method: provision.method,
    pathTemplate: provision.pathTemplate,
    request: provision.request,
    credentials: "valid",
  });
  const answer = made.response && parsedBody(made.response.text);
  const linked =
    made.response?.status === provision.status ? linkedRequest(provision, answer, provision.request) : undefined;
  if (provision.cleanup && made.response && made.response.status >= 200 && made.response.status < 300) {
    const cleanup = linkedRequest(provision.cleanup, answer, provision.request);
    if (cleanup) side.made.push({ call: provision.cleanup, request: cleanup });
  }
  if (!linked)
    return {
      problem: `could not create what it acts on: ${provision.operationId} answered ${made.response?.status ?? `nothing (${made.error})`}, where ${provision.status} naming it was expected`,
    };
  Object.assign(request.path, linked.path);
  return { request };
}

/**
 * The request of a case whose example says how to make what it acts on: each call sent in turn,
 * each expected to succeed, what undoes it noted as soon as it has; then the case's values read
 * from their answers. Or why it could not be made.
 */
async function arranged(sender: Sender, side: Side, planned: PlannedCase, dryRun: boolean): Promise<Prepared> {
  const { steps, values, locations } = planned.arrange!;
  const context: ArrangeContext = { steps: new Map(), name: verifierName, dry: dryRun };
  const unreadable = (what: string, missing: string) =>
    `could not arrange what it acts on: ${what} reads ${missing}, which no answer before it gave`;
  const before: string[] = [];
  for (const [index, step] of steps.entries()) {
    const what = `${step.operationId} (${index + 1} of ${steps.length})`;
    const filled = arrangedRequest(step.request, step.values, step.locations, context);
    if ("missing" in filled) return { problem: unreadable(what, filled.missing) };
    if (dryRun) {
      context.steps.set(step.operationId, { request: filled.request, response: undefined });
      before.push(callLine(step.method, step.pathTemplate, filled.request));
      continue;
    }
    const sent = await sender.send({
      id: `${planned.id}: what it acts on, arranged by ${what}`,
      method: step.method,
      pathTemplate: step.pathTemplate,
      request: filled.request,
      credentials: "valid",
    });
    const status = sent.response?.status;
    if (status === undefined || status < 200 || status >= 300)
      return {
        problem: `could not arrange what it acts on: ${what} answered ${status ?? `nothing (${sent.error})`}, where a success was expected`,
      };
    const response = parsedBody(sent.response!.text);
    noteCleanup(side, step.cleanup, { ...context, request: filled.request, response });
    context.steps.set(step.operationId, { request: filled.request, response });
  }
  const filled = arrangedRequest(planned.request ?? { path: {} }, values, locations, context);
  if ("missing" in filled) return { problem: unreadable(planned.operationId, filled.missing) };
  return dryRun ? { request: filled.request, before } : { request: filled.request };
}

/** Deletes what a side created and did not see deleted; a not-found means it is gone already. */
async function cleanUp(sender: Sender, side: Side): Promise<CleanupResult[]> {
  const results: CleanupResult[] = [];
  for (const { call, request } of side.made.splice(0)) {
    const sent = await sender.send({
      id: `cleanup: ${call.operationId}`,
      method: call.method,
      pathTemplate: call.pathTemplate,
      request,
      credentials: "valid",
    });
    const status = sent.response?.status;
    results.push({
      operationId: call.operationId,
      request: `${call.method} ${sent.request.url}`,
      status,
      deleted: status !== undefined && ((status >= 200 && status < 300) || status === 404),
      ...(sent.error ? { error: String(sent.error) } : {}),
    });
  }
  return results;
}

/** Sends one case (to the stub as well, when comparing) and says how it went. */
async function runCase(run: Run, planned: PlannedCase, passed: Set<string>): Promise<CaseResult> {
  const { id, operationId, status, kind, title, destructive } = planned;
  const provisioned = planned.provision || planned.cleanup || planned.arrange ? { provisioned: true } : {};
  const base = {
    id,
    operationId,
    status,
    kind,
    title,
    destructive,
    ...provisioned,
    problems: [] as string[],
    drift: [] as string[],
  };
  const waiting = planned.after && !run.dryRun && !passed.has(planned.after);
  const reason = planned.skip ?? (waiting ? `needs ${planned.after} to pass first` : undefined);
  if (reason) return { ...base, outcome: kind === "not verifiable" ? "not verifiable" : "skipped", reason };
  const operation = run.operations.get(operationId)!;
  const expectation = { operation, status, bodySchema: run.schemas.get(operationId)!, example: planned.example };
  const check = (sent: Sent) =>
    sent.response ? responseProblems(run.checker, run.wire, expectation, sent.response) : [`no answer: ${sent.error}`];
  const prepared = await requestFor(run.target, run.side, planned, run.dryRun);
  run.side.sent.set(id, prepared.request);
  if (prepared.problem) return { ...base, outcome: "failed", problems: [prepared.problem] };
  const sent = await run.target.send({ ...planned, request: prepared.request });
  track(run.side, planned, prepared.request, sent);
  if (run.dryRun)
    return {
      ...base,
      outcome: "planned",
      request: sent.request,
      ...(prepared.before ? { before: prepared.before } : {}),
    };
  const refusals = refusalStatuses(operation);
  if (
    planned.credentials === "valid" &&
    sent.response &&
    refusals.includes(sent.response.status) &&
    !refusals.includes(status)
  ) {
    const code = run.wire.errorCode(sent.response, parsedBody(sent.response.text));
    throw new CredentialsRefused(
      `the target refused the credentials it was given: "${id}" was answered ${sent.response.status}${code ? ` ${code}` : ""}, as a request with wrong or insufficient credentials is. ${run.wire.credentialsHint}`,
    );
  }
  const problems = check(sent);
  const result: CaseResult = {
    ...base,
    outcome: problems.length === 0 ? "passed" : "failed",
    problems,
    request: sent.request,
    response: sent.recorded,
  };
  if (run.stub) {
    const stubPlanned = (planned.destructive ? run.stub.plan.get(id) : undefined) ?? planned;
    const stubPrepared = await requestFor(run.stub.sender, run.stub.side, stubPlanned, false);
    run.stub.side.sent.set(id, stubPrepared.request);
    const stubSent = await run.stub.sender.send({ ...stubPlanned, request: stubPrepared.request });
    track(run.stub.side, stubPlanned, stubPrepared.request, stubSent);
    const stubProblems = check(stubSent);
    result.stub = {
      outcome: stubProblems.length === 0 ? "passed" : "failed",
      problems: stubProblems,
      response: stubSent.recorded,
    };
    result.drift = driftBetween(run.wire, operation, sent, stubSent);
  }
  return result;
}

export { harLog, jsonLines, junitXml, summaryText } from "./report.ts";
