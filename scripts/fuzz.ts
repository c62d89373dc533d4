// `npm run fuzz -- --runs N --seed S`: the property suite of test/fuzz.test.ts with more cases,
// sent to the stubs in process as there (its run under load is the one over HTTP).
// Prints each property as it passes, and on a failure the seed and the shrunk request, so
// `npm run fuzz -- --runs N --seed S` replays it exactly.
import { parseArgs } from "node:util";
import { fuzzContract } from "../test/fuzz/properties.ts";
import { fuzzState } from "../test/fuzz/stateful.ts";
import { startFuzzStubs } from "../test/fuzz/stubs.ts";
import { ContractOracle } from "../test/support/oracle.ts";
import { demoData, startTestStub } from "../test/support/stub.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5000" }, seed: { type: "string" } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error("usage: npm run fuzz -- [--runs N] [--seed S]   (N ≥ 1 cases per operation; S an integer)");
  process.exit(2);
}

const oracle = await ContractOracle.load();
const stubs = await startFuzzStubs();
const stateful = await startTestStub({ exerciser: "fuzzer" });
console.log(`fuzzing with --runs ${runs} --seed ${seed}`);
const started = performance.now();
let failed = false;
try {
  await fuzzContract(oracle, stubs.targets("in process"), { runs, seed }, (r) =>
    console.log(`  ok  ${r.operationId}: ${r.property} (${r.runs} cases)`),
  );
  await fuzzState(stateful.baseUrl, demoData(), { runs: Math.max(20, Math.ceil(runs / 10)), seed });
  console.log(`  ok  state model: ${Math.max(20, Math.ceil(runs / 10))} command sequences`);
  const faults = [...stubs.errors(), ...stateful.errors];
  if (faults.length > 0) throw new Error(`the stub reported faults:\n${faults.join("\n")}`);
} catch (error) {
  failed = true;
  console.error(
    `\nFAILED with --seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})\n${(error as Error).message}`,
  );
} finally {
  await Promise.all([stubs.close(), stateful.close()]);
}
console.log(`${failed ? "failed" : "passed"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
