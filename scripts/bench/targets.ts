// The benchmark's targets as apps, each with a store of its own; scripts/bench/server.ts serves one.
//   stubApp     the stub exactly as `npm start` serves it (auth, validation, state, request log,
//               journal; a journal size of 0 turns the journal off);
//   ceilingApp  Express with the stub's own express-openapi-validator set-up (the same views of the
//               same specs, the same options, requests and responses), mounted as the stub mounts
//               them, in front of the stub's (trivial) handlers: what the stub could reach if it did
//               nothing of its own;
//   bareApp     the stub's handlers on bare Express routes: no validation, no auth.
import { createWriteStream } from "node:fs";
import express from "express";
import { deleteAccessProfile } from "../../server/access-profiles/handlers.ts";
import { createApp, type StubApp } from "../../server/app.ts";
import { browserPointer, inspectorRouters } from "../../server/inspector.ts";
import { deleteProfileObject } from "../../server/customer-profiles/handlers.ts";
import { bufferedSink } from "../../server/shared/log.ts";
import { locations } from "../../server/locations.ts";
import { answer, newHexId, openContext, type ApiName } from "../../server/shared/context.ts";
import { loadSpec } from "../../server/shared/spec.ts";
import { specValidator } from "../../server/shared/validation.ts";
import { readDemoData, StubStore } from "../../server/store.ts";

const demoStore = () => new StubStore(readDemoData(locations.demoData));
const principal = { clientId: "org-admin", authorities: ["ORG_ADMIN"], scopes: ["sp:scopes:all"] };

/** The two operations' handlers as Express route handlers, with the context the stub would give them. */
function routes(store: StubStore) {
  const requestOf = <P>(res: express.Response, api: ApiName, path: P, body: unknown) => ({
    path,
    query: {} as never,
    body: body as never,
    url: "",
    context: openContext(res, api, newHexId()),
  });
  const deleteObject: express.RequestHandler = (req, res) => {
    const request = requestOf(res, "customer-profiles", { DomainName: req.params.DomainName as string }, req.body);
    answer(res, "handler", deleteProfileObject(store.customerProfiles, request));
  };
  const deleteProfile: express.RequestHandler = (req, res) => {
    const request = requestOf(res, "access-profiles", { id: req.params.id as string }, undefined);
    request.context.principal = principal;
    answer(res, "handler", deleteAccessProfile(store.accessProfiles, request));
  };
  return { deleteObject, deleteProfile };
}

export function bareApp(): express.Express {
  const { deleteObject, deleteProfile } = routes(demoStore());
  const app = express();
  app.post("/domains/:DomainName/profiles/objects/delete", express.json(), deleteObject);
  app.delete("/v3/access-profiles/:id", deleteProfile);
  return app;
}

/** The same handlers as bareApp, behind the stub's validators: the two differ by the validator alone. */
export function ceilingApp(): express.Express {
  const { deleteObject, deleteProfile } = routes(demoStore());
  const app = express();
  const customerProfiles = express.Router();
  customerProfiles.use(express.json(), specValidator(loadSpec("customer-profiles")));
  customerProfiles.post("/domains/:DomainName/profiles/objects/delete", deleteObject);
  const accessProfiles = express.Router();
  accessProfiles.use(specValidator(loadSpec("access-profiles")));
  accessProfiles.delete("/access-profiles/:id", deleteProfile);
  app.use("/v3", accessProfiles);
  app.use("/", customerProfiles);
  return app;
}

/**
 * The full stub; it logs every request, as npm start does, to /dev/null so that the disk is not
 * measured. Without the inspector, its two routes (GET / for a browser, the page at /__stub/) are
 * taken out, to measure what they cost every other request.
 */
export function stubApp(journalSize: number, { inspector = true } = {}): StubApp {
  const devNull = createWriteStream("/dev/null");
  const app = createApp({
    store: demoStore(),
    requestLog: bufferedSink((text) => devNull.write(text)),
    journalSize,
  });
  if (!inspector) {
    const stack = (app.router as unknown as { stack: Layer[] }).stack;
    const isInspector = (layer: Layer) =>
      inspectorRouters.has(layer.handle as never) || layer.route?.stack.some((l) => l.handle === browserPointer);
    const kept = stack.filter((layer) => !isInspector(layer));
    if (stack.length - kept.length !== 2) throw new Error("the stub's inspector routes were not found in its app");
    stack.splice(0, stack.length, ...kept);
  }
  return app;
}

/** An Express router's layer, as far as this needs it. */
interface Layer {
  handle: unknown;
  route?: { stack: Layer[] };
}
