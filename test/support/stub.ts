// Starts the stub app in-process on 127.0.0.1, port 0, for one test file; closes it afterwards.
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createTokenService } from "../../server/sailpoint-oauth/tokens.ts";
import { createApp, type AppOptions } from "../../server/app.ts";
import { locations } from "../../server/locations.ts";
import type { ResponseEvent } from "../../server/shared/log.ts";
import { readDemoData, StubStore, type DemoData } from "../../server/store.ts";
import { testTokenSecret } from "./tokens.ts";

export const demoCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** A profile object of the demo data, as DeleteProfileObject takes it. */
export const demoObject = {
  DomainName: "DemoDomain",
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "MyCustomObjectName",
  ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
};

/** An access profile of the demo data that nothing uses, so it can be deleted. */
export const unusedAccessProfile = "2c91808a7813090a017814121919ecca";

export function demoData(): DemoData {
  return readDemoData(locations.demoData);
}

/** Who sends the requests, for the contract-coverage report (npm run coverage:contract). */
export type Exerciser = "client" | "official SDK" | "fuzzer" | "examples" | "other tests";

export const coverageDir = new URL("../../test-results/contract-coverage/", import.meta.url).pathname;

export interface TestStub {
  baseUrl: string;
  /** Its HTTP server, for requests sent to it without a socket (support/inject.ts). */
  server: Server;
  store: StubStore;
  /** Lines the stub wrote to its error log: faults in the stub itself. */
  errors: string[];
  close(): Promise<void>;
}

export async function startTestStub(
  options: Omit<AppOptions, "store" | "errorLog"> & { data?: DemoData; exerciser?: Exerciser } = {},
): Promise<TestStub> {
  const store = new StubStore(options.data ?? demoData());
  const errors: string[] = [];
  const events: (ResponseEvent & { exerciser: Exerciser })[] = [];
  const exerciser = options.exerciser ?? "other tests";
  const app = createApp({
    tokens: createTokenService({ secret: testTokenSecret }),
    ...options,
    onResponse: (event) => {
      events.push({ ...event, exerciser });
      options.onResponse?.(event);
    },
    store,
    errorLog: (line) => errors.push(line),
  });
  await app.ready;
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    store,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).finally(() => {
        if (events.length === 0) return;
        mkdirSync(coverageDir, { recursive: true });
        appendFileSync(
          `${coverageDir}${process.pid}-${randomUUID()}.jsonl`,
          events.map((e) => JSON.stringify(e)).join("\n") + "\n",
        );
      }),
  };
}
