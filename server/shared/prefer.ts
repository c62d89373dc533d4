// `Prefer: code=<status>[, example=<name>]`, as Prism reads it, plus the stub's fault tokens
// `latency=<ms>` and `fault=drop`, and `clock-offset=<seconds>` for Customer Profiles. A code
// answers an otherwise valid request with a documented response of the operation instead of
// running its handler; state is untouched.
import type { DocumentedOperation, DocumentedResponse } from "./spec.ts";

export const maxLatencyMs = 60_000;
/** How far `clock-offset` may move the stub's clock, either way: a day. */
export const maxClockOffsetSeconds = 86_400;

export interface Preferences {
  code?: string;
  example?: string;
  latencyMs?: number;
  drop?: boolean;
  /** How far ahead of the real time (behind, if negative) the stub's clock is for this request. */
  clockOffsetSeconds?: number;
}

export interface PreferredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The name of the spec's example the body is; undefined for a response without a body. */
  example?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses the Prefer header (RFC 7240; keys are case-insensitive; unknown preferences are ignored). */
export function parsePrefer(header: string | undefined): Outcome<Preferences> {
  const prefs: Preferences = {};
  for (const token of (header ?? "").split(/[,;]/)) {
    const match = /^\s*([A-Za-z-]+)\s*=\s*"?([^"]*?)"?\s*$/.exec(token);
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    switch (key.toLowerCase()) {
      case "code":
        prefs.code = value;
        break;
      case "example":
        prefs.example = value;
        break;
      case "latency":
        if (!/^\d+$/.test(value) || Number(value) > maxLatencyMs)
          return {
            ok: false,
            message: `Prefer: latency=${value} must be a whole number of milliseconds from 0 to ${maxLatencyMs}.`,
          };
        prefs.latencyMs = Number(value);
        break;
      case "clock-offset":
        if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > maxClockOffsetSeconds)
          return {
            ok: false,
            message: `Prefer: clock-offset=${value} must be a whole number of seconds from -${maxClockOffsetSeconds} to ${maxClockOffsetSeconds}.`,
          };
        prefs.clockOffsetSeconds = Number(value);
        break;
      case "fault":
        if (value !== "drop")
          return { ok: false, message: `Prefer: fault=${value} is not a fault the stub knows; use fault=drop.` };
        prefs.drop = true;
        break;
    }
  }
  return { ok: true, value: prefs };
}

function headerValue(header: { schema: Record<string, unknown>; example?: unknown }): string | undefined {
  const value = header.schema.const ?? header.example ?? header.schema.default;
  return value === undefined ? undefined : String(value);
}

/**
 * The documented response for a status and/or example name: the named example (or the first one)
 * as the body, and every header that has a documented constant or example value.
 */
export function documentedResponse(
  operation: DocumentedOperation,
  code: string | undefined,
  exampleName: string | undefined,
): Outcome<PreferredResponse> {
  const documented = [...operation.responses.keys()].join(", ");
  let response: DocumentedResponse | undefined;
  if (code !== undefined) {
    response = /^\d{3}$/.test(code) ? operation.responses.get(Number(code)) : undefined;
    if (!response)
      return {
        ok: false,
        message: `Prefer: code=${code} is not a documented response of ${operation.operationId}; documented: ${documented}.`,
      };
  } else {
    response = [...operation.responses.values()].find((r) => exampleName! in r.examples);
    if (!response)
      return {
        ok: false,
        message: `Prefer: example=${exampleName} names no response example of ${operation.operationId}.`,
      };
  }

  let body: unknown;
  let example: string | undefined;
  if (response.mediaType) {
    const names = Object.keys(response.examples);
    const name = exampleName ?? names[0];
    if (name === undefined || !(name in response.examples))
      return {
        ok: false,
        message: `Prefer: example=${name} is not an example of the ${response.status} response of ${operation.operationId}; examples: ${names.join(", ") || "none"}.`,
      };
    body = structuredClone(response.examples[name]);
    example = name;
  }
  const headers: Record<string, string> = {};
  for (const [name, h] of Object.entries(response.headers)) {
    const value = headerValue(h);
    if (value !== undefined) headers[name] = value;
  }
  return { ok: true, value: { status: response.status, headers, body, example } };
}
