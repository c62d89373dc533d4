// A benchmark target (see targets.ts), run as its own process; prints `READY <url>` once listening.
//   --mode full|ceiling|bare   [--journal-size N]   (full only; 0 turns the journal off)
//   [--v8-defaults]            (full only: without the heap settings the command applies)
//   [--no-inspector]           (full only: without the request inspector's routes)
//   [--cpu-profile <file>]     SIGUSR2 starts V8's CPU profiler, a second SIGUSR2 writes the profile
//                              to the file and prints `PROFILED <file>` (bench --part profile)
import { parseArgs } from "node:util";
import type { Express } from "express";
import { applyHeapSettings } from "../../server/heap.ts";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "full" },
    "journal-size": { type: "string", default: "1000" },
    "v8-defaults": { type: "boolean", default: false },
    "no-inspector": { type: "boolean", default: false },
    "cpu-profile": { type: "string" },
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

const profileFile = values["cpu-profile"];
if (profileFile) {
  const { Session } = await import("node:inspector/promises");
  const { renameSync, writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  // 100 µs between samples: fine enough for parts that cost tens of microseconds a request.
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  let profiling = false;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!profiling) {
        profiling = true;
        await session.post("Profiler.start");
        process.stdout.write("PROFILING\n");
        return;
      }
      profiling = false;
      const { profile } = await session.post("Profiler.stop");
      // Whole or not at all, for whoever waits for the file.
      writeFileSync(`${profileFile}.part`, JSON.stringify(profile));
      renameSync(`${profileFile}.part`, profileFile);
      process.stdout.write(`PROFILED ${profileFile}\n`);
    })();
  });
}
