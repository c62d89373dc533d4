// Typed client for the stub's admin API (/__stub), on openapi-fetch: readiness, reset, state, faults,
// limits and the request journal.
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "../generated/stub-admin.d.ts";
import { errorBodyShaping } from "./shaping.ts";

type Schemas = components["schemas"];
export type StubState = Schemas["StubState"];
export type StubFaultRequest = Schemas["FaultRequest"];
export type StubFault = Schemas["Fault"];
export type StubRateLimits = Schemas["RateLimits"];
export type StubHealth = Schemas["StubHealth"];
export type JournalEntry = Schemas["JournalEntry"];
export type JournalPage = Schemas["JournalPage"];
export type Har = Schemas["Har"];
/** Which recorded requests to read; every filter given must match. */
export type JournalFilter = NonNullable<operations["listStubRequests"]["parameters"]["query"]>;

export class StubAdminError extends Error {
  override readonly name = "StubAdminError";
  readonly status: number;
  readonly details: string[];

  constructor(response: Response, body: Schemas["AdminError"]) {
    super(body.message);
    this.status = response.status;
    this.details = body.details;
  }
}

export interface StubAdminClientOptions {
  /** The stub's root, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Needed only when the stub was started with an admin token. */
  adminToken?: string;
  fetch?: typeof fetch;
}

type Result<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: StubAdminError; response: Response };

export interface StubAdminClient {
  raw: Client<paths>;
  /** Answers once the stub is ready; needs no admin token. */
  health(): Promise<Result<StubHealth>>;
  reset(): Promise<Result<undefined>>;
  getState(): Promise<Result<StubState>>;
  replaceState(state: StubState): Promise<Result<undefined>>;
  listFaults(): Promise<Result<StubFault[]>>;
  addFault(fault: StubFaultRequest): Promise<Result<StubFault>>;
  clearFaults(): Promise<Result<undefined>>;
  getLimits(): Promise<Result<StubRateLimits>>;
  setLimits(limits: StubRateLimits): Promise<Result<StubRateLimits>>;
  /** The requests the stub recorded that match, oldest first, and how many match in all. */
  requests(filter?: JournalFilter): Promise<Result<JournalPage>>;
  /** Empties the request journal. */
  clearRequests(): Promise<Result<undefined>>;
  /** The same selection as `requests`, as HAR 1.2. */
  requestsHar(filter?: JournalFilter): Promise<Result<Har>>;
}

/**
 * @example
 * const admin = createStubAdminClient({ baseUrl: "http://127.0.0.1:4010" });
 * await admin.addFault({ api: "access-profiles", count: 2, status: 500 });
 * await admin.reset();
 */
export function createStubAdminClient(options: StubAdminClientOptions): StubAdminClient {
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  raw.use(
    errorBodyShaping((response, text) => ({
      message: text || `HTTP ${response.status} ${response.statusText}`.trim(),
      details: [],
    })),
  );
  if (options.adminToken) {
    const header = `Bearer ${options.adminToken}`;
    raw.use({
      onRequest: ({ request }) => {
        request.headers.set("authorization", header);
        return request;
      },
    });
  }
  /** The call's outcome as a Result: its data (or what `pick` takes from it), or a StubAdminError. */
  const settle = async <D, T = D>(
    call: Promise<{ data?: D; error?: unknown; response: Response }>,
    pick?: (data: D) => T,
  ): Promise<Result<T>> => {
    const { data, error, response } = await call;
    if (!response.ok || error !== undefined)
      return { error: new StubAdminError(response, error as Schemas["AdminError"]), response };
    return { data: pick ? pick(data as D) : (data as T), response };
  };
  return {
    raw,
    health: () => settle(raw.GET("/__stub/health")),
    reset: () => settle(raw.POST("/__stub/reset"), () => undefined),
    getState: () => settle(raw.GET("/__stub/state")),
    replaceState: (state) => settle(raw.PUT("/__stub/state", { body: state }), () => undefined),
    listFaults: () => settle(raw.GET("/__stub/faults"), (d: Schemas["FaultList"]) => d.faults),
    addFault: (fault) => settle(raw.POST("/__stub/faults", { body: fault })),
    clearFaults: () => settle(raw.DELETE("/__stub/faults"), () => undefined),
    getLimits: () => settle(raw.GET("/__stub/limits")),
    setLimits: (limits) => settle(raw.PUT("/__stub/limits", { body: limits })),
    requests: (filter = {}) => settle(raw.GET("/__stub/requests", { params: { query: filter } })),
    clearRequests: () => settle(raw.DELETE("/__stub/requests"), () => undefined),
    requestsHar: (filter = {}) => settle(raw.GET("/__stub/requests.har", { params: { query: filter } })),
  };
}
