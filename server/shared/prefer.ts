// `Prefer: code=<status>[, example=<name>]`, as Prism reads it: answer an otherwise valid request
// with a documented response of the operation instead of running its handler. State is untouched.
import type { DocumentedOperation } from "./spec.ts";

export interface PreferredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type PreferOutcome =
  | { kind: "none" }
  | { kind: "respond"; response: PreferredResponse }
  | { kind: "refuse"; message: string };

/** Parses the Prefer header into its `key=value` preferences (RFC 7240; keys are case-insensitive). */
function parsePrefer(header: string): Map<string, string> {
  const prefs = new Map<string, string>();
  for (const token of header.split(/[,;]/)) {
    const match = /^\s*([A-Za-z-]+)\s*=\s*"?([^"]*?)"?\s*$/.exec(token);
    if (match) prefs.set(match[1]!.toLowerCase(), match[2]!);
  }
  return prefs;
}

function headerValue(header: { schema: Record<string, unknown>; example?: unknown }): string | undefined {
  const value = header.schema.const ?? header.example ?? header.schema.default;
  return value === undefined ? undefined : String(value);
}

/**
 * Works out what a `Prefer` header asks for. The body is the named example (or the first one)
 * of that response, and every required header gets its documented constant or example value.
 */
export function preferredResponse(header: string | undefined, operation: DocumentedOperation): PreferOutcome {
  if (!header) return { kind: "none" };
  const prefs = parsePrefer(header);
  const code = prefs.get("code");
  const exampleName = prefs.get("example");
  if (code === undefined && exampleName === undefined) return { kind: "none" };

  const documented = [...operation.responses.keys()].join(", ");
  let response;
  if (code !== undefined) {
    response = /^\d{3}$/.test(code) ? operation.responses.get(Number(code)) : undefined;
    if (!response)
      return { kind: "refuse", message: `Prefer: code=${code} is not a documented response of ${operation.operationId}; documented: ${documented}.` };
  } else {
    response = [...operation.responses.values()].find((r) => exampleName! in r.examples);
    if (!response)
      return { kind: "refuse", message: `Prefer: example=${exampleName} names no response example of ${operation.operationId}.` };
  }

  let body: unknown;
  if (response.mediaType) {
    const names = Object.keys(response.examples);
    const name = exampleName ?? names[0];
    if (name === undefined || !(name in response.examples))
      return {
        kind: "refuse",
        message: `Prefer: example=${name} is not an example of the ${response.status} response of ${operation.operationId}; examples: ${names.join(", ") || "none"}.`,
      };
    body = structuredClone(response.examples[name]);
  }
  const headers: Record<string, string> = {};
  for (const [name, h] of Object.entries(response.headers)) {
    const value = h.required ? headerValue(h) : undefined;
    if (value !== undefined) headers[name] = value;
  }
  return { kind: "respond", response: { status: response.status, headers, body } };
}
