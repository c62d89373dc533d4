#!/usr/bin/env node
// The contract-stubs command: a clear message on a Node.js too old to run it, then the compiled
// program, with stack traces that name its TypeScript sources (dist/ ships their source maps).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`contract-stubs needs Node.js 22.12 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
// V8's compiled code of the program and its libraries, kept between runs (in the system's temporary
// folder, unless NODE_COMPILE_CACHE names another; NODE_DISABLE_COMPILE_CACHE=1 turns it off): a CI
// job that starts the command more than once compiles it once.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
await import("../dist/server/main.js");
