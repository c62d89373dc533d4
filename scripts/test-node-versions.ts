// `npm run test:node-versions`: the package test (test/package.test.ts: pack, install with
// --omit=dev, start the command, wait on health, both official SDKs, the clients and startStub
// from the package, SIGTERM, exit 0) on every supported Node.js version, one after the other.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { nodeBinary, testedNodes } from "./node-versions.ts";

const failed: string[] = [];
for (const [major, version] of Object.entries(testedNodes)) {
  console.log(`\n━━ the package on Node.js ${version} ━━`);
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, "node_modules", "vitest", "vitest.mjs"), "run", "test/package.test.ts"],
    { cwd: repoRoot, stdio: "inherit", env: { ...process.env, PACKAGE_TEST_NODE: nodeBinary(Number(major)) } },
  );
  if (result.status !== 0) failed.push(version);
}
console.log(
  failed.length === 0
    ? "\nthe package passes on every supported Node.js version"
    : `\nFAILED on Node.js ${failed.join(", ")}`,
);
process.exit(failed.length === 0 ? 0 : 1);
