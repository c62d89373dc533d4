// Contract coverage: for each API, operation × documented status × who exercised it (our client,
// the official SDKs, the fuzzer, the examples, other tests), read from the response records the
// test stubs write to test-results/contract-coverage/. Prints a table and writes report.html.
// With --check it fails when a documented status was never exercised, or when the stub ever
// answered a status its spec does not document.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listApis, repoRoot } from "./apis.ts";

// CONTRACT_COVERAGE_DIR points elsewhere (the report's own test feeds it made-up records).
const recordsDir = process.env.CONTRACT_COVERAGE_DIR ?? join(repoRoot, "test-results", "contract-coverage");
const exercisers = ["client", "official SDK", "fuzzer", "examples", "other tests"] as const;
const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

interface Event {
  api: string;
  method: string;
  url: string;
  status: number | "dropped";
  exerciser: (typeof exercisers)[number];
}

interface Operation {
  api: string;
  operationId: string;
  method: string;
  path: string;
  pattern: RegExp;
  statuses: number[];
}

const operations: Operation[] = listApis().flatMap((api) => {
  const spec = JSON.parse(readFileSync(join(repoRoot, "generated", `${api.name}.openapi.json`), "utf8"));
  // What the stub puts before the spec's paths: the path of its loopback server URL (`/v3`).
  const local = (spec.servers as { url: string }[]).find((s) => s.url.startsWith("http://127.0.0.1"));
  const base = local ? new URL(local.url).pathname.replace(/\/$/, "") : "";
  return Object.entries<Record<string, any>>(spec.paths).flatMap(([path, item]) =>
    methods
      .filter((m) => item[m])
      .map((m) => ({
        api: api.name,
        operationId: item[m].operationId as string,
        method: m.toUpperCase(),
        path,
        pattern: new RegExp(
          `^${base + path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`,
        ),
        statuses: Object.keys(item[m].responses).map(Number),
      })),
  );
});

const events: Event[] = existsSync(recordsDir)
  ? readdirSync(recordsDir)
      .filter((f) => f.endsWith(".jsonl"))
      .flatMap((f) =>
        readFileSync(join(recordsDir, f), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Event),
      )
  : [];

const counts = new Map<string, Record<string, number>>();
const violations: string[] = [];
for (const event of events) {
  if (event.status === "dropped") continue;
  const path = event.url.split("?")[0]!;
  const op = operations.find((o) => o.api === event.api && o.method === event.method && o.pattern.test(path));
  if (!op) {
    // No operation has this path and method: the answer must still be a status the API documents,
    // or 404 for a path the API does not have at all.
    const unknownPath = !operations.some((o) => o.api === event.api && o.pattern.test(path));
    const documented =
      (unknownPath && event.status === 404) ||
      operations.some((o) => o.api === event.api && o.statuses.includes(event.status as number));
    if (!documented)
      violations.push(
        `${event.api} ${event.method} ${path}: answered ${event.status}, which no operation of the API documents`,
      );
    continue;
  }
  if (!op.statuses.includes(event.status)) {
    violations.push(
      `${op.operationId} (${event.method} ${path}): answered ${event.status}, not documented (${op.statuses.join(", ")})`,
    );
    continue;
  }
  const key = `${op.operationId} ${event.status}`;
  const row = counts.get(key) ?? {};
  row[event.exerciser] = (row[event.exerciser] ?? 0) + 1;
  counts.set(key, row);
}

const rows = operations.flatMap((op) =>
  op.statuses.map((status) => {
    const row = counts.get(`${op.operationId} ${status}`) ?? {};
    return { op, status, row, total: exercisers.reduce((sum, e) => sum + (row[e] ?? 0), 0) };
  }),
);
const missing = rows.filter((r) => r.total === 0);

const header = ["API", "operation", "status", ...exercisers, "total"];
const table = [
  header,
  ...rows.map((r) => [
    r.op.api,
    r.op.operationId,
    String(r.status),
    ...exercisers.map((e) => String(r.row[e] ?? "")),
    String(r.total),
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
console.log(table.map((line) => line.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")).join("\n"));
console.log(
  `\n${events.length} responses recorded; ${rows.length - missing.length}/${rows.length} documented statuses exercised; ${violations.length} undocumented answers.`,
);

const escapeHtml = (t: string) => t.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
if (existsSync(recordsDir))
  writeFileSync(
    join(recordsDir, "report.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contract coverage</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
td.n{text-align:right}tr.missing{background:#ffebe9}</style></head><body><h1>Contract coverage</h1>
<p>${events.length} responses recorded by the test suite; ${rows.length - missing.length} of ${rows.length} documented statuses exercised.</p>
<table><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>
${rows.map((r) => `<tr${r.total === 0 ? ' class="missing"' : ""}><td>${r.op.api}</td><td>${r.op.operationId}</td><td>${r.status}</td>${exercisers.map((e) => `<td class="n">${r.row[e] ?? ""}</td>`).join("")}<td class="n">${r.total}</td></tr>`).join("\n")}
</table>${violations.length ? `<h2>Undocumented answers</h2><ul>${violations.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>` : ""}</body></html>\n`,
  );

if (process.argv.includes("--check")) {
  const problems = [...missing.map((r) => `never exercised: ${r.op.operationId} ${r.status}`), ...new Set(violations)];
  if (events.length === 0) problems.push(`no response records in ${recordsDir}: run the test suite first`);
  if (problems.length > 0) {
    console.error(`\ncontract coverage check failed:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}
