// SailPoint Identity Security Cloud Access Profiles, as the stub serves it, in both the versions
// SailPoint's SDKs call: v3 under /v3 (the 1.x SDKs prefix it), and the per-resource v1, whose
// paths name their version (/access-profiles/v1/{id}, the 2.x SDKs). Both serve the same state
// with the same handlers, tokens and authorities: a bearer token from the token endpoint on every
// request, each operation's scopes and authorities from its spec; errors as SailPoint sends them.
// Rate limits are shared, counted per client and API version as the service counts them.
import type { operations as v1Operations } from "../../generated/access-profiles-v1.d.ts";
import type { operations } from "../../generated/access-profiles.d.ts";
import type { StubServices } from "../services.ts";
import type { ApiDescription } from "../shared/api.ts";
import { newHexId } from "../shared/context.ts";
import { requireAuthority, requireBearer } from "./auth.ts";
import { rateLimited, renderProblem } from "./errors.ts";
// The handlers as one namespace, so that an operation added to the spec is one line below.
import * as handle from "./handlers.ts";
import type { CommonHeaders } from "./handlers.ts";

type Served<Operations> = ApiDescription<StubServices, Operations, CommonHeaders>;

/** What both versions share; each adds its name, where it is served, and its handlers. */
function sailpointApi<Operations>(
  version: string,
  description: Pick<Served<Operations>, "name" | "mount" | "basePath" | "warmUp" | "handlers">,
): Served<Operations> {
  return {
    ...description,
    kind: "service",
    requestIds: { make: newHexId, header: "X-Tracking-Id" },
    body: { parse: "json" },
    security: ({ tokens }) => ({ userAuth: { authenticate: requireBearer(tokens), authorize: requireAuthority } }),
    limit: ({ limits }) => ({ limiter: limits, api: "accessProfiles", bucket: version, refuse: rateLimited }),
    renderProblem,
    personalize: (context, response) => {
      const body = response.body as { trackingId?: string } | undefined;
      if (body && typeof body.trackingId === "string") body.trackingId = context.requestId;
    },
  };
}

export const accessProfiles = sailpointApi<operations>("v3", {
  name: "access-profiles",
  mount: "/v3",
  basePath: "/v3",
  warmUp: ["deleteAccessProfile"],
  handlers: ({ store }) => ({
    listAccessProfiles: (request) => handle.listAccessProfiles(store.accessProfiles, request),
    createAccessProfile: (request) => handle.createAccessProfile(store.accessProfiles, request),
    deleteAccessProfile: (request) => handle.deleteAccessProfile(store.accessProfiles, request),
    getAccessProfile: (request) => handle.getAccessProfile(store.accessProfiles, request),
    patchAccessProfile: (request) => handle.patchAccessProfile(store.accessProfiles, request),
    deleteAccessProfilesInBulk: (request) => handle.deleteAccessProfilesInBulk(store.accessProfiles, request),
  }),
});

export const accessProfilesV1 = sailpointApi<v1Operations>("v1", {
  name: "access-profiles-v1",
  mount: "/access-profiles/v1",
  basePath: "",
  warmUp: ["deleteAccessProfileV1"],
  handlers: ({ store }) => ({
    listAccessProfilesV1: (request) => handle.listAccessProfiles(store.accessProfiles, request),
    createAccessProfileV1: (request) => handle.createAccessProfile(store.accessProfiles, request),
    deleteAccessProfileV1: (request) => handle.deleteAccessProfile(store.accessProfiles, request),
    getAccessProfileV1: (request) => handle.getAccessProfile(store.accessProfiles, request),
    patchAccessProfileV1: (request) => handle.patchAccessProfile(store.accessProfiles, request),
    deleteAccessProfilesInBulkV1: (request) => handle.deleteAccessProfilesInBulk(store.accessProfiles, request),
  }),
});
