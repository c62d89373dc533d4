// The tables README.md and docs/performance.md give from the last full `npm run bench`
// (benchmarks/results/latest.json). Each sits between `<!-- bench:<name> -->` and
// `<!-- /bench:<name> -->`; a full run rewrites them, `npm run bench:tables` rewrites them from the
// committed latest.json, and test/docs.test.ts holds the pages to it. The prose around them is
// written by hand and names its run.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Latest, operations, recordedBound, type Started, targetNames } from "./results.ts";

/** A Markdown table, its columns padded; `right` says which columns align right. */
function table(head: string[], rows: string[][], right: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

function readmeTable(latest: Latest): string {
  const { install, throughput } = latest;
  const runs = latest.startup.runs;
  const rps = (target: string) => operations.map((op) => throughput["10"]![op]![target]!.requestsPerSecond).join(" / ");
  return table(
    ["", "contract-stubs", "Prism 5.16.0"],
    [
      ["installed with `--omit=dev`", `${install.stubMB} MB`, `${install.prismMB} MB`],
      ["spawn to ready (median of 5)", `${runs.stub.medianMs} ms`, `${runs.prism.medianMs} ms`],
      ["resident memory once ready", `${runs.stub.rssMB} MB`, `${runs.prism.rssMB} MB`],
      ["requests/s at 10 connections, `DeleteProfileObject` / `deleteAccessProfile`", rps("stub"), rps("prism")],
    ],
    [false, true, true],
  );
}

function startTable(latest: Latest): string {
  const runs = latest.startup.runs;
  const rows: [string, Started, string?][] = [
    ["`contract-stubs` (installed package), until `/__stub/health` answers 200", runs.stub],
    ["the same with its libraries bundled into `dist/`, as up to 0.1.0", runs.stubBundled],
    ["`npm start` in this checkout (npm itself included), likewise", runs.npmStart, " (npm, shell, stub)"],
    ["Prism 5.16.0, until it answers", runs.prism],
    ["a bare `node:http` server, until it answers", runs.nodeFloor],
  ];
  return table(
    ["spawn to first answer (median of 5)", "ms", "resident memory"],
    rows.map(([label, run, who]) => [label, String(run.medianMs), `${run.rssMB} MB${who ?? ""}`]),
    [false, true, true],
  );
}

function throughputTables(latest: Latest): string {
  const keys = Object.keys(latest.throughput).flatMap((c) => operations.map((op) => [c, op] as const));
  const requests = table(
    ["connections, operation", "stub", "journal off", "V8 defaults", "ceiling", "bare", "Prism"],
    keys.map(([c, op]) => [
      `${c}, ${op}`,
      ...targetNames.map((t) => String(latest.throughput[c]![op]![t]!.requestsPerSecond)),
    ]),
    [false, ...targetNames.map(() => true)],
  );
  const fixed = (n: number) => n.toFixed(2);
  // The goals the run was held to, as it recorded them.
  const goal = (name: string) => recordedBound(latest.targets[name]!);
  const ratios = table(
    [
      "connections, operation",
      `stub / ceiling (target ${goal("stubVsCeilingThroughput")})`,
      `p99 stub / ceiling (${goal("stubVsCeilingP99")})`,
      `stub / Prism (${goal("stubVsPrismThroughput")})`,
      `journal on / off (${goal("journalOnVsOffThroughput")})`,
      "heap settings / V8 defaults",
      "ceiling / bare",
    ],
    keys.map(([c, op]) => {
      const r = latest.ratios[c]![op]!;
      const t = latest.throughput[c]![op]!;
      return [
        `${c}, ${op}`,
        fixed(r.stubVsCeilingThroughput!),
        `${r.stubVsCeilingP99} (${t.stub!.p99} / ${t.ceiling!.p99} ms)`,
        fixed(r.stubVsPrismThroughput!),
        fixed(r.journalOnVsOffThroughput!),
        fixed(r.heapSettingsVsV8DefaultsThroughput!),
        fixed(r.ceilingVsBareThroughput!),
      ];
    }),
    [false, true, true, true, true, true, true],
  );
  return `${requests}\n\n${ratios}`;
}

/** Each generated block: the page it is on and its text. */
export function benchTables(latest: Latest): { name: string; page: string; text: string }[] {
  return [
    { name: "prism", page: "README.md", text: readmeTable(latest) },
    { name: "start", page: "docs/performance.md", text: startTable(latest) },
    { name: "throughput", page: "docs/performance.md", text: throughputTables(latest) },
  ];
}

const blockPattern = (name: string) => new RegExp(`(<!-- bench:${name} -->\\n)[\\s\\S]*?(\\n<!-- /bench:${name} -->)`);

/** The text between a block's markers on its page, as it stands. */
export function blockOnPage(root: string, page: string, name: string): string | undefined {
  const match = blockPattern(name).exec(readFileSync(join(root, page), "utf8"));
  return match?.[0].slice(match[1]!.length, -match[2]!.length);
}

/** Rewrites every block from `latest`; a page that lacks a block's markers is an error. */
export function writeBenchTables(root: string, latest: Latest): void {
  for (const { name, page, text } of benchTables(latest)) {
    const path = join(root, page);
    const before = readFileSync(path, "utf8");
    if (!blockPattern(name).test(before)) throw new Error(`${page} has no <!-- bench:${name} --> block`);
    writeFileSync(
      path,
      before.replace(blockPattern(name), (_, open, close) => `${open}${text}${close}`),
    );
  }
}

if (import.meta.filename === process.argv[1]) {
  const root = join(import.meta.dirname, "..", "..");
  const latest = JSON.parse(readFileSync(join(root, "benchmarks", "results", "latest.json"), "utf8")) as Latest;
  writeBenchTables(root, latest);
  console.log("README.md and docs/performance.md: the bench tables rewritten from benchmarks/results/latest.json");
}
