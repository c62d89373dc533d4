#!/usr/bin/env node
// The contract-stubs command: a clear message on a Node.js too old to run it, then the compiled program.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`contract-stubs needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}
await import("../dist/server/main.js");
