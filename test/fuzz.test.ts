// The property suite in CI: at least 1,000 generated cases per operation with a fixed seed, so a
// failure reproduces; FUZZ_RUNS and FUZZ_SEED change both, and `npm run fuzz` runs more. The
// requests reach the stubs in process, without a socket: what these properties check is the
// answers. Then the same properties over HTTP and under load: several fuzzers at once against one
// pair of stubs, with a core kept busy, so that an answer that depends on timing (a timeout, a body
// cut short, the token cache) shows as a 5xx or an answer off the spec. (One file for both: two
// files would start side by side at the end of a run in a fresh clone, where vitest orders files
// by size, and hold both cores with the busy loop between them.)
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fuzzContract } from "./fuzz/properties.ts";
import { fuzzState } from "./fuzz/stateful.ts";
import { type FuzzStubs, startFuzzStubs } from "./fuzz/stubs.ts";
import { ContractOracle } from "./support/oracle.ts";
import { demoData, startTestStub, type TestStub } from "./support/stub.ts";

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const seed = Number(process.env.FUZZ_SEED ?? 20261121);

const oracle = await ContractOracle.load();
let stubs: FuzzStubs;
let stateful: TestStub;
beforeAll(async () => {
  stubs = await startFuzzStubs();
  stateful = await startTestStub({ exerciser: "fuzzer" });
});
afterAll(async () => {
  await Promise.all([stubs?.close(), stateful?.close()]);
});

describe(`generated requests (runs ${runs}, seed ${seed})`, () => {
  test("every operation: valid input served as documented, invalid input refused with 400, bad credentials never succeed, unsupported methods get documented errors", async () => {
    // In process: what this test checks is the answers, not the wire (the test under load below uses sockets).
    await fuzzContract(oracle, stubs.targets("in process"), { runs, seed });
    const faults = stubs.errors();
    if (faults.length > 0) throw new Error(`the stub reported faults:\n${faults.join("\n")}`);
  }, 600_000);

  test("any sequence of deletes, frees and resets matches the model of the state", async () => {
    await fuzzState(stateful.baseUrl, demoData(), { runs: Math.max(20, Math.ceil(runs / 10)), seed });
  }, 600_000);
});

describe("under parallel load", () => {
  const fuzzers = 4;
  const runsEach = Math.max(40, Math.ceil(runs / 10));

  test(`${fuzzers} fuzzers at once (${runsEach} cases per operation each, other seeds) with a core kept busy: no 5xx, nothing off the spec`, async () => {
    const loaded = await startFuzzStubs();
    // A busy loop on another thread for as long as the fuzzers run.
    const busy = new Worker("for (;;) {}", { eval: true });
    try {
      const targets = loaded.targets("http");
      const results = await Promise.allSettled(
        Array.from({ length: fuzzers }, (_, i) =>
          fuzzContract(oracle, targets, { runs: runsEach, seed: seed + 1 + i }),
        ),
      );
      const failures = results.flatMap((r, i) =>
        r.status === "rejected" ? [`fuzzer ${i + 1} (seed ${seed + 1 + i}): ${(r.reason as Error).message}`] : [],
      );
      expect(failures).toEqual([]);
      expect(loaded.errors()).toEqual([]);
    } finally {
      await busy.terminate();
      await loaded.close();
    }
  }, 600_000);
});
