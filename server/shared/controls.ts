// What the admin API controls besides state: faults armed for the next matching requests, and
// per-credential rate limits (token buckets).
import type { RequestHandler } from "express";
import type { components } from "../../generated/stub-admin.d.ts";
import { answer, contextOf, type RequestContext, type SendableResult } from "./context.ts";

type Schemas = components["schemas"];
/** The APIs the stub stands in for (the admin API is its own): faults match them, the journal records them. */
export type ServiceApi = Schemas["ApiName"];
export type FaultRequest = Schemas["FaultRequest"];
export type Fault = Schemas["Fault"];
export type RateLimit = Schemas["RateLimit"];
export type RateLimits = Required<Schemas["RateLimits"]>;
/** The APIs rate limits apply to, as RateLimits names them. */
export type RateLimitedApi = keyof RateLimits;

export class FaultBook {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Arms a fault for the operations it `matches` (see the admin spec's Fault). */
  add(request: FaultRequest, matches: string[]): Fault {
    const count = request.count ?? 1;
    const fault: Fault = {
      id: this.nextId++,
      count,
      remaining: count,
      latencyMs: request.latencyMs ?? 0,
      drop: request.drop ?? false,
      matches: [...matches],
    };
    if (request.api) fault.api = request.api;
    if (request.operationId) fault.operationId = request.operationId;
    if (request.status !== undefined) fault.status = request.status;
    this.faults.push(fault);
    return { ...fault, matches: [...fault.matches] };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f, matches: [...f.matches] }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Uses up one request of the oldest fault that can affect the operation, if any. */
  take(api: ServiceApi, operationId: string): Fault | undefined {
    const index = this.faults.findIndex((f) => (!f.api || f.api === api) && f.matches.includes(operationId));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return { ...fault, matches: [...fault.matches] };
  }
}

/** The preset of `--rate-limits realistic`. */
export const realisticLimits: RateLimits = {
  customerProfiles: { requestsPerSecond: 100, burst: 100 },
  accessProfiles: { requestsPerSecond: 10, burst: 100 },
};

export const noLimits: RateLimits = { customerProfiles: null, accessProfiles: null };

interface Bucket {
  tokens: number;
  at: number;
  /** Refusals in a row since the caller last got through. */
  refusals: number;
  /** With an escalation: refused until then, whatever the bucket holds. */
  lockedUntil: number;
}

export class RateLimiter {
  private limits: RateLimits;
  private buckets = new Map<string, Bucket>();

  constructor(
    limits: Partial<RateLimits> = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limits = { ...noLimits, ...limits };
  }

  get(): RateLimits {
    return structuredClone(this.limits);
  }

  /** Changes the limits of the APIs named; their buckets start full. */
  set(limits: Partial<RateLimits>): RateLimits {
    for (const api of Object.keys(limits) as RateLimitedApi[]) {
      if (limits[api] === undefined) continue;
      this.limits[api] = limits[api] ?? null;
      for (const key of this.buckets.keys()) if (key.startsWith(`${api}\0`)) this.buckets.delete(key);
    }
    return this.get();
  }

  /** Refills every bucket. */
  refill(): void {
    this.buckets.clear();
  }

  /**
   * Takes one request from the caller's bucket: 0 if allowed, else whole seconds until it would be
   * (with an escalation, the wait of this refusal in the row). `counted` names what the API counts
   * apart within its limit (SailPoint: each API version).
   */
  take(api: RateLimitedApi, caller: string, counted = ""): number {
    const limit = this.limits[api];
    if (!limit) return 0;
    const key = `${api}\0${counted}\0${caller}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now, refusals: 0, lockedUntil: 0 };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.requestsPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1 && now >= bucket.lockedUntil) {
      bucket.tokens -= 1;
      bucket.refusals = 0;
      return 0;
    }
    bucket.refusals += 1;
    const { escalation } = limit;
    if (!escalation?.length) return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.requestsPerSecond));
    const wait = escalation[Math.min(bucket.refusals, escalation.length) - 1]!;
    bucket.lockedUntil = now + wait * 1000;
    return wait;
  }
}

/** An API's rate limit: the limiter, the API's bucket, and its documented 429. */
export interface CallerLimit {
  limiter: RateLimiter;
  api: RateLimitedApi;
  /** Counted apart within the API's limit: an API version, as SailPoint counts per client and version. */
  bucket?: string;
  refuse(context: RequestContext, retryAfterSeconds: number): SendableResult;
}

/** Refuses a caller (`context.caller`, set by authentication) over its limit, with `Retry-After`. */
export function rateLimit({ limiter, api, bucket, refuse }: CallerLimit): RequestHandler {
  return (_req, res, next) => {
    const context = contextOf(res);
    const wait = limiter.take(api, context.caller ?? "", bucket);
    if (wait === 0) return next();
    res.setHeader("Retry-After", String(wait));
    answer(res, "rate-limit", refuse(context, wait));
  };
}
