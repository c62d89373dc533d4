// Amazon Connect Customer Profiles, as the stub serves it: at the root, as on its real endpoint
// (so it answers every path the other APIs do not), every request signed with SigV4 and checked
// before the validator, errors as AWS sends them.
import { randomUUID } from "node:crypto";
import type { operations } from "../../generated/customer-profiles.d.ts";
import type { StubServices } from "../services.ts";
import type { ApiDescription } from "../shared/api.ts";
import { requireSigV4 } from "./auth.ts";
import { awsError, renderProblem } from "./errors.ts";
// The handlers as one namespace, so that an operation added to the spec is one line below.
import * as handle from "./handlers.ts";
import type { CommonHeaders } from "./handlers.ts";

export const customerProfiles: ApiDescription<StubServices, operations, CommonHeaders> = {
  name: "customer-profiles",
  kind: "service",
  mount: "/",
  basePath: "",
  warmUp: ["DeleteProfileObject"],
  requestIds: { make: randomUUID, header: "x-amzn-RequestId" },
  body: { parse: "json" },
  security: ({ store }) => ({ sigv4: { authenticate: requireSigV4(store.customerProfiles) } }),
  limit: ({ limits }) => ({
    limiter: limits,
    api: "customerProfiles",
    refuse: () => awsError("ThrottlingException", "Rate exceeded"),
  }),
  renderProblem,
  handlers: ({ store }) => ({
    DeleteProfileObject: (request) => handle.deleteProfileObject(store.customerProfiles, request),
    PutProfileObjectType: (request) => handle.putProfileObjectType(store.customerProfiles, request),
    GetProfileObjectType: (request) => handle.getProfileObjectType(store.customerProfiles, request),
    DeleteProfileObjectType: (request) => handle.deleteProfileObjectType(store.customerProfiles, request),
    CreateProfile: (request) => handle.createProfile(store.customerProfiles, request),
    DeleteProfile: (request) => handle.deleteProfile(store.customerProfiles, request),
    PutProfileObject: (request) => handle.putProfileObject(store.customerProfiles, request),
    ListProfileObjects: (request) => handle.listProfileObjects(store.customerProfiles, request),
  }),
};
