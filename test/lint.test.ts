// npm run lint (Biome, with this repository's biome.json) fails on a formatting error and on a bug its
// rules catch, and passes clean code; npm test runs it first. The files are checked in a scratch
// folder, so the tree itself is never touched.
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const biome = join(root, "node_modules", ".bin", "biome");
const scratch = mkdtempSync(join(tmpdir(), "contract-stubs-lint-"));
copyFileSync(join(root, "biome.json"), join(scratch, "biome.json"));
execFileSync("git", ["init", "-q"], { cwd: scratch });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `biome check` on one file under server/, as `npm run lint` checks the tree: exit status and output. */
async function check(name: string, source: string): Promise<{ failed: boolean; output: string }> {
  mkdirSync(join(scratch, "server"), { recursive: true });
  writeFileSync(join(scratch, "server", name), source);
  try {
    const { stdout, stderr } = await run(biome, ["check", `server/${name}`], { cwd: scratch });
    return { failed: false, output: stdout + stderr };
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return { failed: true, output: stdout + stderr };
  }
}

describe("npm run lint", () => {
  test("passes clean code", async () => {
    const result = await check("clean.ts", "export async function answer(): Promise<number> {\n  return 42;\n}\n");
    expect(result).toMatchObject({ failed: false });
  });

  test("fails on a formatting error", async () => {
    const result = await check("misformatted.ts", "export const answer = {value:42}\n");
    expect(result.failed).toBe(true);
    expect(result.output).toMatch(/Formatter would have printed/);
  });

  test.each([
    [
      "a promise nobody awaits",
      "export async function f(): Promise<void> {\n  Promise.resolve(1);\n}\n",
      "noFloatingPromises",
    ],
    ["an unused variable", "export function f(): number {\n  const unused = 2;\n  return 1;\n}\n", "noUnusedVariables"],
    ["unreachable code", "export function f(): number {\n  return 1;\n  console.log(2);\n}\n", "noUnreachable"],
    [
      "an explicit any in the shipped code",
      "export function f(value: any): number {\n  return Number(value);\n}\n",
      "noExplicitAny",
    ],
  ])("fails on %s", async (_, source, rule) => {
    const result = await check(`${rule}.ts`, source);
    expect(result.failed).toBe(true);
    expect(result.output).toContain(rule);
  });
});

test("npm test runs it first (after checking that npm ci has run), and it covers the tree but generated files", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  expect(manifest.scripts.lint).toBe("biome check");
  expect(manifest.scripts.test).toMatch(/^node scripts\/installed\.mjs && npm run lint && /);
  const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
  expect(config.files.includes).toContain("!generated");
});
