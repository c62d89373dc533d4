// What the app makes once and every API's description may use: the state, the token service, the
// rate limits and faults the admin API controls, the journal, and what the health check reports.
import type { components } from "../generated/stub-admin.d.ts";
import type { Journal } from "./journal.ts";
import type { FaultBook, RateLimiter, ServiceApi } from "./shared/controls.ts";
import type { DocumentedOperation } from "./shared/spec.ts";
import type { TokenService } from "./sailpoint-oauth/tokens.ts";
import type { StubStore } from "./store.ts";

export interface StubServices {
  store: StubStore;
  /** Issues and verifies SailPoint access tokens. */
  tokens: TokenService;
  limits: RateLimiter;
  faults: FaultBook;
  journal: Journal;
  /** Every operation of the services the stub stands in for, by id: what a fault may name. */
  serviceOperations: Map<string, { api: ServiceApi; operation: DocumentedOperation }>;
  /** Resolves once every API is ready; the health check answers then. */
  ready: Promise<void>;
  /** What the health check reports: the package version, when the app was made (performance.now()), the APIs. */
  about: { version: string; startedAt: number; apis: components["schemas"]["ServedApi"][] };
  /** When set, the admin API requires `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** The address the stub listens on, for the admin API's guard. */
  host?: string;
}
