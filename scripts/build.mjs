// `npm run build`: everything the package runs, with nothing left that needs TypeScript at run time.
//   - tsc compiles server/ and client/ into dist/ with declarations;
//   - esbuild bundles the stub's own code (the command, dist/server/main.js, and startStub,
//     dist/server/index.js) from the TypeScript sources into a few files with source maps; the
//     libraries it runs on (express, the validator, Ajv, jose…) stay packages the manifest declares,
//     so that a consumer's audit and update bots see them (CONTRACT_STUBS_BUNDLE_DEPENDENCIES=1
//     bundles them too, as up to 0.1.0, for the bench to compare); the clients stay plain modules;
//     dist/sbom.cdx.json lists what the package carries inside its own files (Redoc's bundle);
//   - the bundled specs and the demo data are copied beside the code, and the reference docs built
//     into dist/docs.
//
// `--if-stale` builds only when an input changed since the last build (a hash of their contents is
// kept in dist/.build-hash); `npm start` and `npm ci` (through `prepare`) use it. This file is plain
// JavaScript because that check runs on every `npm start`, where loading tsx would cost ~0.3 s.
//
// `--pack` (prepack) builds unless dist/ is fresh, then leaves in package.json only what a user of
// the package needs: no scripts, no dev dependencies, no allowScripts (this repository's review of
// its dev dependencies' install scripts). npm 11 lists a tarball's `prepare` as an install script
// to approve, and approved, it would fail: the build is not in the package. When package.json names
// the GitHub repository (the release workflow sets it), the README's links to files the package
// does not carry point at the release's tag there. `--packed` (postpack) puts the whole manifest
// and README back; a pack that stopped half-way is put right by the next `--pack`.
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
/** Bundle the libraries into dist/ too, as the package did up to 0.1.0: `npm run bench` measures both ways. */
const bundleDependencies = process.env.CONTRACT_STUBS_BUNDLE_DEPENDENCIES === "1";
const fullManifest = join(root, "node_modules", ".cache", "contract-stubs", "package.json");
const readme = join(root, "README.md");
const fullReadme = join(root, "node_modules", ".cache", "contract-stubs", "README.md");

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
  // A build with the libraries bundled is another build of the same inputs.
  if (bundleDependencies) hash.update("bundled dependencies\0");
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

/**
 * Bundles the stub's two entry points from the TypeScript sources, with source maps that name them,
 * then drops tsc's per-module files of the server, which the bundle replaces. Returns the names of
 * the packages the bundle holds (none, unless CONTRACT_STUBS_BUNDLE_DEPENDENCIES=1).
 */
async function bundleServer() {
  const { build: esbuild } = await import("esbuild");
  const serverDir = join(dist, "server");
  const staging = join(dist, ".bundle");
  const result = await esbuild({
    entryPoints: { main: join(root, "server", "main.ts"), index: join(root, "server", "index.ts") },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22.12",
    // ES module builds where a package has one, so that unused code (most of Smithy's) is left out.
    mainFields: ["module", "main"],
    // The libraries stay packages the consumer installs (and audits), unless asked to bundle them.
    ...(bundleDependencies ? {} : { packages: "external" }),
    minifyWhitespace: true,
    minifySyntax: true,
    // A stack names server/*.ts and its line; the sources themselves are not shipped.
    sourcemap: "linked",
    sourcesContent: false,
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
        // startStub hands out the admin client: it must be the module `contract-stubs/client` exports,
        // not a copy; the verifier signs and fetches tokens with the same clients. From the bundle in
        // dist/server/, they are ../client/*.js.
        setup(build) {
          build.onResolve({ filter: /^(\.\.\/)+client\// }, (args) => ({
            path: `../client/${args.path.replace(/^(\.\.\/)+client\//, "").replace(/\.ts$/, ".js")}`,
            external: true,
          }));
        },
      },
    ],
  });
  for (const file of filesUnder(relative(root, serverDir)).filter((f) => /\.js(\.map)?$/.test(f)))
    rmSync(join(root, file));
  for (const file of readdirSync(staging)) renameSync(join(staging, file), join(serverDir, file));
  rmSync(staging, { recursive: true });
  return bundledPackages(Object.keys(result.metafile.inputs));
}

/** The packages whose code is in the bundle, by folder, with their manifests. */
function bundledPackages(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match && !packages.has(match[1]))
      packages.set(match[1], JSON.parse(readFileSync(join(root, match[1], "package.json"), "utf8")));
  }
  return packages;
}

