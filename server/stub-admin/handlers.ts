// The admin API's operations: readiness, reset, state, faults, rate limits and the request journal.
import type { operations } from "../../generated/stub-admin.d.ts";
import { toHar, type JournalFilter } from "../journal.ts";
import type { StubServices } from "../services.ts";
import type { FaultRequest, RateLimits } from "../shared/controls.ts";
import type { Handlers } from "../shared/operation.ts";
import { ProblemError } from "../shared/problems.ts";
import { StateError, type DemoData } from "../store.ts";
import { adminError } from "./errors.ts";

/**
 * The journal filter a request's query asks for. The validator has checked the values as numbers
 * within the spec's bounds, but it reads `1e309` as one (Infinity) and `0x10` as 16: here a number
 * is decimal digits, leading zeros allowed (`since` goes up to 2^53 - 1, as the spec says).
 */
function journalFilter({ query, url }: { query: JournalFilter; url: string }): JournalFilter {
  // As sent: the validator has turned the query's numbers into numbers already.
  const sent = new URLSearchParams(url.split("?")[1] ?? "");
  const number = (name: "status" | "since" | "limit") => {
    const value = sent.get(name);
    if (value === null) return undefined;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
      throw new ProblemError(
        "invalid-request",
        `The query parameter ${name} must be a whole number in decimal digits.`,
      );
    return Number(value);
  };
  return {
    api: query.api,
    operationId: query.operationId,
    status: number("status"),
    since: number("since"),
    limit: number("limit"),
  };
}

/** The operations a fault can affect: of its API and name, if given, and documenting its status, if given. */
function faultMatches(fault: FaultRequest, services: StubServices["serviceOperations"]): string[] {
  return [...services.entries()]
    .filter(
      ([id, t]) =>
        (!fault.api || t.api === fault.api) &&
        (!fault.operationId || id === fault.operationId) &&
        (fault.status === undefined || t.operation.responses.has(fault.status)),
    )
    .map(([id]) => id);
}

const done = { status: 204 as const, headers: {}, body: undefined };
const ok = <B>(body: B) => ({ status: 200 as const, headers: {}, body });

export function adminHandlers(services: StubServices): Handlers<operations> {
  const { store, journal, faults, limits, about } = services;
  return {
    getStubHealth: async () => {
      await services.ready;
      const uptimeSeconds = Math.floor((performance.now() - about.startedAt) / 1000);
      return ok({ status: "ok" as const, version: about.version, uptimeSeconds, apis: about.apis });
    },
    resetStub: () => {
      store.reset();
      journal.clear();
      faults.clear();
      limits.refill();
      return done;
    },
    getStubState: () => ok(store.snapshot()),
    replaceStubState: ({ body }) => {
      try {
        store.replace(body as DemoData);
      } catch (error) {
        if (error instanceof StateError) return adminError(400, "The state is not valid.", error.problems);
        throw error;
      }
      return done;
    },
    listStubFaults: () => ok({ faults: faults.list() }),
    addStubFault: ({ body }) => ({
      status: 201,
      headers: {},
      body: faults.add(body, faultMatches(body, services.serviceOperations)),
    }),
    clearStubFaults: () => {
      faults.clear();
      return done;
    },
    getStubLimits: () => ok(limits.get()),
    setStubLimits: ({ body }) => ok(limits.set(body as Partial<RateLimits>)),
    listStubRequests: (request) => ok(journal.select(journalFilter(request))),
    clearStubRequests: () => {
      journal.clear();
      return done;
    },
    getStubRequestsHar: (request) => ok(toHar(journal.select(journalFilter(request)).requests, about.version)),
  };
}
