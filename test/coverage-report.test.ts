// The contract-coverage check itself must be able to fail: fed made-up records, it passes only
// when every documented status was exercised and nothing undocumented was answered.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, expect, test } from "vitest";
import { apiNames, documentedMatrix, localBasePath } from "./support/oracle.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One record per documented status, as a stub would write it. */
const everyStatus = apiNames.flatMap(documentedMatrix).map((row) => ({
  api: row.api,
  method: row.method,
  url: localBasePath(row.api) + row.path.replace(/\{[^}]+\}/g, "x1"),
  status: row.status,
  exerciser: "client",
}));

async function check(records: object[]): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "coverage-"));
  dirs.push(dir);
  writeFileSync(join(dir, "records.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  try {
    const { stdout } = await promisify(execFile)(
      `${root}node_modules/.bin/tsx`,
      [`${root}scripts/coverage-contract.ts`, "--check"],
      { env: { ...process.env, CONTRACT_COVERAGE_DIR: dir } },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

test("passes when every documented status was exercised", async () => {
  const { code, output } = await check(everyStatus);
  expect(code).toBe(0);
  expect(output).toMatch(
    new RegExp(`${everyStatus.length}/${everyStatus.length} documented statuses exercised; 0 undocumented answers`),
  );
});

test("fails naming a documented status nobody exercised", async () => {
  const { code, output } = await check(everyStatus.filter((r) => !(r.api === "access-profiles" && r.status === 429)));
  expect(code).toBe(1);
  expect(output).toMatch(/never exercised: deleteAccessProfile 429/);
});

test("fails naming an undocumented answer, of an operation or of an unknown path", async () => {
  const { code, output } = await check([
    ...everyStatus,
    {
      api: "customer-profiles",
      method: "POST",
      url: "/domains/D/profiles/objects/delete",
      status: 418,
      exerciser: "fuzzer",
    },
    { api: "access-profiles", method: "GET", url: "/v3/nothing", status: 418, exerciser: "fuzzer" },
  ]);
  expect(code).toBe(1);
  expect(output).toMatch(/DeleteProfileObject \(POST \/domains\/D\/profiles\/objects\/delete\): answered 418/);
  expect(output).toMatch(/access-profiles GET \/v3\/nothing: answered 418/);
});
