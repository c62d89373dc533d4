// `npm run test:languages [python|go|java …]`: the consumer projects under examples/ in other
// languages (scripts/languages.ts), each generated from the bundled specs, built and checked its
// own way, and run against a stub started from this checkout, a fresh one per language on a free
// port. Every language runs even when one fails; the exit status is non-zero if any did. A missing
// or too old toolchain is a failure that says what to install, never a skip.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { relative } from "node:path";
import { startStub } from "../server/index.ts";
import { repoRoot } from "./apis.ts";
import { buildIfStale } from "./build.mjs";
import {
  checkoutCommand,
  type Language,
  languages,
  reportsDir,
  shellCommand,
  type Step,
  type Tool,
} from "./languages.ts";

/** What is wrong with a tool here, if anything: missing, or older than the language needs. */
function toolProblem(tool: Tool): string | undefined {
  const result = spawnSync(tool.command, tool.args, { encoding: "utf8" });
  const match = result.status === 0 ? tool.version.exec(`${result.stdout}${result.stderr}`) : null;
  if (!match) return `${tool.command} not found: install ${tool.install}`;
  const version = match.slice(1).map(Number);
  for (const [i, part] of tool.minimum.entries()) {
    const have = version[i] ?? 0;
    if (have > part) break;
    if (have < part) return `${tool.command} ${version.join(".")} is too old: install ${tool.install}`;
  }
  return undefined;
}

/** Runs a step with its output on ours; resolves to what went wrong, if anything. */
function run(language: Language, step: Step, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  console.log(`\n$ ${shellCommand(language, step, env.STUB_URL)}\n  # ${step.title}`);
  const check = step.guard?.();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: language.dir,
      env,
      stdio: ["ignore", step.mustPrintNothing ? "pipe" : "inherit", "inherit"],
    });
    let printed = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", (error) => resolve(`${step.title}: ${error.message}`));
    child.on("close", (code, signal) => {
      if (code !== 0) return resolve(`${step.title}: exit ${code ?? signal}`);
      if (printed) return resolve(`${step.title}: printed what it should not`);
      const problem = check?.();
      if (problem) return resolve(problem);
      step.onSuccess?.();
      resolve(undefined);
    });
  });
}

interface Outcome {
  language: string;
  seconds: number;
  problem?: string;
}

async function runLanguage(language: Language): Promise<Outcome> {
  const started = performance.now();
  const outcome = (problem?: string): Outcome => ({
    language: language.name,
    seconds: (performance.now() - started) / 1000,
    ...(problem ? { problem } : {}),
  });
  console.log(`\n━━ ${language.name} (${relative(repoRoot, language.dir)}) ━━`);
  for (const tool of language.tools) {
    const problem = toolProblem(tool);
    if (problem) return outcome(problem);
  }
  // Go uses the toolchain that is here, never one it would download.
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: "local" };
  for (const step of language.steps) {
    if (step.skip?.()) {
      console.log(`\n  # ${step.title}: done already`);
      continue;
    }
    // A step that needs the stub gets one of its own: the demo data, an empty journal.
    const stub = step.stub ? await startStub({ quiet: true }) : undefined;
    try {
      const { STUB_URL: _given, ...rest } = env;
      const problem = await run(language, step, {
        ...rest,
        ...step.env,
        ...(stub ? { STUB_URL: stub.url } : {}),
        ...(step.startsItsStub ? { CONTRACT_STUBS: checkoutCommand } : {}),
      });
      if (problem) return outcome(problem);
    } finally {
      await stub?.close();
    }
  }
  return outcome();
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !languages.some((l) => l.name === name));
if (unknown.length > 0) {
  console.error(`unknown language ${unknown.join(", ")}: choose from ${languages.map((l) => l.name).join(", ")}`);
  process.exit(2);
}
// The launcher steps run this checkout's command, which runs dist/.
await buildIfStale();
rmSync(reportsDir, { recursive: true, force: true });
mkdirSync(reportsDir, { recursive: true });

const outcomes: Outcome[] = [];
for (const language of languages.filter((l) => wanted.length === 0 || wanted.includes(l.name)))
  outcomes.push(await runLanguage(language));

console.log("\n━━ test:languages ━━");
for (const { language, seconds, problem } of outcomes)
  console.log(
    `${problem ? "FAIL" : "ok  "} ${language.padEnd(7)} ${seconds.toFixed(1).padStart(6)} s  ${problem ?? ""}`,
  );
console.log(`reports in ${relative(repoRoot, reportsDir)}/`);
process.exit(outcomes.every((o) => !o.problem) ? 0 : 1);
