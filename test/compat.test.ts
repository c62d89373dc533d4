// The breaking-change gate (scripts/check-compat.ts) on scratch copies of the project, each with a
// deliberate change: it must fail when the version or the changelog declares less than the change
// needs, and only then.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { bumpBetween, bumpNeeded, checkCompat } from "../scripts/check-compat.ts";
import { repoRoot } from "../scripts/apis.ts";

const scratches: string[] = [];
afterAll(() => {
  for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
});

/** A copy of what the gate reads, with the version, the changelog and a bundle changed as asked. */
function scratch(options: {
  version: string;
  breakingInChangelog: boolean;
  change?: (spec: Record<string, any>) => void;
}): string {
  const dir = mkdtempSync(join(tmpdir(), "contract-stubs-compat-"));
  scratches.push(dir);
  for (const part of ["generated", "spec/released"]) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  // The release's own bundles as the starting point, so that only the deliberate change differs.
  // An API added since 0.1.0 has no bundle there: the scratch release gets today's, so that it too is unchanged.
  const release = join(dir, "spec", "released", "0.1.0");
  for (const file of readdirSync(join(dir, "generated")).filter((f) => f.endsWith(".openapi.yaml")))
    if (existsSync(join(release, file))) cpSync(join(release, file), join(dir, "generated", file));
    else cpSync(join(dir, "generated", file), join(release, file));
  const file = join(dir, "generated", "customer-profiles.openapi.yaml");
  const spec = parse(readFileSync(file, "utf8"));
  options.change?.(spec);
  writeFileSync(file, stringify(spec));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "contract-stubs", version: options.version }));
  writeFileSync(
    join(dir, "CHANGELOG.md"),
    `# Changelog\n\n## [Unreleased]\n\n${options.breakingInChangelog ? "### Breaking\n\n- the change\n\n" : ""}### Added\n\n- something\n\n## [0.1.0] - 2026-11-21\n`,
  );
  return dir;
}

const request = (spec: Record<string, any>) => spec.components.schemas.DeleteProfileObjectRequest;
/** Breaking: a request that was valid is refused (a shorter maximum). */
const tighten = (spec: Record<string, any>) => {
  request(spec).properties.ProfileObjectUniqueKey.maxLength = 64;
};
/** Not breaking: a new optional request member. */
const extend = (spec: Record<string, any>) => {
  request(spec).properties.Note = { type: "string", description: "A note." };
};

describe("the gate", () => {
  test("passes the project as it is", async () => {
    expect((await checkCompat()).problems).toEqual([]);
  }, 60_000);

  test("passes a release that changes nothing", async () => {
    expect((await checkCompat(scratch({ version: "0.1.0", breakingInChangelog: false }))).problems).toEqual([]);
  }, 60_000);

  test("fails a breaking change released as a patch", async () => {
    const { problems, apis } = await checkCompat(
      scratch({ version: "0.1.1", breakingInChangelog: true, change: tighten }),
    );
    expect(apis.find((a) => a.name === "customer-profiles")?.impact).toBe("major");
    expect(problems).toEqual([
      expect.stringMatching(
        /needs a minor release \(customer-profiles: major\), but package.json says 0\.1\.1, a patch release/,
      ),
    ]);
  }, 60_000);

  test("fails a breaking change the changelog does not list under Breaking", async () => {
    const { problems } = await checkCompat(scratch({ version: "0.2.0", breakingInChangelog: false, change: tighten }));
    expect(problems).toEqual([expect.stringMatching(/lists no "### Breaking"/)]);
  }, 60_000);

  test("passes a breaking change released as a minor, listed under Breaking", async () => {
    expect(
      (await checkCompat(scratch({ version: "0.2.0", breakingInChangelog: true, change: tighten }))).problems,
    ).toEqual([]);
  }, 60_000);

  test("fails an addition left at the released version, and passes it as a patch", async () => {
    const unbumped = await checkCompat(scratch({ version: "0.1.0", breakingInChangelog: false, change: extend }));
    expect(unbumped.problems).toEqual([expect.stringMatching(/needs a patch release/)]);
    const patched = await checkCompat(scratch({ version: "0.1.1", breakingInChangelog: false, change: extend }));
    expect(patched.problems).toEqual([]);
  }, 60_000);
});

test("within 0.x a breaking change needs the minor, anything else the patch; from 1.0 semver as it is", () => {
  expect(bumpNeeded("major", "0.1.0")).toBe("minor");
  expect(bumpNeeded("minor", "0.1.0")).toBe("patch");
  expect(bumpNeeded("major", "1.2.0")).toBe("major");
  expect(bumpBetween("0.1.0", "0.2.0")).toBe("minor");
  expect(bumpBetween("0.1.9", "0.1.10")).toBe("patch");
  expect(bumpBetween("0.2.0", "0.1.0")).toBe("none");
});
