// V8 heap settings for the contract-stubs command, applied as it starts and before the stub loads.
// Under load V8's defaults let the young generation grow to two 16 MB semi-spaces and the old one to
// about four times what is live before a full collection; for a process whose live heap is 15 to
// 20 MB, that is most of its memory. Measured by `npm run soak` (docs/performance.md): with these
// settings the command holds about 90 MB after the warm-up and at the end, against about 160 MB with
// V8's defaults. They cost throughput under saturating load, which `npm run bench` measures in each
// run ("heap settings / V8 defaults"); the same flags given on node's command line cost nothing
// measurable, but a package's command cannot portably give them there (`env -S` in a shebang fails
// on BusyBox, as in Alpine images), so they are set in-process.
//
// Only the command applies them: startStub runs inside its caller's process and leaves its heap
// alone. A user who sizes the heap themselves (node's arguments or NODE_OPTIONS) gets none of them:
// NODE_OPTIONS=--max-semi-space-size=16, for one, restores V8's defaults.
import { setFlagsFromString } from "node:v8";

/** The settings, as V8 flags. V8 reads both at each collection, so they apply at run time too. */
export const heapSettings = [
  // Keep the young generation at its initial size instead of doubling it under load.
  "--semi-space-growth-factor=1",
  // Let the old generation grow by half of what is live before the next full collection.
  "--heap-growing-percent=50",
];

/** Flags by which a user sizes the heap themselves (Node.js allows the first four in NODE_OPTIONS). */
const userHeapFlags = new Set([
  "--max-old-space-size",
  "--max-semi-space-size",
  "--max-heap-size",
  "--huge-max-old-generation-size",
  "--min-semi-space-size",
  "--semi-space-growth-factor",
  "--heap-growing-percent",
  "--initial-heap-size",
  "--initial-old-space-size",
  "--optimize-for-size",
]);

/** The flags to apply, given node's arguments and NODE_OPTIONS: none when the user sizes the heap. */
export function heapSettingsToApply(execArgv: readonly string[], nodeOptions = ""): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((arg) => arg.split("=")[0]!.replaceAll("_", "-"));
  return given.some((name) => userHeapFlags.has(name)) ? [] : heapSettings;
}

/** Applies the settings, unless the user sizes the heap. */
export function applyHeapSettings(): void {
  for (const flag of heapSettingsToApply(process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(flag);
}
