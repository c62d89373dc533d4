// What a case acts on, made first by calls the spec's example describes (`x-contract-stubs-arrange`):
// for an operation whose inputs no link can carry, such as Customer Profiles' DeleteProfileObject,
// whose profile id comes from one create and whose object, a JSON string naming that profile's
// email address, from another. The values of each call are templates: `{$name}` is a new name of
// the verifier's; `{$steps.<operationId>.request.path.<name>}`, `….request.body#/<pointer>` and
// `….response.body#/<pointer>` read an earlier call; `{$request…}` and `{$response…}` the call a
// cleanup undoes.
import type { RequestShape } from "./plan.ts";

/** Where a value goes in a request. */
export type Location = "path" | "query" | "body";

/** One call: an example request of an operation, with values put over it when it is sent. */
export interface ArrangedCall {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** The example request it starts from. */
  request: RequestShape;
  /** Member name → template of its value. */
  values: Record<string, string>;
  locations: Record<string, Location>;
  /** What undoes it, once it has succeeded: sent when the run ends, unless a case has done it. */
  cleanup?: ArrangedCall;
}

export interface Arrangement {
  /** Sent in order, each expected to succeed, before the case. */
  steps: ArrangedCall[];
  /** The case's own values, read from the steps. */
  values: Record<string, string>;
  locations: Record<string, Location>;
  /** What undoes the case's own success (a create arranged only for its values). */
  cleanup?: ArrangedCall;
}

/** What the templates read: the calls made so far, by operationId, and the call a cleanup undoes. */
export interface ArrangeContext {
  steps: Map<string, { request: RequestShape; response: unknown }>;
  request?: RequestShape;
  response?: unknown;
  /** A new name of the verifier's, each time it is asked. */
  name: () => string;
  /** A dry run: what an expression reads is shown as the expression. */
  dry?: boolean;
}

const expression = /\{(\$[^{}]+)\}/g;

function atPointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The value of one runtime expression, as text; undefined when what it reads is missing. */
function evaluate(text: string, context: ArrangeContext): string | undefined {
  if (text === "$name") return context.name();
  if (context.dry) return `<${text}>`;
  const step = /^\$steps\.([A-Za-z0-9_-]+)\.(.+)$/.exec(text);
  const call = step ? context.steps.get(step[1]!) : { request: context.request, response: context.response };
  const rest = step ? `$${step[2]}` : text;
  if (!call) return undefined;
  const read = /^\$(request|response)\.(path|query|body)(?:\.([^.#]+)|#(\/.*))$/.exec(rest);
  if (!read) return undefined;
  const [, which, part, name, pointer] = read;
  let value: unknown;
  if (which === "response") value = part === "body" && pointer ? atPointer(call.response, pointer) : undefined;
  else if (part === "body") value = pointer ? atPointer(call.request?.body, pointer) : undefined;
  else value = name ? call.request?.[part as "path" | "query"]?.[name] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** Whether a template is one the verifier can read: each expression in it of a known form. */
export function templateProblem(template: string): string | undefined {
  for (const [, text] of template.matchAll(expression))
    if (
      text !== "$name" &&
      !/^\$(steps\.[A-Za-z0-9_-]+\.)?(request|response)\.(path|query|body)(\.[^.#]+|#\/.*)$/.test(text!)
    )
      return `{${text}} is not an expression the verifier reads`;
  return undefined;
}

/** The call's request, its values filled in; or the expression whose value is missing. */
export function arrangedRequest(
  base: RequestShape,
  values: Record<string, string>,
  locations: Record<string, Location>,
  context: ArrangeContext,
): { request: RequestShape } | { missing: string } {
  const request = structuredClone(base);
  for (const [member, template] of Object.entries(values)) {
    let missing: string | undefined;
    const value = template.replace(expression, (whole, text: string) => {
      const found = evaluate(text, context);
      if (found === undefined) missing ??= whole;
      return found ?? "";
    });
    if (missing) return { missing };
    const location = locations[member] ?? "body";
    if (location === "body") request.body = { ...request.body, [member]: value };
    else request[location] = { ...request[location], [member]: value };
  }
  return { request };
}
