// Runs once before the suites: old contract-coverage records must not count for this run.
import { rmSync } from "node:fs";
import { coverageDir } from "./stub.ts";

export default function setup(): void {
  rmSync(coverageDir, { recursive: true, force: true });
}
