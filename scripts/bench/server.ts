// A benchmark target, run as its own process: `--mode full` is the stub exactly as `npm start`
// serves it (auth, validation, state, request log); `--mode bare` mounts the same handlers on bare
// Express routes with no validation and no auth. Prints `READY <url>` once listening.
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import express from "express";
import { deleteAccessProfile } from "../../server/access-profiles/handlers.ts";
import { newTrackingId } from "../../server/access-profiles/errors.ts";
import { createApp } from "../../server/app.ts";
import { paths } from "../../server/paths.ts";
import { deleteProfileObject } from "../../server/customer-profiles/handlers.ts";
import { bufferedSink } from "../../server/log.ts";
import { startServer } from "../../server/serve.ts";
import { sendResult } from "../../server/shared/operation.ts";
import { readDemoData, StubStore } from "../../server/store.ts";

const { values } = parseArgs({ options: { mode: { type: "string", default: "full" } } });
const store = new StubStore(readDemoData(paths.demoData));

function bareApp(): express.Express {
  const app = express();
  app.post("/domains/:DomainName/profiles/objects/delete", express.json(), (req, res) => {
    sendResult(
      res,
      deleteProfileObject(store.customerProfiles, { DomainName: req.params.DomainName as string }, req.body),
    );
  });
  app.delete("/v3/access-profiles/:id", (req, res) => {
    res.locals.requestId = newTrackingId();
    sendResult(
      res,
      deleteAccessProfile(store.accessProfiles, { id: req.params.id as string }, res, {
        clientId: "org-admin",
        authorities: ["ORG_ADMIN"],
        scopes: ["sp:scopes:all"],
      }),
    );
  });
  return app;
}

// The full stub logs every request, as npm start does; the lines go nowhere so the disk is not measured.
const devNull = createWriteStream("/dev/null");
const app =
  values.mode === "bare" ? bareApp() : createApp({ store, requestLog: bufferedSink((text) => devNull.write(text)) });
const running = await startServer(app, { host: "127.0.0.1", port: 0 });
process.stdout.write(`READY ${running.url}\n`);
process.once("SIGTERM", () => void running.shutdown(2000).then(() => process.exit(0)));
