// What `npm run bench` measures and writes to benchmarks/results/latest.json, and the goals it holds
// the figures to. scripts/bench.ts fills these in; scripts/bench/tables.ts reads them back for the
// README and docs/performance.md. A goal is written here once: the run's verdicts, its console text,
// latest.json's `targets` and the tables' headers all come from this table.

/** The operations the throughput runs load, and the targets each is measured on, in this order. */
export const operations = ["DeleteProfileObject", "deleteAccessProfile"] as const;
export type Operation = (typeof operations)[number];
export const targetNames = ["stub", "stub, journal off", "stub, V8 defaults", "ceiling", "bare", "prism"];

/** One load run against one target. */
export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
}

/** The medians of a target's rounds, with each round's requests per second. */
export type Summarized = Measured & { rounds: number[] };

/** By connection count, then operation, then target name ("stub", "ceiling", "prism", ...). */
export type Throughput<Operation extends string = string> = Record<
  string,
  Record<Operation, Record<string, Summarized>>
>;

/** By connection count, then operation: each ratio by name (`stubVsCeilingThroughput`, ...). */
export type Ratios = Record<string, Record<string, Record<string, number>>>;

/** A command's start, spawn to first answer. */
export interface Started {
  /** Spawn to first answer, median of the runs, in ms. */
  medianMs: number;
  runs: number[];
  /** Resident memory of the spawned process (for npm start, of npm, its shell and the stub) once it answered, in MB. */
  rssMB: number;
}

export type StartTarget = "stub" | "stubBundled" | "npmStart" | "prism" | "nodeFloor";

/** What a test file that starts the stub in its own process pays, in ms: medians of fresh processes. */
export interface InProcess {
  /** `await import("contract-stubs")`. */
  importMs: number;
  /** The first `startStub()` after it, until it resolves (listening; it builds no checks up front). */
  firstStartMs: number;
  /** A second `startStub()` in the same process (the next test's stub, say). */
  secondStartMs: number;
  /** The floor: `node:http` imported and a server listening on port 0, in a fresh process. */
  nodeFloorMs: number;
  runs: number;
}

export interface Sizes {
  stubMB: number;
  stubDiskMB: number;
  tarballKB: number;
  bundledMB: number;
  bundledDiskMB: number;
  bundledTarballKB: number;
  prismMB: number;
}

/** A bound a figure must keep: at most or at least `limit`; `aim` is where we would like it. */
export interface Goal {
  limit: number;
  keep: "at most" | "at least";
  aim?: number;
}

export const goals = {
  stubVsCeilingThroughput: { keep: "at least", limit: 0.85, aim: 0.9 },
  stubVsCeilingP99: { keep: "at most", limit: 1.2 },
  stubVsPrismThroughput: { keep: "at least", limit: 6 },
  journalOnVsOffThroughput: { keep: "at least", limit: 0.95 },
  stubReadyMs: { keep: "at most", limit: 500 },
  inProcessImportMs: { keep: "at most", limit: 150 },
  inProcessFirstStartMs: { keep: "at most", limit: 100 },
  stubVsPrismStart: { keep: "at most", limit: 0.5 },
  stubVsNodeFloorStart: { keep: "at most", limit: 3 },
  npmStartReadyMs: { keep: "at most", limit: 1000 },
  installedMB: { keep: "at most", limit: 40 },
  // Measured by `--part inspector` only, so not among a full run's targets.
  inspectorOnVsOffThroughput: { keep: "at least", limit: 0.97 },
} as const satisfies Record<string, Goal>;

export type GoalName = keyof typeof goals;

/** Whether `value` keeps the goal. */
export const meets = (name: GoalName, value: number): boolean =>
  goals[name].keep === "at most" ? value <= goals[name].limit : value >= goals[name].limit;

/** The goal as the console and the tables write it: "≤ 500", "≥ 0.85". */
export const bound = (name: GoalName): string => `${goals[name].keep === "at most" ? "≤" : "≥"} ${goals[name].limit}`;

/** A goal as latest.json records it (">= 0.85 (aim 0.9)"), written as `bound` writes it: "≥ 0.85". */
export const recordedBound = (recorded: string): string =>
  recorded
    .replace(/ \(aim .*\)$/, "")
    .replace(/^>=/, "≥")
    .replace(/^<=/, "≤");

/** The goals a full run is held to, as latest.json records them: ">= 0.85 (aim 0.9)". */
export function recordedTargets(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(goals)
      .filter(([name]) => name !== "inspectorOnVsOffThroughput")
      .map(([name, goal]: [string, Goal]) => [
        name,
        `${goal.keep === "at most" ? "<=" : ">="} ${goal.limit}${goal.aim === undefined ? "" : ` (aim ${goal.aim})`}`,
      ]),
  );
}

/** The whole of latest.json. */
export interface Latest {
  date: string;
  machine: { node: string; cpus: string; memoryGiB: number };
  settings: { duration: number; rounds: number; connections: number[] };
  throughput: Throughput;
  ratios: Ratios;
  residentAfterLoadMB: Record<string, number>;
  signature: unknown;
  startup: {
    stubReadyMs: number;
    stubVsPrism: number;
    stubVsNodeFloor: number;
    npmStartReadyMs: number;
    runs: Record<StartTarget, Started>;
    inProcess: InProcess;
  };
  install: Sizes;
  targets: Record<string, string>;
}
