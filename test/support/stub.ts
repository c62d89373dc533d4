// Starts the stub app in-process on 127.0.0.1, port 0, for one test file; closes it afterwards.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createTokenService } from "../../server/access-profiles/auth.ts";
import { createApp, type AppOptions } from "../../server/app.ts";
import { defaultDataFile } from "../../server/config.ts";
import { readDemoData, StubStore, type DemoData } from "../../server/store.ts";
import { testTokenSecret } from "./tokens.ts";

export const demoCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

export function demoData(): DemoData {
  return readDemoData(defaultDataFile);
}

export interface RunningStub {
  baseUrl: string;
  store: StubStore;
  /** Lines the stub wrote to its error log: faults in the stub itself. */
  errors: string[];
  close(): Promise<void>;
}

export async function startStub(options: Omit<AppOptions, "store" | "errorLog"> & { data?: DemoData } = {}): Promise<RunningStub> {
  const store = new StubStore(options.data ?? demoData());
  const errors: string[] = [];
  const app = createApp({ tokens: createTokenService({ secret: testTokenSecret }), ...options, store, errorLog: (line) => errors.push(line) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
