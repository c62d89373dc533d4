// The rate limiter on its own, on a clock the test moves: a token bucket per caller, and the
// escalating waits SailPoint gives some routes after repeated violations.
import { describe, expect, test } from "vitest";
import { RateLimiter } from "../server/shared/controls.ts";

function limiterAt(limits: ConstructorParameters<typeof RateLimiter>[0]) {
  let ms = 0;
  const limiter = new RateLimiter(limits, () => ms);
  return { limiter, advance: (seconds: number) => (ms += seconds * 1000) };
}

describe("RateLimiter", () => {
  test("without an escalation, says when the caller's bucket holds a request again; callers apart", () => {
    const { limiter, advance } = limiterAt({ accessProfiles: { requestsPerSecond: 1, burst: 2 } });
    expect([limiter.take("accessProfiles", "a"), limiter.take("accessProfiles", "a")]).toEqual([0, 0]);
    expect(limiter.take("accessProfiles", "a")).toBe(1);
    expect(limiter.take("accessProfiles", "b")).toBe(0);
    advance(1);
    expect(limiter.take("accessProfiles", "a")).toBe(0);
  });

  test("counts what is counted apart (SailPoint's API versions) in buckets of their own, under one limit", () => {
    const { limiter } = limiterAt({ accessProfiles: { requestsPerSecond: 1, burst: 1 } });
    expect(limiter.take("accessProfiles", "a", "v3")).toBe(0);
    expect(limiter.take("accessProfiles", "a", "v3")).toBe(1);
    expect(limiter.take("accessProfiles", "a", "v1")).toBe(0);
    expect(limiter.take("accessProfiles", "a", "v1")).toBe(1);
    // Changing the limit empties every bucket of the API, each version's.
    limiter.set({ accessProfiles: { requestsPerSecond: 1, burst: 1 } });
    expect([limiter.take("accessProfiles", "a", "v3"), limiter.take("accessProfiles", "a", "v1")]).toEqual([0, 0]);
  });

  test("with an escalation, each refusal in a row waits the next step (the last repeating), locked out until then", () => {
    const escalation = [60, 300, 600, 1200];
    const { limiter, advance } = limiterAt({ accessProfiles: { requestsPerSecond: 10, burst: 1, escalation } });
    expect(limiter.take("accessProfiles", "a")).toBe(0);
    expect(limiter.take("accessProfiles", "a")).toBe(60);
    // The bucket refills in a tenth of a second, but the caller is locked out for the wait.
    advance(30);
    expect(limiter.take("accessProfiles", "a")).toBe(300);
    advance(299);
    expect(limiter.take("accessProfiles", "a")).toBe(600);
    advance(600);
    expect(limiter.take("accessProfiles", "a")).toBe(0);
    // Getting through ended the row: the next refusal starts again at the first step.
    expect(limiter.take("accessProfiles", "a")).toBe(60);
    advance(60);
    expect(limiter.take("accessProfiles", "a")).toBe(0);
    for (const wait of [60, 300, 600, 1200, 1200]) {
      expect(limiter.take("accessProfiles", "a")).toBe(wait);
      advance(wait - 1);
    }
  });
});
