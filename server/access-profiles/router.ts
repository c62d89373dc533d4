// The SailPoint Access Profiles API under /v3: body limit, bearer token, the OpenAPI validator,
// handlers and one error handler, in the order a request meets them.
import express, { type Router } from "express";
import { tagRequests } from "../log.ts";
import { rateLimit, type RateLimiter } from "../shared/controls.ts";
import { serveOperation, type ApiResponder, type RouterBasics } from "../shared/operation.ts";
import { ProblemError, rawBody } from "../shared/problems.ts";
import { documentedOperations, loadSpec } from "../shared/spec.ts";
import type { AccessProfilesStore } from "../store.ts";
import { requireAuthority, requireBearer, type Principal, type TokenService } from "./auth.ts";
import { accessProfilesErrors, badRequestText, newTrackingId, sendDtoError, sendRateLimited } from "./errors.ts";
import { deleteAccessProfile } from "./handlers.ts";

export interface AccessProfilesOptions extends RouterBasics {
  store: AccessProfilesStore;
  tokens: TokenService;
  limits: RateLimiter;
}

export function accessProfilesRouter(options: AccessProfilesOptions): Router {
  const spec = loadSpec("access-profiles");
  const operations = documentedOperations(spec);
  const router = express.Router();
  const responder: ApiResponder = {
    api: "access-profiles",
    faults: options.faults,
    refusePrefer: (res, message) => sendDtoError(res, "400.1 Bad Request Content", badRequestText, [message]),
    personalize: (res, response) => {
      const body = response.body as { trackingId?: string } | undefined;
      if (body && typeof body.trackingId === "string") body.trackingId = res.locals.requestId;
    },
  };

  router.use(
    tagRequests("access-profiles", {
      newId: newTrackingId,
      idHeader: "X-Tracking-Id",
      requestLog: options.requestLog,
      onResponse: options.onResponse,
      journal: options.journal,
    }),
  );
  // No operation takes a body; it is read only to enforce the limit, then dropped.
  router.use(rawBody(options.bodyLimitBytes));
  router.use((req, _res, next) => {
    req.body = undefined;
    next();
  });
  router.use(requireBearer(options.tokens));
  router.use(
    rateLimit(options.limits, "accessProfiles", (res) => (res.locals.principal as Principal).clientId, sendRateLimited),
  );
  router.use(options.validator);

  const deleteOperation = operations.get("deleteAccessProfile")!;
  router.delete(
    "/access-profiles/:id",
    requireAuthority(deleteOperation),
    serveOperation(deleteOperation, responder, (req) =>
      deleteAccessProfile(
        options.store,
        { id: req.params.id as string },
        req.res!,
        req.res!.locals.principal as Principal,
      ),
    ),
  );

  router.use((_req, _res, next) => next(new ProblemError("no-such-operation", "Not found.")));
  router.use(accessProfilesErrors(options.errorLog));
  return router;
}
