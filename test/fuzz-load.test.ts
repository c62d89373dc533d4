// The properties of test/fuzz.test.ts under load, over HTTP: several fuzzers at once against one
// pair of stubs, with a core kept busy, so that an answer that depends on timing (a timeout, a body
// cut short, the token cache) shows as a 5xx or an answer off the spec. FUZZ_RUNS and FUZZ_SEED
// change the cases as they do there.
import { Worker } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { fuzzContract, type FuzzTargets } from "./fuzz/properties.ts";
import { ContractOracle } from "./support/oracle.ts";
import { startTestStub } from "./support/stub.ts";

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const bodyLimitBytes = 8 * 1024;

const oracle = await ContractOracle.load();

describe("under parallel load", () => {
  const fuzzers = 4;
  const runsEach = Math.max(40, Math.ceil(runs / 10));

  test(`${fuzzers} fuzzers at once (${runsEach} cases per operation each, other seeds) with a core kept busy: no 5xx, nothing off the spec`, async () => {
    const loaded = await startTestStub({ exerciser: "fuzzer", bodyLimitBytes });
    const loadedAdmin = await startTestStub({
      exerciser: "fuzzer",
      bodyLimitBytes,
      adminBodyLimitBytes: bodyLimitBytes,
      adminToken: "fuzz-admin-token",
    });
    // A busy loop on another thread for as long as the fuzzers run.
    const busy = new Worker("for (;;) {}", { eval: true });
    try {
      const targets: FuzzTargets = {
        serviceUrl: loaded.baseUrl,
        adminUrl: loadedAdmin.baseUrl,
        adminToken: "fuzz-admin-token",
        bodyLimitBytes,
      };
      const results = await Promise.allSettled(
        Array.from({ length: fuzzers }, (_, i) =>
          fuzzContract(oracle, targets, { runs: runsEach, seed: seed + 1 + i }),
        ),
      );
      const failures = results.flatMap((r, i) =>
        r.status === "rejected" ? [`fuzzer ${i + 1} (seed ${seed + 1 + i}): ${(r.reason as Error).message}`] : [],
      );
      expect(failures).toEqual([]);
      expect([...loaded.errors, ...loadedAdmin.errors]).toEqual([]);
    } finally {
      await busy.terminate();
      await Promise.all([loaded.close(), loadedAdmin.close()]);
    }
  }, 600_000);
});
