// Most test files share their worker's process with the files before them (vitest.config.ts); the
// ones that change the process for whoever runs after them must be listed to run alone.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { glob } from "node:fs/promises";
import { expect, test } from "vitest";
import { changesTheProcess, ownProcess, suite } from "./support/own-process.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

test("every test file that mocks a module or stubs a global runs in a process of its own, and only those", async () => {
  const files: string[] = [];
  for await (const file of glob(suite, {
    cwd: root,
    exclude: (name) => name === "node_modules",
  }))
    files.push(file);
  expect(files.length).toBeGreaterThan(30);
  const changing = files.filter((file) => changesTheProcess.test(readFileSync(`${root}${file}`, "utf8"))).sort();
  expect(changing).toEqual([...ownProcess].sort());
  for (const file of ownProcess) expect(existsSync(`${root}${file}`), file).toBe(true);
});
