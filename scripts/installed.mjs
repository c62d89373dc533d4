// Run first by `npm start` and `npm test`: in a clone where `npm ci` has not run, say so in one line
// instead of a stack trace from a tool that is not there. Plain JavaScript with no imports but
// Node's own, so that it runs before anything is installed.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Exits with a message when the dependencies are not installed; returns otherwise. */
export function requireInstalled() {
  // npm writes this file at the end of every install.
  if (existsSync(`${root}node_modules/.package-lock.json`)) return;
  process.stderr.write("The dependencies are not installed: run `npm ci` first (it needs Node.js 22.12 or newer).\n");
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) requireInstalled();
