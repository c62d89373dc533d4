// `npm start`: brings dist/ up to date if the sources changed since the last build (after `npm ci`
// it already is), then runs the same command the package installs.
import { buildIfStale } from "./build.mjs";
import { requireInstalled } from "./installed.mjs";

requireInstalled();
await buildIfStale();
await import("../bin/contract-stubs.js");
