// Retries as openapi-fetch middleware, with policies that mirror what each official SDK does, so a
// caller of our client meets the same retry behaviour as a caller of the SDK.
import { setTimeout as sleep } from "node:timers/promises";
import type { Middleware } from "openapi-fetch";
import { retryAfterSeconds } from "./shaping.ts";

/** How many requests were sent in all for this call (1 when there was no retry). */
export const attemptsHeader = "x-client-attempts";

export interface RetryPolicy {
  /** Requests in all, the first included. */
  maxAttempts: number;
  /** Whether to try again after this answer (`response`) or network failure (`error`). */
  retryable(request: Request, outcome: { response: Response } | { error: unknown }): boolean;
  /** Milliseconds to wait before attempt `attempt + 1`. */
  delayMs(attempt: number, response: Response | undefined): number;
}

const idempotent = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * AWS SDK v3 standard mode: 3 attempts; throttling and 5xx; Retry-After, else capped exponential
 * backoff with jitter.
 */
export function awsStandardRetry(maxAttempts = 3): RetryPolicy {
  return {
    maxAttempts,
    retryable: (_request, outcome) =>
      "error" in outcome || outcome.response.status === 429 || outcome.response.status >= 500,
    delayMs: (attempt, response) => {
      const after = response && retryAfterSeconds(response);
      if (after !== undefined) return after * 1000;
      return Math.random() * Math.min(20_000, 100 * 2 ** attempt);
    },
  };
}

/**
 * sailpoint-api-client (axios-retry defaults): 3 retries of 5xx and network errors on idempotent
 * methods, at once; never 429.
 */
export function sailpointSdkRetry(retries = 3): RetryPolicy {
  return {
    maxAttempts: retries + 1,
    retryable: (request, outcome) =>
      idempotent.has(request.method) && ("error" in outcome || outcome.response.status >= 500),
    delayMs: () => 0,
  };
}

function withAttempts(response: Response, attempts: number): Response {
  const headers = new Headers(response.headers);
  headers.set(attemptsHeader, String(attempts));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Re-sends the request (as signed) while the policy says so. Register it last. */
export function retrying(policy: RetryPolicy): Middleware {
  const originals = new Map<string, Request>();

  async function again(
    id: string,
    fetcher: typeof fetch,
    first: { response: Response } | { error: unknown },
  ): Promise<Response | undefined> {
    const original = originals.get(id);
    originals.delete(id);
    if (!original) return undefined;
    let outcome = first;
    let attempt = 1;
    while (attempt < policy.maxAttempts && policy.retryable(original, outcome)) {
      const previous = "response" in outcome ? outcome.response : undefined;
      await previous?.body?.cancel();
      await sleep(policy.delayMs(attempt, previous));
      attempt++;
      try {
        outcome = { response: await fetcher(original.clone()) };
      } catch (error) {
        outcome = { error };
      }
    }
    if ("error" in outcome) throw outcome.error;
    return withAttempts(outcome.response, attempt);
  }

  return {
    onRequest({ request, id }) {
      originals.set(id, request.clone());
      return undefined;
    },
    onResponse({ response, id, options }) {
      return again(id, options.fetch, { response });
    },
    async onError({ error, id, options }) {
      return again(id, options.fetch, { error });
    },
  };
}