/** The licence of every package the bundle contains, as its authors wrote it. */
function licenses(packages) {
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

/**
 * A CycloneDX SBOM of what the package carries inside its own files rather than as dependencies a
 * consumer's audit can see: the Redoc bundle of the docs, and the bundled libraries, if any.
 */
function sbom(bundled) {
  const redoc = JSON.parse(readFileSync(join(root, "node_modules", "redoc", "package.json"), "utf8"));
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  const component = (pkg, where) => ({
    type: "library",
    name: pkg.name,
    version: pkg.version,
    purl: `pkg:npm/${pkg.name.replace("@", "%40")}@${pkg.version}`,
    ...(pkg.license ? { licenses: [{ license: { id: pkg.license } }] } : {}),
    properties: [{ name: "contract-stubs:location", value: where }],
  });
  return `${JSON.stringify(
    {
      bomFormat: "CycloneDX",
      specVersion: "1.5",
      version: 1,
      metadata: {
        component: { type: "library", name: "contract-stubs", version, purl: `pkg:npm/contract-stubs@${version}` },
      },
      components: [
        component(redoc, "dist/docs/redoc.standalone.js (licences in redoc.standalone.js.LICENSE.txt)"),
        ...[...bundled.values()].map((pkg) => component(pkg, "dist/server (licences in THIRD-PARTY-LICENSES.txt)")),
      ],
    },
    null,
    2,
  )}\n`;
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
  const bundled = await bundleServer();
  if (bundled.size > 0) writeFileSync(join(dist, "THIRD-PARTY-LICENSES.txt"), licenses(bundled));
  mkdirSync(join(dist, "generated"), { recursive: true });
  for (const file of readdirSync(join(root, "generated")).filter((f) =>
    /\.(d\.ts|openapi\.json|openapi\.yaml)$/.test(f),
  ))
    copyFileSync(join(root, "generated", file), join(dist, "generated", file));
  mkdirSync(join(dist, "server", "data"), { recursive: true });
  copyFileSync(join(root, "server", "data", "demo-data.json"), join(dist, "server", "data", "demo-data.json"));
  mkdirSync(join(dist, "server", "inspector"), { recursive: true });
  copyFileSync(join(root, "server", "inspector", "page.html"), join(dist, "server", "inspector", "page.html"));
  run("tsx", ["scripts/docs.ts", "--out", join(dist, "docs")]);
  writeFileSync(join(dist, "sbom.cdx.json"), sbom(bundled));
  writeFileSync(hashFile, `${hash}\n`);
  console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return [...bundled.values()].map((pkg) => pkg.name);
}

/** The inputs' hash dist/ was last built from ("" when there is no build). */
const builtHash = () => (existsSync(hashFile) ? readFileSync(hashFile, "utf8").trim() : "");

/** Builds unless dist/ was built from exactly the current inputs. */
export async function buildIfStale() {
  const built = builtHash();
  if (built === inputHash()) return false;
  console.log(built ? "sources changed since the last build: building …" : "no build yet: building …");
  await build();
  return true;
}

function restoreManifest() {
  for (const [full, file] of [
    [fullManifest, manifest],
    [fullReadme, readme],
  ]) {
    if (!existsSync(full)) continue;
    copyFileSync(full, file);
    rmSync(full);
  }
}

/**
 * The README as the registry shows it: its links to the repository's other files (docs/…,
 * examples/…, CHANGELOG.md), which the package does not carry, made absolute to the release's tag
 * in the repository when package.json names a GitHub repository, as the release workflow sets it.
 * Packed without one (from a clone, say), such a link would lead nowhere in node_modules: it
 * becomes plain text naming the file in the repository instead. Links to what the package carries
 * (LICENSE) stay as they are.
 */
function absoluteReadmeLinks() {
  const { version, repository } = JSON.parse(readFileSync(manifest, "utf8"));
  const repo = /github\.com[/:]([^/]+\/[^/.]+)/.exec(repository?.url ?? repository ?? "")?.[1];
  const text = readFileSync(readme, "utf8");
  writeFileSync(fullReadme, text);
  const base = repo && `https://github.com/${repo}/blob/v${version}/`;
  const shipped = (target) => ["LICENSE", "README.md", "package.json"].includes(target.split("#")[0]);
  writeFileSync(
    readme,
    text.replace(/\[([^\]]*)\]\((?!https?:|mailto:|#)([^)\s]+)\)/g, (whole, label, target) => {
      if (shipped(target)) return whole;
      if (base) return `[${label}](${base}${target})`;
      const file = target.split("#")[0];
      return label.replace(/`/g, "") === file
        ? `${label} (in the contract-stubs repository)`
        : `${label} (\`${file}\` in the contract-stubs repository)`;
    }),
  );
}

/** The manifest as published; a dependency the bundle holds is not one the consumer installs. */
function stripManifest(bundled) {
  const text = readFileSync(manifest, "utf8");
  mkdirSync(join(fullManifest, ".."), { recursive: true });
  writeFileSync(fullManifest, text);
  const { scripts, devDependencies, allowScripts, ...published } = JSON.parse(text);
  for (const name of bundled) delete published.dependencies?.[name];
  writeFileSync(manifest, `${JSON.stringify(published, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-stale")) await buildIfStale();
  else if (process.argv.includes("--packed")) restoreManifest();
  else if (process.argv.includes("--pack")) {
    restoreManifest();
    // dist/ built from exactly these inputs is what a build now would make, so it is packed as it
    // is (the release workflow builds from scratch just before it publishes). Such a build bundled
    // no library; a pack with them bundled (the bench's) always builds.
    const fresh = !bundleDependencies && builtHash() === inputHash();
    stripManifest(fresh ? [] : await build());
    absoluteReadmeLinks();
  } else await build();
}
