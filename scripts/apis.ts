// The APIs of this project, read from redocly.yaml so that adding an API there is enough.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export interface ApiEntry {
  /** Redocly's name for the API, `name@version`. */
  id: string;
  /** The file-name stem used under generated/, e.g. `customer-profiles`. */
  name: string;
  /** Root document of the hand-written spec, relative to the repo root. */
  root: string;
}

export function listApis(): ApiEntry[] {
  const config = parse(readFileSync(`${repoRoot}/redocly.yaml`, "utf8")) as {
    apis: Record<string, { root: string }>;
  };
  return Object.entries(config.apis).map(([id, { root }]) => ({
    id,
    name: id.split("@")[0]!,
    root,
  }));
}
