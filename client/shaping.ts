// Middleware shared by both clients: guarantees that an error response has a JSON body in the
// API's own shape, so openapi-fetch's `error` is never undefined.
import type { Middleware } from "openapi-fetch";

/** Set on a response whose error body the client made up because the server sent none. */
export const synthesizedBodyHeader = "x-client-synthesized-body";

/**
 * Replaces an empty or non-JSON error body with `bodyFor(response)`; keeps status and headers.
 * A JSON error body is left exactly as the server sent it.
 */
export function errorBodyShaping(bodyFor: (response: Response, text: string) => unknown): Middleware {
  return {
    async onResponse({ response }) {
      if (response.ok) return undefined;
      const text = await response.clone().text();
      if (text.length > 0) {
        try {
          JSON.parse(text);
          return undefined;
        } catch {
          // Not JSON: shaped below.
        }
      }
      const headers = new Headers(response.headers);
      headers.set("content-type", "application/json");
      headers.set(synthesizedBodyHeader, "true");
      headers.delete("content-length");
      return new Response(JSON.stringify(bodyFor(response, text)), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
  };
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or undefined. */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
