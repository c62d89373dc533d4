// Starting the stub, as the command and startStub both do: load its state, build the app, wait until
// every API is ready, and only then listen, so that whoever connects first is served at full speed.
import { adminTokenFor, configFromOptions, type StubConfig } from "./config.ts";
import { createApp } from "./app.ts";
import { stdoutSink } from "./shared/log.ts";
import { startServer, type RunningServer } from "./serve.ts";
import { locations } from "./locations.ts";
import { checkDemoData, packagedDemoData, readDemoData, StubStore, type DemoData } from "./store.ts";

export interface Launched {
  url: string;
  /** The admin token in force, made up when listening beyond loopback without one. */
  adminToken?: string;
  running: RunningServer;
}

/** The stub could not listen where it was told to: Node's `code` (`EADDRINUSE`, `EACCES`…) and the error as `cause`. */
export class ListenError extends Error {
  override readonly name = "ListenError";
  readonly code: string | undefined;
  constructor(
    readonly host: string,
    readonly port: number,
    cause: NodeJS.ErrnoException,
  ) {
    super(`cannot listen on ${host}:${port}: ${cause.message}`, { cause });
    this.code = cause.code;
  }
}

/**
 * Starts the stub; rejects with a message fit for the user when its data (a StateError) or its
 * address (a ListenError) is unusable.
 */
export async function launch(config: StubConfig): Promise<Launched> {
  const data =
    config.data === locations.demoData
      ? packagedDemoData()
      : typeof config.data === "string"
        ? readDemoData(config.data)
        : checkDemoData(structuredClone(config.data), "the data option");
  const adminToken = adminTokenFor(config);
  const app = createApp({
    store: new StubStore(data, { checked: true }),
    bodyLimitBytes: config.bodyLimitBytes,
    requestLog: config.log ? stdoutSink : undefined,
    rateLimits: config.rateLimits,
    adminToken,
    host: config.host,
    journalSize: config.journalSize,
    warmUp: config.warmUp,
  });
  await app.ready;
  const running = await startServer(app, { host: config.host, port: config.port }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ListenError(config.host, config.port, error);
    },
  );
  return { url: running.url, adminToken, running };
}

/**
 * A stub for the package's other tools (the verifier, which compares a target with it): on
 * loopback and a free port, quiet, from the demo data it ships, which it hands over too, since its
 * credentials are what a client of that stub uses.
 */
export async function startLocalStub(): Promise<{ url: string; data: DemoData; close(): Promise<void> }> {
  const { url, running } = await launch(configFromOptions({}));
  return { url, data: packagedDemoData(), close: () => running.shutdown(5000).then(() => undefined) };
}
