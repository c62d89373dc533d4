// SailPoint Identity Security Cloud v3 Access Profiles, as the stub serves it: under /v3, as the
// official SDK prefixes it; a bearer token from the token endpoint on every request, and each
// operation's scopes and authorities from its spec; errors as SailPoint sends them.
import type { operations } from "../../generated/access-profiles.d.ts";
import type { StubServices } from "../services.ts";
import type { ApiDescription } from "../shared/api.ts";
import { newHexId } from "../shared/context.ts";
import { requireAuthority, requireBearer } from "./auth.ts";
import { rateLimited, renderProblem } from "./errors.ts";
// The handlers as one namespace, so that an operation added to the spec is one line below.
import * as handle from "./handlers.ts";
import type { CommonHeaders } from "./handlers.ts";

export const accessProfiles: ApiDescription<StubServices, operations, CommonHeaders> = {
  name: "access-profiles",
  kind: "service",
  mount: "/v3",
  basePath: "/v3",
  warmUp: "every operation",
  requestIds: { make: newHexId, header: "X-Tracking-Id" },
  // No operation takes a body; it is read only to hold it to the limit.
  body: { parse: "ignored" },
  security: ({ tokens }) => ({ userAuth: { authenticate: requireBearer(tokens), authorize: requireAuthority } }),
  limit: ({ limits }) => ({ limiter: limits, api: "accessProfiles", refuse: rateLimited }),
  renderProblem,
  personalize: (context, response) => {
    const body = response.body as { trackingId?: string } | undefined;
    if (body && typeof body.trackingId === "string") body.trackingId = context.requestId;
  },
  handlers: ({ store }) => ({
    deleteAccessProfile: (request) => handle.deleteAccessProfile(store.accessProfiles, request),
    getAccessProfile: (request) => handle.getAccessProfile(store.accessProfiles, request),
  }),
};
