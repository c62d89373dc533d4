// The stub's own admin API under /__stub: readiness, reset, state, faults, rate limits and the
// request journal. Validated against its own spec like the services; only the machine the stub runs
// on may use it, and only with the admin token when the stub has one (see guard.ts).
import type { operations } from "../../generated/stub-admin.d.ts";
import type { StubServices } from "../services.ts";
import type { ApiDescription } from "../shared/api.ts";
import { newHexId } from "../shared/context.ts";
import { renderProblem } from "./errors.ts";
import { requireAdminToken, sameMachineOnly } from "./guard.ts";
import { adminHandlers } from "./handlers.ts";

export const stubAdmin: ApiDescription<StubServices, operations> = {
  name: "stub-admin",
  kind: "admin",
  mount: "/__stub",
  basePath: "",
  // The readiness probe must answer at full speed; the rest build their checks when first called.
  warmUp: ["getStubHealth"],
  requestIds: { make: newHexId },
  // A whole state can be large: the token is checked before the body is read.
  body: { parse: "json", credentialsFirst: true },
  guard: ({ host }) => sameMachineOnly(host),
  security: ({ adminToken }) => ({ adminToken: { authenticate: requireAdminToken(adminToken) } }),
  renderProblem,
  handlers: adminHandlers,
};
