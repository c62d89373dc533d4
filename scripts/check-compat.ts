// `npm run check:compat`, the breaking-change gate: compares each bundled spec with the one the
// last release shipped (spec/released/<version>/) using `redocly diff`, which rates every change
// by the semver bump it needs, and fails when that is more than package.json and the changelog
// declare. Within 0.x, as the README's versioning policy says, a breaking change needs the minor
// version raised and anything else the patch; a breaking change must also be listed under
// "### Breaking" in the changelog's section for the coming release.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { listApis, repoRoot } from "./apis.ts";

const run = promisify(execFile);

type Impact = "major" | "minor" | "patch" | "none";
type Bump = "major" | "minor" | "patch" | "none";
const order: Bump[] = ["none", "patch", "minor", "major"];

const parse = (version: string) => version.split(".").map(Number) as [number, number, number];

/** The bump from one version to another. */
export function bumpBetween(from: string, to: string): Bump {
  const [a, b] = [parse(from), parse(to)];
  if (b[0] !== a[0]) return b[0] > a[0] ? "major" : "none";
  if (b[1] !== a[1]) return b[1] > a[1] ? "minor" : "none";
  return b[2] > a[2] ? "patch" : "none";
}

/** The bump a change of this impact needs from a release of this version: within 0.x, one step down. */
export function bumpNeeded(impact: Impact, released: string): Bump {
  if (impact === "none") return "none";
  if (parse(released)[0] > 0) return impact;
  return impact === "major" ? "minor" : "patch";
}

/** The changelog's section for the coming release: `[Unreleased]`, or `[<version>]`. */
function comingSection(changelog: string, version: string): string {
  const sections = changelog.split(/^## /m);
  return sections.find((s) => s.startsWith("[Unreleased]") || s.startsWith(`[${version}]`)) ?? "";
}

export interface CompatReport {
  released: string;
  version: string;
  apis: { name: string; impact: Impact; changes: string[] }[];
  problems: string[];
}

/** Compares the project at `root` with its last release; reads its package.json, changelog and specs. */
export async function checkCompat(root = repoRoot): Promise<CompatReport> {
  const releasedDir = join(root, "spec", "released");
  const released = readdirSync(releasedDir)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => {
      const [x, y] = [parse(a), parse(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    })
    .at(-1);
  if (!released) throw new Error(`no release under ${releasedDir}`);
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  // Each API against its release, the diffs side by side; a bundle unchanged byte for byte has no
  // changes to look for.
  const apis: CompatReport["apis"] = await Promise.all(
    listApis().map(async (api): Promise<CompatReport["apis"][number]> => {
      const base = join(releasedDir, released, `${api.name}.openapi.yaml`);
      const revision = join(root, "generated", `${api.name}.openapi.yaml`);
      if (!existsSync(base)) return { name: api.name, impact: "minor", changes: ["a new API"] };
      if (readFileSync(base).equals(readFileSync(revision))) return { name: api.name, impact: "none", changes: [] };
      const { stdout } = await run(
        join(repoRoot, "node_modules", ".bin", "redocly"),
        ["diff", base, revision, "--format", "json", "--fail-on", "none", "--config", join(repoRoot, "redocly.yaml")],
        {
          cwd: root,
          env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
        bump: Impact;
        changes: { path: string; kind: string; impact: Impact; property?: string }[];
      };
      return {
        name: api.name,
        impact: report.bump ?? "none",
        changes: report.changes
          .filter((c) => c.impact === "major")
          .map((c) => `${c.kind} ${c.path}${c.property ? ` · ${c.property}` : ""}`),
      };
    }),
  );

  const problems: string[] = [];
  const impact = apis
    .map((a) => a.impact)
    .reduce<Impact>((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), "none");
  const needed = bumpNeeded(impact, released);
  const declared = bumpBetween(released, version);
  if (order.indexOf(declared) < order.indexOf(needed))
    problems.push(
      `the specs changed since ${released} in a way that needs a ${needed} release (${apis
        .filter((a) => a.impact === impact)
        .map((a) => a.name)
        .join(", ")}: ${impact}), but package.json says ${version}, a ${declared === "none" ? "no" : declared} release`,
    );
  if (
    impact === "major" &&
    !/^### Breaking$/m.test(comingSection(readFileSync(join(root, "CHANGELOG.md"), "utf8"), version))
  )
    problems.push(
      `the specs changed in a breaking way since ${released}, and the changelog's coming release lists no "### Breaking"`,
    );
  return { released, version, apis, problems };
}

if (process.argv[1]?.endsWith("check-compat.ts")) {
  const report = await checkCompat();
  console.log(`the specs against release ${report.released} (package.json: ${report.version}):`);
  for (const api of report.apis) {
    console.log(`  ${api.name.padEnd(18)} ${api.impact}`);
    for (const change of api.changes) console.log(`      breaking: ${change}`);
  }
  if (report.problems.length > 0) {
    console.error(`\nbreaking-change gate failed:\n  ${report.problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("versions and changelog declare what the changes need");
}
