// The package as another team's CI gets it: packed from a copy of this checkout (through prepack),
// installed with --omit=dev into an empty folder by the README's recipe (examples/ci/with-stub.sh),
// started, waited on, used by the official SDKs and by the clients imported from the package,
// stopped with SIGTERM; then its size, its types under strict TypeScript, and startStub in a vitest
// suite. Nothing here reads this repository's sources at run time but the fixtures. It all runs on
// the Node.js of PACKAGE_TEST_NODE (a path to a node binary) when set: `npm run test:node-versions`
// runs it on each supported version.
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { folderBytes, npmEnvironment, packCopy, type Packed } from "../scripts/pack.ts";
import { runCommand } from "./support/command.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const fixtures = join(root, "test", "package-fixtures");
const work = mkdtempSync(join(tmpdir(), "contract-stubs-package-"));
const consumer = join(work, "consumer");
const maxInstalledBytes = 40 * 1024 * 1024;
/** The Node.js the package runs on here, and an environment whose `node` is that one. */
const node = process.env.PACKAGE_TEST_NODE ?? process.execPath;
const withNode = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  PATH: `${dirname(node)}:${env.PATH ?? process.env.PATH}`,
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let packed: Packed;

beforeAll(async () => {
  packed = await packCopy(work);
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  test("holds the compiled stub and clients with their types, the bundled specs, the demo data and the docs", () => {
    const paths = packed.files.map((f) => f.path);
    for (const required of [
      "bin/contract-stubs.js",
      "dist/server/main.js",
      "dist/server/index.js",
      "dist/server/index.d.ts",
      "dist/client/index.js",
      "dist/client/index.d.ts",
      "dist/generated/customer-profiles.openapi.yaml",
      "dist/generated/access-profiles.openapi.json",
      "dist/generated/stub-admin.d.ts",
      "dist/server/main.js.map",
      "dist/server/data/demo-data.json",
      "dist/docs/index.html",
      "dist/docs/redoc.standalone.js",
      "dist/docs/redoc.standalone.js.LICENSE.txt",
      "dist/sbom.cdx.json",
      "LICENSE",
      "README.md",
      "package.json",
    ])
      expect(paths, required).toContain(required);
  });

  test("its README links to nothing the tarball lacks: packed without a repository, such links are plain text", () => {
    const readme = execFileSync("tar", ["-xzOf", packed.tarball, "package/README.md"], { encoding: "utf8" });
    const paths = new Set(packed.files.map((f) => f.path));
    const relative = [...readme.matchAll(/\]\((?!https?:|mailto:|#)([^)\s#]+)[^)]*\)/g)].map(([, target]) => target!);
    expect(relative.filter((target) => !paths.has(target))).toEqual([]);
    expect(readme).toContain("docs/ci.md` in the contract-stubs repository");
  });

  test("holds nothing that needs TypeScript, tsx or the toolchain at run time", () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => /\.(ts|mts|cts)$/.test(p) && !p.endsWith(".d.ts"))).toEqual([]);
    expect(
      paths.filter(
        (p) => /^(server|client|spec|scripts|test|generated|examples)\//.test(p) || p.includes(".build-hash"),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "@smithy/hash-node",
      "@smithy/signature-v4",
      "@smithy/types",
      "ajv",
      "ajv-formats",
      "aws4",
      "busboy",
      "express",
      "express-openapi-validator",
      "fast-json-patch",
      "jose",
      "openapi-fetch",
    ]);
    // Ranges that let patch releases through, so that a fix reaches consumers without a release of this package.
    for (const [name, range] of Object.entries<string>(manifest.dependencies)) expect(range, name).toMatch(/^[~^]/);
  });

  test("lists in a CycloneDX SBOM what it carries inside its own files: Redoc's bundle, and no library of the stub", () => {
    const sbom = JSON.parse(
      execFileSync("tar", ["-xzOf", packed.tarball, "package/dist/sbom.cdx.json"], { encoding: "utf8" }),
    );
    expect(sbom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.5" });
    expect(sbom.components.map((c: { name: string }) => c.name)).toEqual(["redoc"]);
    expect(sbom.components[0]).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      licenses: [{ license: { id: "MIT" } }],
    });
  });

  test("its package.json carries no scripts, dev dependencies or install-script reviews of this repository", () => {
    const published = JSON.parse(
      execFileSync("tar", ["-xzOf", packed.tarball, "package/package.json"], { encoding: "utf8" }),
    );
    expect(published.scripts).toBeUndefined();
    expect(published.devDependencies).toBeUndefined();
    expect(published.allowScripts).toBeUndefined();
    expect(published.bin).toEqual({ "contract-stubs": "bin/contract-stubs.js" });
    // The working tree's manifest was put back after packing (the copy's, here: it must equal the original).
    expect(readFileSync(join(work, "source", "package.json"), "utf8")).toBe(
      readFileSync(join(root, "package.json"), "utf8"),
    );
  });
});

