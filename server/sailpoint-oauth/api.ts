// SailPoint's token endpoint, POST /oauth/token, as the stub serves it: a form body (urlencoded or
// multipart) read within the body limit, the client's credentials in the form or as HTTP Basic
// (read by the clientSecretBasic scheme, checked by the operation), tokens from the stub's token
// service, errors as RFC 6749 writes them.
import type { operations } from "../../generated/sailpoint-oauth.d.ts";
import type { StubServices } from "../services.ts";
import type { ApiDescription } from "../shared/api.ts";
import { newHexId } from "../shared/context.ts";
import { readBasicCredentials, renderProblem } from "./errors.ts";
import { createAccessToken } from "./handlers.ts";

export const sailpointOAuth: ApiDescription<StubServices, operations> = {
  name: "sailpoint-oauth",
  kind: "service",
  mount: "/oauth",
  basePath: "",
  warmUp: "every operation",
  requestIds: { make: newHexId },
  body: { parse: "form" },
  security: () => ({ clientSecretBasic: { authenticate: readBasicCredentials } }),
  renderProblem,
  handlers: ({ store, tokens }) => ({
    createAccessToken: createAccessToken(store.accessProfiles, tokens),
  }),
};
