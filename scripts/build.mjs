// `npm run build`: everything the package runs, with nothing left that needs TypeScript at run time.
//   - tsc compiles server/ and client/ into dist/ with declarations;
//   - esbuild bundles the stub (the command, dist/server/main.js, and startStub, dist/server/index.js)
//     with the libraries it runs on into a few files: loading express, the validator and Ajv from
//     hundreds of files took ~170 ms of a start that must stay under 500. The clients stay plain
//     modules on their dependencies (openapi-fetch, the Smithy signer), which the package declares;
//     the licences of what the bundle contains go to dist/THIRD-PARTY-LICENSES.txt;
//   - the bundled specs and the demo data are copied beside the code, and the reference docs built
//     into dist/docs.
//
// `--if-stale` builds only when an input changed since the last build (a hash of their contents is
// kept in dist/.build-hash); `npm start` and `npm ci` (through `prepare`) use it. This file is plain
// JavaScript because that check runs on every `npm start`, where loading tsx would cost ~0.3 s.
//
// `--pack` (prepack) builds, then leaves in package.json only what a user of the package needs: no
// scripts, no dev dependencies, no allowScripts (this repository's review of its dev dependencies'
// install scripts). npm 11 lists a tarball's `prepare` as an install script to approve, and
// approved, it would fail: the build is not in the package. `--packed` (postpack) puts the whole
// manifest back; a pack that stopped half-way is put right by the next `--pack`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const hashFile = join(dist, ".build-hash");

/** What the build reads: a change to any of these makes dist/ stale (package.json is read at run time, not built from). */
const inputs = [
  "server",
  "client",
  "generated",
  "scripts/build.mjs",
  "scripts/docs.ts",
  "scripts/apis.ts",
  "redocly.yaml",
  "tsconfig.json",
  "tsconfig.build.json",
  "package-lock.json",
];
const manifest = join(root, "package.json");
const fullManifest = join(root, "node_modules", ".cache", "contract-stubs", "package.json");

function filesUnder(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function inputHash() {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(filesUnder).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update("\0");
  return hash.digest("hex");
}

/**
 * Rewrites relative `.ts`/`.d.ts` specifiers in emitted declarations to `.js`: tsc rewrites them
 * only in JavaScript (TypeScript issue 61037).
 */
function rewriteDeclarationSpecifiers(dir) {
  for (const file of filesUnder(relative(root, dir)).filter((f) => f.endsWith(".d.ts"))) {
    const path = join(root, file);
    const text = readFileSync(path, "utf8");
    const rewritten = text.replace(/(["'])(\.{1,2}\/[^"']+?)(?:\.d)?\.ts\1/g, "$1$2.js$1");
    if (rewritten !== text) writeFileSync(path, rewritten);
  }
}

/** Bundles the stub's two entry points over tsc's output, then drops the per-module files it replaces. */
async function bundleServer() {
  const { build: esbuild } = await import("esbuild");
  const serverDir = join(dist, "server");
  const staging = join(dist, ".bundle");
  const result = await esbuild({
    entryPoints: { main: join(serverDir, "main.js"), index: join(serverDir, "index.js") },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    // ES module builds where a package has one, so that unused code (most of Smithy's) is left out.
    mainFields: ["module", "main"],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    // CommonJS libraries inside an ES module bundle still call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
    },
    plugins: [
      {
        name: "clients-stay-shared",
        // startStub hands out the admin client: it must be the module `contract-stubs/client` exports, not a copy.
        setup(build) {
          build.onResolve({ filter: /^\.\.\/client\// }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  for (const file of filesUnder(relative(root, serverDir)).filter((f) => f.endsWith(".js"))) rmSync(join(root, file));
  for (const file of readdirSync(staging)) renameSync(join(staging, file), join(serverDir, file));
  rmSync(staging, { recursive: true });
  writeFileSync(join(dist, "THIRD-PARTY-LICENSES.txt"), licenses(Object.keys(result.metafile.inputs)));
}

/** The licence of every package the bundle contains, as its authors wrote it. */
function licenses(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match && !packages.has(match[1]))
      packages.set(match[1], JSON.parse(readFileSync(join(root, match[1], "package.json"), "utf8")));
  }
  const sections = [...packages]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([dir, pkg]) => {
      const file = readdirSync(join(root, dir)).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
      const text = file
        ? readFileSync(join(root, dir, file), "utf8").trim()
        : `License: ${pkg.license ?? "see the package"}`;
      return `${pkg.name}@${pkg.version} (${pkg.license ?? "unknown"})\n\n${text}\n`;
    });
  return `The stub in dist/server bundles the following packages; their licences follow.\n\n${"=".repeat(78)}\n${sections.join(`\n${"=".repeat(78)}\n`)}`;
}

function run(command, args) {
  execFileSync(join(root, "node_modules", ".bin", command), args, {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export async function build() {
  const started = performance.now();
  const hash = inputHash();
  rmSync(dist, { recursive: true, force: true });
  run("tsc", ["-p", "tsconfig.build.json"]);
  rewriteDeclarationSpecifiers(dist);
  await bundleServer();
  mkdirSync(join(dist, "generated"), { recursive: true });
  for (const file of readdirSync(join(root, "generated")).filter((f) =>
    /\.(d\.ts|openapi\.json|openapi\.yaml)$/.test(f),
  ))
    copyFileSync(join(root, "generated", file), join(dist, "generated", file));
  mkdirSync(join(dist, "server", "data"), { recursive: true });
  copyFileSync(join(root, "server", "data", "demo-data.json"), join(dist, "server", "data", "demo-data.json"));
  run("tsx", ["scripts/docs.ts", "--out", join(dist, "docs")]);
  writeFileSync(hashFile, `${hash}\n`);
  console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds unless dist/ was built from exactly the current inputs. */
export async function buildIfStale() {
  const built = existsSync(hashFile) ? readFileSync(hashFile, "utf8").trim() : "";
  if (built === inputHash()) return false;
  console.log(built ? "sources changed since the last build: building …" : "no build yet: building …");
  await build();
  return true;
}

function restoreManifest() {
  if (!existsSync(fullManifest)) return;
  copyFileSync(fullManifest, manifest);
  rmSync(fullManifest);
}

function stripManifest() {
  const text = readFileSync(manifest, "utf8");
  mkdirSync(join(fullManifest, ".."), { recursive: true });
  writeFileSync(fullManifest, text);
  const { scripts, devDependencies, allowScripts, ...published } = JSON.parse(text);
  writeFileSync(manifest, `${JSON.stringify(published, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-stale")) await buildIfStale();
  else if (process.argv.includes("--packed")) restoreManifest();
  else if (process.argv.includes("--pack")) {
    restoreManifest();
    await build();
    stripManifest();
  } else await build();
}
