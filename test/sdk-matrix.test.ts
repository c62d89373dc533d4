// The SDK matrix (npm run sdk-matrix, scripts/sdk-matrix.ts): what it reads from each runner's
// report, and that the table in docs/clients.md is the recorded run's, at the versions the lock files pin.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import {
  goTestCases,
  junitCases,
  type Matrix,
  matrixFile,
  renderTable,
  sdks,
  tableFile,
  tableMarkers,
  withTable,
} from "../scripts/sdk-matrix.ts";

const recorded: Matrix = JSON.parse(readFileSync(matrixFile, "utf8"));

test("reads pytest's, vitest's and Surefire's JUnit XML: failures and errors fail, skipped cases are left out", () => {
  const xml = `<testsuites><testsuite name="s">
    <testcase classname="a" name="passes &amp; reads &quot;Retry-After&quot;" time="0.1"/>
    <testcase classname="a" name="fails"><failure message="x">AssertionError</failure></testcase>
    <testcase classname="a" name="errs"><error message="y"/></testcase>
    <testcase classname="a" name="skipped"><skipped/></testcase>
    <testcase classname="a" name="prints"><system-out>ok</system-out></testcase>
  </testsuite></testsuites>`;
  expect(junitCases(xml)).toEqual([
    { name: 'passes & reads "Retry-After"', passed: true },
    { name: "fails", passed: false },
    { name: "errs", passed: false },
    { name: "prints", passed: true },
  ]);
});

test("reads go test -json: each test and subtest that passed or failed, not the package", () => {
  const output = [
    '{"Action":"run","Test":"TestA"}',
    '{"Action":"pass","Test":"TestA/sub","Elapsed":0}',
    '{"Action":"pass","Test":"TestA","Elapsed":0}',
    '{"Action":"fail","Test":"TestB","Elapsed":0}',
    "go: downloading something",
    '{"Action":"fail","Package":"example","Elapsed":0}',
  ].join("\n");
  expect(goTestCases(output)).toEqual([
    { name: "TestA/sub", passed: true },
    { name: "TestA", passed: true },
    { name: "TestB", passed: false },
  ]);
});

test("the recorded run covers every SDK at the version its lock file pins, and every scenario passed", () => {
  for (const sdk of sdks) {
    const pinned = recorded.runs.find((r) => r.sdk === sdk.id && r.roles.includes("pinned"));
    expect(pinned?.version, sdk.id).toBe(sdk.pinned());
    expect(pinned!.scenarios.length, sdk.id).toBeGreaterThan(0);
  }
  for (const run of recorded.runs)
    expect(run.scenarios.filter((s) => !s.passed).map((s) => `${run.sdk} ${run.version} ${s.name}`)).toEqual([]);
});

test("SailPoint's Python SDK is recorded on both lines: 2.x against v1, 1.x against v3", () => {
  const versions = recorded.runs.filter((r) => r.sdk === "sailpoint").map((r) => r.version.split(".")[0]);
  expect(new Set(versions)).toEqual(new Set(["1", "2"]));
});

test("the table in docs/clients.md is the one rendered from docs/sdk-matrix.json", () => {
  const markdown = readFileSync(tableFile, "utf8");
  expect(markdown).toContain(`${tableMarkers[0]}\n${renderTable(recorded)}\n${tableMarkers[1]}`);
  expect(withTable(markdown, recorded)).toBe(markdown);
});
