// The property suite in CI: at least 1,000 generated cases per operation with a fixed seed, so a
// failure reproduces; FUZZ_RUNS and FUZZ_SEED change both, and `npm run fuzz` runs more. The
// requests reach the stubs in process, without a socket: what these properties check is the
// answers. test/fuzz-load.test.ts runs the same properties over HTTP, under load.
import { afterAll, beforeAll, describe, test } from "vitest";
import { fuzzContract, type FuzzTargets } from "./fuzz/properties.ts";
import { fuzzState } from "./fuzz/stateful.ts";
import { injector } from "./support/inject.ts";
import { ContractOracle } from "./support/oracle.ts";
import { demoData, startTestStub, type TestStub } from "./support/stub.ts";

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const bodyLimitBytes = 8 * 1024;

const oracle = await ContractOracle.load();
let service: TestStub;
let admin: TestStub;
let stateful: TestStub;
beforeAll(async () => {
  service = await startTestStub({ exerciser: "fuzzer", bodyLimitBytes });
  admin = await startTestStub({
    exerciser: "fuzzer",
    bodyLimitBytes,
    adminBodyLimitBytes: bodyLimitBytes,
    adminToken: "fuzz-admin-token",
  });
  stateful = await startTestStub({ exerciser: "fuzzer" });
});
afterAll(async () => {
  await Promise.all([service?.close(), admin?.close(), stateful?.close()]);
});

describe(`generated requests (runs ${runs}, seed ${seed})`, () => {
  test("every operation: valid input served as documented, invalid input refused with 400, bad credentials never succeed, unsupported methods get documented errors", async () => {
    const targets: FuzzTargets = {
      serviceUrl: service.baseUrl,
      adminUrl: admin.baseUrl,
      adminToken: "fuzz-admin-token",
      bodyLimitBytes,
      // In process: what this test checks is the answers, not the wire (fuzz-load.test.ts uses sockets).
      send: injector({ [service.baseUrl]: service.server, [admin.baseUrl]: admin.server }),
    };
    await fuzzContract(oracle, targets, { runs, seed });
    for (const stub of [service, admin])
      if (stub.errors.length > 0) throw new Error(`the stub reported faults:\n${stub.errors.join("\n")}`);
  }, 600_000);

  test("any sequence of deletes, frees and resets matches the model of the state", async () => {
    await fuzzState(stateful.baseUrl, demoData(), { runs: Math.max(20, Math.ceil(runs / 10)), seed });
  }, 600_000);
});