describe("the README's recipe, run against the tarball", () => {
  let output = "";

  test("installs with --omit=dev, starts, waits on /__stub/health, serves the SDKs and the package's clients, and stops cleanly", async () => {
    mkdirSync(consumer, { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    cpSync(join(fixtures, "consumer-check.mjs"), join(consumer, "consumer-check.mjs"));
    // Port 0: the script learns the port the stub was given from its first line.
    const env = withNode({
      ...npmEnvironment(work),
      CONTRACT_STUBS: packed.tarball,
      STUB_PREFIX: consumer,
      STUB_PORT: "0",
      SDK_RESOLVE_FROM: join(root, "package.json"),
    });
    // The script exits with the command's status, and non-zero if the stub does not exit 0 on SIGTERM.
    const result = await run("bash", [join(root, "examples", "ci", "with-stub.sh"), "node", "consumer-check.mjs"], {
      cwd: consumer,
      env,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string; message: string }) => {
      throw new Error(`${error.message}\n${error.stdout}\n${error.stderr}`);
    });
    output = `${result.stdout}\n${result.stderr}`;
    expect(result.stdout).toMatch(
      /official SDKs: ok[\s\S]*contract-stubs \d+\.\d+\.\d+ clients: ok[\s\S]*docs and specs: ok/,
    );
    expect(result.stdout).toContain(`node ${execFileSync(node, ["--version"], { encoding: "utf8" }).trim()}`);
  }, 180_000);

  test("the recipe fails at once, saying why, when another server holds the port", async () => {
    const port = await freePort();
    const holder = createServer().listen(port, "127.0.0.1");
    try {
      const started = performance.now();
      const failure = await run("bash", [join(root, "examples", "ci", "with-stub.sh"), "echo", "the suite ran"], {
        cwd: consumer,
        env: withNode({
          ...npmEnvironment(work),
          CONTRACT_STUBS: packed.tarball,
          STUB_PREFIX: consumer,
          STUB_PORT: String(port),
        }),
      }).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).not.toContain("the suite ran");
      expect(failure?.stderr).toMatch(
        /contract-stubs did not start, or said nothing of where it listens within 30 s:\s+cannot listen on 127\.0\.0\.1:\d+: listen EADDRINUSE/,
      );
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      holder.close();
    }
  }, 60_000);

  test("the installed command keeps V8's compile cache where NODE_COMPILE_CACHE says, and none with NODE_DISABLE_COMPILE_CACHE", async () => {
    const cacheOf = async (extra: Record<string, string>) => {
      const cache = mkdtempSync(join(work, "compile-cache-"));
      const stub = runCommand(join(consumer, "node_modules", ".bin", "contract-stubs"), ["--port", "0", "--quiet"], {
        cwd: consumer,
        env: withNode({ ...process.env, NODE_COMPILE_CACHE: cache, ...extra }),
      });
      expect((await fetch(`${await stub.listening}/__stub/health`)).status).toBe(200);
      stub.child.kill("SIGTERM");
      expect(await stub.exited).toBe(0);
      return readdirSync(cache, { recursive: true }).length;
    };
    expect(await cacheOf({})).toBeGreaterThan(0);
    expect(await cacheOf({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBe(0);
  }, 60_000);

  test("npx contract-stubs stops when npx is sent SIGTERM, not only when the stub itself is", async () => {
    const npx = runCommand("npm", ["exec", "--offline", "--", "contract-stubs", "--port", "0", "--quiet"], {
      cwd: consumer,
      env: withNode(npmEnvironment(work)),
    });
    const base = await npx.listening;
    expect((await fetch(`${base}/__stub/health`)).status).toBe(200);
    npx.child.kill("SIGTERM");
    // npm hands the signal to the shell it ran the command in, which dies without passing it on:
    // the stub sees that npm is gone, drains and exits.
    await expect.poll(npx.out, { timeout: 5000 }).toContain("npm stopped: no new connections");
    await expect
      .poll(
        () =>
          fetch(`${base}/__stub/health`).then(
            () => "answering",
            () => "stopped",
          ),
        { timeout: 5000 },
      )
      .toBe("stopped");
    // npm ends itself by the signal that ended its shell, as the README says, while the stub drained.
    expect(await npx.exited).toBeNull();
    expect(npx.child.signalCode).toBe("SIGTERM");
  }, 60_000);

  test("contract-stubs verify, installed, finds the installed stub conforming, and no different from its own", async () => {
    const stub = runCommand("npm", ["exec", "--offline", "--", "contract-stubs", "--port", "0", "--quiet"], {
      cwd: consumer,
      env: withNode(npmEnvironment(work)),
    });
    try {
      const base = await stub.listening;
      const verifier = runCommand(
        "npm",
        [
          "exec",
          "--offline",
          "--",
          "contract-stubs",
          "verify",
          "--api",
          "access-profiles",
          "--base-url",
          base,
          "--compare-with-stub",
        ],
        {
          cwd: consumer,
          env: withNode({ ...npmEnvironment(work), SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" }),
        },
      );
      expect(await verifier.exited, verifier.err()).toBe(0);
      expect(verifier.out()).toContain("0 answered differently from the stub.\nThe target conforms.\n");
    } finally {
      stub.child.kill("SIGTERM");
      await stub.exited;
    }
  }, 60_000);

  test("a stack from the package names its TypeScript source and line: the command turns source maps on", async () => {
    const installed = join(consumer, "node_modules", "contract-stubs");
    // As a library, with source maps on as Node.js offers them (--enable-source-maps).
    const { stdout } = await run(
      node,
      [
        "--enable-source-maps",
        "--input-type=module",
        "-e",
        'const { startStub } = await import("contract-stubs"); await startStub({ port: 70000 }).catch((e) => console.log(e.stack));',
      ],
      { cwd: consumer },
    );
    expect(stdout).toMatch(
      /TypeError: startStub option port must be[\s\S]*at configFromOptions \(.*server\/config\.ts:\d+:\d+\)/,
    );
    // The command turns them on itself, before it loads the stub.
    const { stdout: enabled } = await run(
      node,
      [
        "--input-type=module",
        "-e",
        `process.argv.splice(1, Infinity, "contract-stubs", "--version"); process.on("exit", () => console.log("source maps:", process.sourceMapsEnabled)); await import(${JSON.stringify(join(installed, "bin", "contract-stubs.js"))});`,
      ],
      { cwd: consumer },
    );
    expect(enabled).toMatch(/^\d+\.\d+\.\d+\nsource maps: true\n$/);
  }, 60_000);

  test("`await using stub = await startStub()` closes the stub on the Node.js versions the README says run it as written (24+), and is a SyntaxError on 22", async () => {
    const major = Number(execFileSync(node, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }));
    const script = `{ await using stub = await (await import("contract-stubs")).startStub(); globalThis.url = stub.url; }
const closed = await fetch(globalThis.url + "/__stub/health").then(() => "still answering", () => "closed");
console.log(closed);`;
    const outcome = await run(node, ["--input-type=module", "-e", script], { cwd: consumer }).then(
      ({ stdout }) => stdout.trim(),
      (error: { stderr: string }) => (/SyntaxError/.test(error.stderr) ? "SyntaxError" : error.stderr),
    );
    expect(outcome).toBe(major >= 24 ? "closed" : "SyntaxError");
  }, 60_000);

  test("npm prints no warning while installing it", () => {
    expect(output).not.toBe("");
    expect(output.split("\n").filter((line) => /\bnpm (warn|WARN|ERR)/.test(line))).toEqual([]);
  });

  test(`installs at most ${maxInstalledBytes / 2 ** 20} MB of node_modules`, () => {
    const bytes = folderBytes(join(consumer, "node_modules"));
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(maxInstalledBytes);
  });

  test.each(["NodeNext", "Bundler"])(
    "its types hold under strict TypeScript with moduleResolution %s",
    async (resolution) => {
      cpSync(join(fixtures, "consumer-types.ts"), join(consumer, "consumer-types.ts"));
      const tsconfig = join(consumer, `tsconfig.${resolution}.json`);
      // As a Node.js project compiles it: with Node's types (the Smithy signer's types need
      // them), from this repository.
      const compilerOptions = {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        target: "ES2022",
        lib: ["ES2023"],
        typeRoots: [join(root, "node_modules", "@types")],
        types: ["node"],
        module: resolution === "NodeNext" ? "NodeNext" : "ESNext",
        moduleResolution: resolution,
      };
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files: ["consumer-types.ts"] }));
      const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
      await run(process.execPath, [tsc, "-p", tsconfig], { cwd: consumer }).catch((error: { stdout: string }) => {
        throw new Error(`tsc failed:\n${error.stdout}`);
      });
    },
    60_000,
  );

  test("startStub works in a consumer's vitest suite (examples/vitest)", async () => {
    cpSync(join(root, "examples", "vitest", "access-profiles.test.ts"), join(consumer, "access-profiles.test.ts"));
    // vitest itself comes from this repository; contract-stubs from the consumer's install.
    symlinkSync(join(root, "node_modules", "vitest"), join(consumer, "node_modules", "vitest"), "dir");
    const { stdout } = await run(
      node,
      [join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--root", consumer, "--reporter", "verbose"],
      {
        cwd: consumer,
        env: { ...process.env, NO_COLOR: "1" },
      },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the example suite failed:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).toMatch(/2 passed/);
  }, 60_000);

  test("one stub for a whole vitest run works in a consumer's suite (examples/vitest-shared)", async () => {
    const suite = join(consumer, "shared");
    cpSync(join(root, "examples", "vitest-shared"), suite, { recursive: true });
    const vitest = join(consumer, "node_modules", "vitest");
    if (!existsSync(vitest)) symlinkSync(join(root, "node_modules", "vitest"), vitest, "dir");
    const { stdout } = await run(
      node,
      [join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--root", suite, "--reporter", "verbose"],
      { cwd: suite, env: { ...process.env, NO_COLOR: "1" } },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the example suite failed:\n${error.stdout}\n${error.stderr}`);
    });
    // Both files, each in its own worker, reached the stub the global setup started.
    expect(stdout).toMatch(/Test Files {2}2 passed/);
    expect(stdout).toMatch(/Tests {2}2 passed/);
  }, 60_000);

  test("one stub for a whole Jest run works in a consumer's suite (examples/jest-shared)", async () => {
    const suite = join(consumer, "jest-shared");
    cpSync(join(root, "examples", "jest-shared"), suite, { recursive: true });
    for (const pkg of ["jest", "@jest"]) {
      const installed = join(consumer, "node_modules", pkg);
      if (!existsSync(installed)) symlinkSync(join(root, "node_modules", pkg), installed, "dir");
    }
    // A cache of its own: with no timings from an earlier run, Jest runs the two files in two
    // workers, which must get the stub's URL from the environment the global setup left.
    const cacheDirectory = mkdtempSync(join(work, "jest-cache-"));
    const { stderr } = await run(
      node,
      [
        "--experimental-vm-modules",
        join(consumer, "node_modules", "jest", "bin", "jest.js"),
        "--ci",
        "--maxWorkers=2",
        `--cacheDirectory=${cacheDirectory}`,
      ],
      { cwd: suite, env: { ...process.env, NO_COLOR: "1" } },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the example suite failed:\n${error.stdout}\n${error.stderr}`);
    });
    // Jest reports on standard error.
    expect(stderr).toMatch(/Test Suites: 2 passed, 2 total/);
    expect(stderr).toMatch(/Tests: {7}2 passed, 2 total/);
  }, 60_000);
});

test("the GitHub Actions example runs the same recipe", () => {
  const workflow = parse(readFileSync(join(root, "examples", "github-actions", "contract-tests.yml"), "utf8"));
  const steps = Object.values<{ steps: { run?: string }[] }>(workflow.jobs).flatMap((job) => job.steps);
  expect(steps.some((step) => step.run?.includes("with-stub.sh"))).toBe(true);
});

describe("publishing", () => {
  const source = () => join(work, "source");
  const repository = "https://github.com/example-org/contract-stubs";

  test("npm publish --dry-run takes the package as the release workflow publishes it", async () => {
    const manifest = readFileSync(join(source(), "package.json"), "utf8");
    const env = npmEnvironment(work);
    try {
      // What .github/workflows/release.yml does before publishing.
      await run(
        "npm",
        [
          "pkg",
          "set",
          "repository.type=git",
          `repository.url=git+${repository}.git`,
          `homepage=${repository}#readme`,
          `bugs.url=${repository}/issues`,
        ],
        { cwd: source(), env },
      );
      const { stdout } = await run("npm", ["publish", "--dry-run", "--json", "--tag", "dry-run"], {
        cwd: source(),
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      // npm 11 keys its JSON by the package's name.
      const [published] = Object.values(
        JSON.parse(stdout.slice(stdout.indexOf("{"))) as Record<
          string,
          { name: string; version: string; files: { path: string }[] }
        >,
      );
      expect(published).toMatchObject({ name: "contract-stubs", version: JSON.parse(manifest).version });
      expect(published!.files.map((f) => f.path)).toEqual(expect.arrayContaining(["README.md", "dist/server/main.js"]));

      // The README the registry shows links to the repository's files at the release's tag.
      const { stdout: packed } = await run("npm", ["pack", "--json", "--pack-destination", work], {
        cwd: source(),
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      const [tarball] = JSON.parse(packed.slice(packed.indexOf("["))) as { filename: string }[];
      const readme = execFileSync("tar", ["-xzOf", join(work, tarball!.filename), "package/README.md"], {
        encoding: "utf8",
      });
      const version = JSON.parse(manifest).version;
      expect(readme).toContain(`](${repository}/blob/v${version}/docs/ci.md)`);
      expect(readme).not.toMatch(/\]\((docs|examples)\//);
      // And the working copy's README and manifest are left as they were, but for the fields set.
      expect(readFileSync(join(source(), "README.md"), "utf8")).toBe(readFileSync(join(root, "README.md"), "utf8"));
    } finally {
      writeFileSync(join(source(), "package.json"), manifest);
    }
  }, 120_000);

  test("the release workflow tests, checks the version, sets the repository, builds from scratch and publishes with provenance", () => {
    const workflow = parse(readFileSync(join(root, ".github", "workflows", "release.yml"), "utf8"));
    const steps: { run?: string }[] = workflow.jobs.publish.steps;
    const runs = steps.map((s) => s.run ?? "").join("\n");
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.permissions["id-token"]).toBe("write");
    for (const command of ["npm ci", "npm test", "npm pkg set repository.type=git", "npm publish --provenance"])
      expect(runs).toContain(command);
    expect(runs.indexOf("npm test")).toBeLessThan(runs.indexOf("npm publish"));
    // npm publish packs a fresh dist/ as it is; the release builds it again after the tests.
    expect(runs.lastIndexOf("npm run build")).toBeGreaterThan(runs.lastIndexOf("npm test"));
    expect(runs.lastIndexOf("npm run build")).toBeLessThan(runs.indexOf("npm publish"));
  });
});
