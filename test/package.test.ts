// The package as another team's CI gets it: packed from a copy of this checkout (through prepack),
// installed with --omit=dev into an empty folder by the README's recipe (examples/ci/with-stub.sh),
// started, waited on, used by the official SDKs and by the clients imported from the package,
// stopped with SIGTERM; then its size, its types under strict TypeScript, and startStub in a vitest
// suite. Nothing here reads this repository's sources at run time but the fixtures.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { folderBytes, npmEnvironment, packCopy, type Packed } from "../scripts/pack.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const fixtures = join(root, "test", "package-fixtures");
const work = mkdtempSync(join(tmpdir(), "contract-stubs-package-"));
const consumer = join(work, "consumer");
const maxInstalledBytes = 40 * 1024 * 1024;

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
      "dist/server/data/demo-data.json",
      "dist/docs/index.html",
      "dist/docs/redoc.standalone.js",
      "dist/THIRD-PARTY-LICENSES.txt",
      "LICENSE",
      "README.md",
      "package.json",
    ])
      expect(paths, required).toContain(required);
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
      "openapi-fetch",
    ]);
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
    const port = await freePort();
    const env = {
      ...npmEnvironment(work),
      CONTRACT_STUBS: packed.tarball,
      STUB_PREFIX: consumer,
      STUB_PORT: String(port),
      SDK_RESOLVE_FROM: join(root, "package.json"),
    };
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
  }, 180_000);

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
      join(root, "node_modules", ".bin", "vitest"),
      ["run", "--root", consumer, "--reporter", "verbose"],
      {
        cwd: consumer,
        env: { ...process.env, NO_COLOR: "1" },
      },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`the example suite failed:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).toMatch(/2 passed/);
  }, 60_000);
});

test("the GitHub Actions example runs the same recipe", () => {
  const workflow = parse(readFileSync(join(root, "examples", "github-actions", "contract-tests.yml"), "utf8"));
  const steps = Object.values<{ steps: { run?: string }[] }>(workflow.jobs).flatMap((job) => job.steps);
  expect(steps.some((step) => step.run?.includes("with-stub.sh"))).toBe(true);
});
