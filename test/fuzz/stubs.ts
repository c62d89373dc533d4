// The pair of stubs the contract properties run against (test/fuzz.test.ts, scripts/fuzz.ts): one
// serving the APIs, one serving the admin API behind its token, both with a small body limit so that
// an oversized body is cheap to make.
import type { FuzzTargets } from "./properties.ts";
import { injector } from "../support/inject.ts";
import { startTestStub } from "../support/stub.ts";

const bodyLimitBytes = 8 * 1024;
const adminToken = "fuzz-admin-token";

export interface FuzzStubs {
  /** Where the properties send their requests: in process (support/inject.ts), or over HTTP with fetch. */
  targets(over: "in process" | "http"): FuzzTargets;
  /** What the two stubs wrote to their error logs: faults in the stub itself. */
  errors(): string[];
  close(): Promise<void>;
}

export async function startFuzzStubs(): Promise<FuzzStubs> {
  const service = await startTestStub({ exerciser: "fuzzer", bodyLimitBytes });
  const admin = await startTestStub({
    exerciser: "fuzzer",
    bodyLimitBytes,
    adminBodyLimitBytes: bodyLimitBytes,
    adminToken,
  });
  return {
    targets: (over) => ({
      serviceUrl: service.baseUrl,
      adminUrl: admin.baseUrl,
      adminToken,
      bodyLimitBytes,
      ...(over === "in process"
        ? { send: injector({ [service.baseUrl]: service.server, [admin.baseUrl]: admin.server }) }
        : {}),
    }),
    errors: () => [...service.errors, ...admin.errors],
    close: async () => {
      await Promise.all([service.close(), admin.close()]);
    },
  };
}
