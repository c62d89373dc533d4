import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { ownProcess, suite } from "./test/support/own-process.ts";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// `npm run sdk-matrix` runs an official SDK's tests with another version of it, installed elsewhere:
// `{"<package>": "<its directory>"}`.
const sdkVersions: Record<string, string> = JSON.parse(process.env.SDK_MATRIX_ALIAS ?? "{}");

// The property suite takes longest (about a minute) and is a small file. Without timings of its own
// (a fresh clone, as in CI) vitest starts the largest files first, so it started last and ran on
// after everything else; this starts it first. With timings, it is the longest file anyway.
const startFirst = ["test/fuzz.test.ts"].map((path) => {
  if (!existsSync(source(`./${path}`))) throw new Error(`vitest.config.ts starts ${path} first, which is gone`);
  return source(`./${path}`);
});
// The examples run too (in `suite`): what the README shows a consumer writing must work.
// examples/vitest-shared is a suite of its own, with its own global setup: test/package.test.ts runs it.
const notSuite = [...configDefaults.exclude, "examples/vitest-shared/**"];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = sorted.filter((file) => startFirst.includes(file.moduleId));
    return [...first, ...sorted.filter((file) => !first.includes(file))];
  }
}

export default defineConfig({
  // Inside the repository the package's own entry points are its sources (as in tsconfig.json's paths).
  resolve: {
    alias: [
      { find: /^contract-stubs$/, replacement: source("./server/index.ts") },
      { find: /^contract-stubs\/client$/, replacement: source("./client/index.ts") },
      ...Object.entries(sdkVersions).map(([pkg, dir]) => ({ find: new RegExp(`^${pkg}$`), replacement: dir })),
    ],
  },
  test: {
    // A worker runs its files one after another in one process, which loads vitest, the stub and its
    // validators once instead of once per file: that was a quarter of the suite's CPU time. A file
    // that replaces a module (vi.mock) runs in a process of its own, and no mock reaches another file.
    // (A project's include and exclude add to the root's, so the root has none.)
    projects: [
      {
        extends: true,
        test: { name: "shared", isolate: false, include: suite, exclude: [...notSuite, ...ownProcess] },
      },
      { extends: true, test: { name: "own process", isolate: true, include: ownProcess, exclude: notSuite } },
    ],
    // A spy a test leaves behind is undone before the next test, this file's or another's.
    restoreMocks: true,
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two files at a time even on two cores, where vitest's default is one: a file's stubs, child
    // processes and browser leave its worker idle part of the time. `--maxWorkers=1` runs them one by one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
  },
});
