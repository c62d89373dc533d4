// A benchmark target (see targets.ts), run as its own process; prints `READY <url>` once listening.
//   --mode full|ceiling|bare   [--journal-size N]   (full only; 0 turns the journal off)
//   [--v8-defaults]            (full only: without the heap settings the command applies)
//   [--no-inspector]           (full only: without the request inspector's routes)
import { parseArgs } from "node:util";
import type { Express } from "express";
import { applyHeapSettings } from "../../server/heap.ts";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "full" },
    "journal-size": { type: "string", default: "1000" },
    "v8-defaults": { type: "boolean", default: false },
    "no-inspector": { type: "boolean", default: false },
  },
});
// As in the command: the heap settings first, then the stub.
if (values.mode === "full" && !values["v8-defaults"]) applyHeapSettings();
const { startServer } = await import("../../server/serve.ts");
const { bareApp, ceilingApp, stubApp } = await import("./targets.ts");

let app: Express;
if (values.mode === "bare") app = bareApp();
else if (values.mode === "ceiling") app = ceilingApp();
else {
  const stub = stubApp(Number(values["journal-size"]), { inspector: !values["no-inspector"] });
  await stub.ready;
  app = stub;
}
const running = await startServer(app, { host: "127.0.0.1", port: 0 });
process.stdout.write(`READY ${running.url}\n`);
process.once("SIGTERM", () => void running.shutdown(2000).then(() => process.exit(0)));
