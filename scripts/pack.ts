// The package as a user gets it, for the package test and the benchmark: packed (through prepack)
// from a copy of this checkout, so that nothing in the working tree is rebuilt or rewritten, and
// installed with --omit=dev into a folder of its own by npm as a fresh machine runs it.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./apis.ts";

const run = promisify(execFile);

export interface Packed {
  /** Absolute path of the tarball. */
  tarball: string;
  files: { path: string; size: number }[];
}

/**
 * npm's environment on a fresh machine: none of the npm_* settings of the npm that may be running
 * this process, and an empty user npmrc instead of this machine's.
 */
export function npmEnvironment(work: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  writeFileSync(join(work, "npmrc"), "");
  return {
    ...env,
    npm_config_userconfig: join(work, "npmrc"),
    npm_config_update_notifier: "false",
    npm_config_prefer_offline: "true",
  };
}

/**
 * Packs a copy of the checkout (what git tracks, plus new files it does not ignore) into `work`,
 * with `env` added to the build's environment.
 */
export async function packCopy(work: string, env: NodeJS.ProcessEnv = {}): Promise<Packed> {
  const source = join(work, "source");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(join(source, file, ".."), { recursive: true });
    cpSync(join(repoRoot, file), join(source, file));
  }
  symlinkSync(join(repoRoot, "node_modules"), join(source, "node_modules"), "dir");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: source,
    env: { ...npmEnvironment(work), ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string; files: Packed["files"] }[];
  return { tarball: join(work, packed!.filename), files: packed!.files };
}

/** Installs a tarball with --omit=dev into `prefix` as the README's recipe does; returns npm's output. */
export async function installPackage(work: string, tarball: string, prefix: string): Promise<string> {
  mkdirSync(prefix, { recursive: true });
  const { stdout, stderr } = await run(
    "npm",
    ["install", "--prefix", prefix, "--omit=dev", "--no-audit", "--no-fund", "--no-save", tarball],
    {
      env: npmEnvironment(work),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return `${stdout}\n${stderr}`;
}

/** Bytes under a folder, as `du -sb` counts them. */
export function folderBytes(path: string): number {
  return Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
}
