// A verification's report in the forms people read it: a summary for the terminal, JSON Lines for
// machines, JUnit XML for CI systems, and the exchanges as HAR 1.2. Everything here is built from
// what was already redacted when it was recorded.
import { harRequest, harResponse } from "../shared/har.ts";
import type { CaseResult, VerifyReport } from "./types.ts";
import type { Exchange } from "./send.ts";

const marks = {
  passed: "passed ",
  failed: "FAILED ",
  skipped: "skipped",
  "not verifiable": "n/a    ",
  planned: "planned",
} as const;

function counts(report: VerifyReport): string {
  const n = (outcome: string) => report.cases.filter((c) => c.outcome === outcome).length;
  const parts = [
    `${n("passed")} passed`,
    `${n("failed")} failed`,
    `${n("skipped")} skipped`,
    `${n("not verifiable")} not verifiable`,
  ];
  if (report.dryRun) parts.unshift(`${n("planned")} planned`);
  const drifted = report.cases.filter((c) => c.drift.length > 0).length;
  const drift = report.comparedWithStub ? `; ${drifted} answered differently from the stub` : "";
  return `${report.cases.length} cases: ${parts.join(", ")}${drift}.`;
}

const indent = (lines: string[]) => lines.map((line) => `             ${line}`);

const verdicts: Record<VerifyReport["verdict"], string> = {
  conforms: "The target conforms.",
  "does not conform": "The target does not conform.",
  "dry run": "Nothing was sent, so this says nothing of whether the target conforms.",
};

/** The summary's first line. */
export function summaryHeading(run: Pick<VerifyReport, "api" | "baseUrl" | "dryRun">): string {
  return `contract-stubs verify: ${run.api} at ${run.baseUrl}${run.dryRun ? " (dry run: nothing sent)" : ""}\n`;
}

/** One case's lines in the summary: its outcome and id, what went wrong, and in a dry run the request. */
export function caseText(c: CaseResult, dryRun: boolean): string {
  const reason = c.reason ? `: ${c.reason}` : "";
  const lines = [`  ${marks[c.outcome]}  ${c.id}${reason}`, ...indent(c.problems)];
  if (c.drift.length > 0) lines.push(...indent(["differs from the stub:", ...c.drift.map((d) => `  ${d}`)]));
  if (dryRun && c.before) lines.push(...indent(["first, to make what it acts on:", ...c.before.map((b) => `  ${b}`)]));
  if (dryRun && c.request) {
    const { method, url, headers, body } = c.request;
    lines.push(...indent([`${method} ${url}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)]));
    if (body !== null) lines.push(...indent([typeof body === "string" ? body : JSON.stringify(body)]));
  }
  return `${lines.join("\n")}\n`;
}

/** The summary's last lines: the totals and what they say of the target. */
export function summaryTotals(report: VerifyReport): string {
  const lines = [counts(report)];
  if (report.interrupted) lines.push("Interrupted: the cases after the last one above were not sent.");
  const made = report.cleanup;
  if (made.length > 0) {
    const left = made.filter((c) => !c.deleted);
    lines.push(
      left.length === 0
        ? `Deleted the ${made.length} ${made.length === 1 ? "thing" : "things"} it created and no case deleted.`
        : `Could not delete ${left.length} of what it created: ${left.map((c) => `${c.request} (${c.status ?? c.error})`).join("; ")}.`,
    );
  }
  lines.push(verdicts[report.verdict]);
  return `${lines.join("\n")}\n`;
}

/** The summary a person reads: one line per case, what went wrong under it, and the totals. */
export function summaryText(report: VerifyReport): string {
  return [summaryHeading(report), ...report.cases.map((c) => caseText(c, report.dryRun)), summaryTotals(report)].join(
    "",
  );
}

/** One case as a JSON Lines record. */
export function jsonLine(api: VerifyReport["api"], c: CaseResult): string {
  return `${JSON.stringify({ api, ...c })}\n`;
}

/** One JSON object per case, a line each. */
export function jsonLines(report: VerifyReport): string {
  return report.cases.map((c) => jsonLine(report.api, c)).join("");
}

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** JUnit XML: a suite per run, a test case per case; skipped and not verifiable ones as skipped. */
export function junitXml(report: VerifyReport): string {
  const failed = report.cases.filter((c) => c.outcome === "failed" || c.drift.length > 0).length;
  const skipped = report.cases.filter((c) => c.outcome !== "passed" && c.outcome !== "failed").length;
  const cases = report.cases.map((c) => {
    const name = `name="${xml(c.id)}" classname="${xml(`${report.api}.${c.operationId}`)}"`;
    const problems = [...c.problems, ...c.drift.map((d) => `differs from the stub: ${d}`)];
    if (c.outcome === "failed" || c.drift.length > 0)
      return `    <testcase ${name}>\n      <failure message="${xml(problems[0] ?? "failed")}">${xml(problems.join("\n"))}</failure>\n    </testcase>`;
    if (c.outcome !== "passed")
      return `    <testcase ${name}>\n      <skipped message="${xml(`${c.outcome}: ${c.reason ?? ""}`)}"/>\n    </testcase>`;
    return `    <testcase ${name}/>`;
  });
  const suite = `contract-stubs verify ${report.api} at ${report.baseUrl}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contract-stubs verify" tests="${report.cases.length}" failures="${failed}" skipped="${skipped}">`,
    `  <testsuite name="${xml(suite)}" tests="${report.cases.length}" failures="${failed}" skipped="${skipped}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function harEntry(e: Exchange) {
  return {
    startedDateTime: e.startedAt,
    time: e.durationMs,
    request: harRequest(new URL(e.request.url), e.request),
    response: harResponse(e.response),
    cache: {},
    timings: { send: 0, wait: e.durationMs, receive: 0 },
    _target: e.target,
    _case: e.caseId ?? null,
    ...(e.error ? { _error: e.error } : {}),
  };
}

/** The exchanges as an HTTP Archive (HAR 1.2); `_target` says whether the target or the stub answered. */
export function harLog(report: VerifyReport, version: string) {
  return {
    log: {
      version: "1.2",
      creator: { name: "contract-stubs verify", version },
      entries: report.exchanges.map(harEntry),
    },
  };
}
