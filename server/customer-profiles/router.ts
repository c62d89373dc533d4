// The Customer Profiles API: parsers, SigV4, the OpenAPI validator, handlers and one error handler,
// in the order a request meets them.
import { randomUUID } from "node:crypto";
import express, { type Router } from "express";
import { tagRequests } from "../log.ts";
import { rateLimit, type RateLimiter } from "../shared/controls.ts";
import { serveOperation, type ApiResponder, type RouterBasics } from "../shared/operation.ts";
import { parseJsonBody, ProblemError, rawBody } from "../shared/problems.ts";
import { documentedOperations, loadSpec } from "../shared/spec.ts";
import type { CustomerProfilesStore } from "../store.ts";
import { requireSigV4 } from "./auth.ts";
import { customerProfilesErrors, sendAwsError } from "./errors.ts";
import { deleteProfileObject } from "./handlers.ts";

export interface CustomerProfilesOptions extends RouterBasics {
  store: CustomerProfilesStore;
  limits: RateLimiter;
}

export function customerProfilesRouter(options: CustomerProfilesOptions): Router {
  const spec = loadSpec("customer-profiles");
  const operations = documentedOperations(spec);
  const router = express.Router();
  const responder: ApiResponder = {
    api: "customer-profiles",
    faults: options.faults,
    refusePrefer: (res, message) => sendAwsError(res, "BadRequestException", message),
  };

  router.use(
    tagRequests("customer-profiles", {
      newId: randomUUID,
      idHeader: "x-amzn-RequestId",
      requestLog: options.requestLog,
      onResponse: options.onResponse,
      journal: options.journal,
    }),
  );
  router.use(rawBody(options.bodyLimitBytes));
  router.use(requireSigV4(options.store));
  router.use(
    rateLimit(
      options.limits,
      "customerProfiles",
      (res) => res.locals.accessKeyId,
      (res) => sendAwsError(res, "ThrottlingException", "Rate exceeded"),
    ),
  );
  router.use(parseJsonBody);
  router.use(options.validator);

  router.post(
    "/domains/:DomainName/profiles/objects/delete",
    serveOperation(operations.get("DeleteProfileObject")!, responder, (req) =>
      deleteProfileObject(options.store, { DomainName: req.params.DomainName as string }, req.body),
    ),
  );

  router.use((_req, _res, next) => next(new ProblemError("no-such-operation", "Not found.")));
  router.use(customerProfilesErrors(options.errorLog));
  return router;
}
