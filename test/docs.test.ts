// What the README and docs/ show works as written: each page's shell blocks run in order against a
// fresh stub (a block that cannot run here says why in a comment just above it), every TypeScript
// block type-checks against the package's sources, every JSON block parses, every link resolves to
// a file and heading, and every npm script named exists.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import type { Latest } from "../scripts/bench/results.ts";
import { benchTables, blockOnPage } from "../scripts/bench/tables.ts";
import { languages } from "../scripts/languages.ts";
import { codeBlocks } from "./support/markdown.ts";
import { apiNames } from "./support/oracle.ts";
import { startTestStub } from "./support/stub.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const pages = [
  "README.md",
  "CHANGELOG.md",
  ...readdirSync(join(root, "docs"), { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `docs/${f.name}`),
  ...languages.map((language) => `examples/${language.name}/README.md`),
];
const documentedUrl = "http://127.0.0.1:4010";
const skipMarker = /^<!-- not run by test\/docs\.test\.ts: (.+) -->$/;

interface Block {
  page: string;
  line: number;
  lang: string;
  code: string;
  /** Why it cannot run here, from the comment just above it. */
  notRun?: string;
}

function blocksOf(page: string): Block[] {
  return codeBlocks(join(root, page), page).map(({ page, line, lang, lines, above }) => {
    const notRun = skipMarker.exec(above)?.[1];
    return { page, line, lang, code: lines.join("\n"), ...(notRun ? { notRun } : {}) };
  });
}

const blocks = pages.flatMap(blocksOf);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

describe("shell blocks, run in order against a fresh stub per page", () => {
  for (const page of pages) {
    const runnable = blocksOf(page).filter((b) => b.lang === "sh" && !b.notRun);
    if (runnable.length === 0) continue;
    test(`${page}: ${runnable.length} block(s) at lines ${runnable.map((b) => b.line).join(", ")}`, async () => {
      const answered: { url: string; status: number | "dropped" }[] = [];
      const stub = await startTestStub({ exerciser: "examples", onResponse: (event) => answered.push(event) });
      // Run where the files a block writes (a HAR export, say) cannot land in the working tree.
      const scratch = mkdtempSync(join(tmpdir(), "contract-stubs-docs-"));
      // `contract-stubs` is the package's command, as an npm script or npx finds it once installed:
      // here, the built command of this checkout.
      mkdirSync(join(scratch, "bin"));
      writeFileSync(
        join(scratch, "bin", "contract-stubs"),
        `#!/bin/sh\nexec "${process.execPath}" "${join(root, "bin", "contract-stubs.js")}" "$@"\n`,
        { mode: 0o755 },
      );
      try {
        // A request to a marker path before each block splits what the stub answered by block.
        const script = runnable
          .map((b, i) => `curl -s -o /dev/null "${documentedUrl}/docs-test-block-${i}"\n# ${page}:${b.line}\n${b.code}`)
          .join("\n")
          .replaceAll(documentedUrl, stub.baseUrl);
        const { stdout, stderr } = await run("bash", ["-euo", "pipefail", "-c", script], {
          cwd: scratch,
          env: { ...process.env, PATH: `${join(scratch, "bin")}:${process.env.PATH}` },
          timeout: 30_000,
        }).catch((error: { stdout: string; stderr: string; message: string }) => {
          throw new Error(`${error.message}\n${error.stdout}\n${error.stderr}`);
        });
        expect(`${stdout}${stderr}`).not.toMatch(/Failed to connect|Could not resolve host|command not found/);
        // A block ending in `# <status> …` documents the status of its last request.
        for (const [i, block] of runnable.entries()) {
          const documented = /^# (\d{3})\b/.exec(block.code.trim().split("\n").at(-1)!)?.[1];
          if (!documented) continue;
          const start = answered.findIndex((e) => e.url === `/docs-test-block-${i}`);
          const next = answered.findIndex((e) => e.url === `/docs-test-block-${i + 1}`);
          const own = answered.slice(start + 1, next < 0 ? undefined : next);
          expect(own.at(-1)?.status, `${page}:${block.line} says its last request answers ${documented}`).toBe(
            Number(documented),
          );
        }
      } finally {
        await stub.close();
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  }

  test("a block left out says why", () => {
    const left = blocks.filter((b) => b.lang === "sh" && b.notRun);
    expect(left.length).toBeGreaterThan(0);
    for (const block of left) expect(block.notRun!.length, `${block.page}:${block.line}`).toBeGreaterThan(10);
  });
});

test("TypeScript blocks type-check against the package's sources", async () => {
  const dir = join(root, "test-results", "docs-snippets");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const snippets = blocks.filter((b) => b.lang === "ts");
  expect(snippets.length).toBeGreaterThan(3);
  for (const block of snippets) {
    const module = /^(import|export) /m.test(block.code) ? block.code : `${block.code}\nexport {};`;
    writeFileSync(join(dir, `${block.page.replace(/\W/g, "_")}_${block.line}.ts`), module);
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true }, include: ["*.ts"] }),
  );
  await run(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")],
    { cwd: root },
  ).catch((error: { stdout: string }) => {
    throw new Error(`a documented snippet does not compile:\n${error.stdout}`);
  });
}, 60_000);

test("a block that shows an example's file is that file: its first line names it, the rest is its code", () => {
  const shown = blocks.filter((b) => /^\/\/ [\w-]+\.ts, /.test(b.code));
  expect(shown.length).toBeGreaterThan(0);
  for (const block of shown) {
    const [first, ...rest] = block.code.split("\n");
    const name = /^\/\/ ([\w-]+\.ts), /.exec(first!)![1]!;
    const linked = [...readFileSync(join(root, block.page), "utf8").matchAll(/\]\(([^)]*examples\/[^)]+\/)\)/g)]
      .map((m) => join(dirname(join(root, block.page)), m[1]!, name))
      .find((file) => existsSync(file));
    expect(linked, `${block.page}:${block.line} names ${name}, in no examples/ folder the page links`).toBeDefined();
    const code = readFileSync(linked!, "utf8").replace(/^(\/\/.*\n)+/, "");
    expect(rest.join("\n"), `${block.page}:${block.line}`).toBe(code.trimEnd());
  }
});

describe("the performance tables are those of benchmarks/results/latest.json", () => {
  const latest = JSON.parse(readFileSync(join(root, "benchmarks", "results", "latest.json"), "utf8")) as Latest;
  test.each(benchTables(latest))(
    "$page: the $name table, as `npm run bench:tables` writes it",
    ({ page, name, text }) => {
      expect(blockOnPage(root, page, name), `${page}: rewrite it with npm run bench:tables`).toBe(text);
    },
  );
});

test("JSON blocks parse", () => {
  for (const block of blocks.filter((b) => b.lang === "json"))
    expect(() => JSON.parse(block.code), `${block.page}:${block.line}`).not.toThrow();
});

test("every relative link resolves to a file, and to a heading when it names one", () => {
  const broken: string[] = [];
  for (const page of pages) {
    const text = readFileSync(join(root, page), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:)/.test(target!)) continue;
      const [file, anchor] = target!.split("#") as [string, string | undefined];
      const path = file ? join(dirname(join(root, page)), file) : join(root, page);
      if (!existsSync(path)) {
        broken.push(`${page}: ${target} (no file ${relative(root, path)})`);
        continue;
      }
      if (anchor && path.endsWith(".md")) {
        const headings = [...readFileSync(path, "utf8").matchAll(/^#+ (.+)$/gm)].map(([, h]) => slug(h!));
        if (!headings.includes(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test("every npm script the pages name exists", () => {
  const scripts = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts);
  const named = new Set(
    pages.flatMap((page) =>
      [...readFileSync(join(root, page), "utf8").matchAll(/\bnpm run ([a-z][\w:-]*)/g)].map(([, s]) => s!),
    ),
  );
  expect(named.size).toBeGreaterThan(5);
  const missing = [...named].filter((name) => !scripts.includes(name));
  expect(missing).toEqual([]);
  expect(scripts).toEqual(expect.arrayContaining(["start", "test"]));
});

test("no page or recipe installs contract-stubs from the registry by version: none is published yet", () => {
  // The versions on the registry; when the first release is published, it joins this list.
  const published: string[] = [];
  const recipes = [
    "examples/ci/with-stub.sh",
    ...readdirSync(join(root, "examples", "github-actions")).map((f) => `examples/github-actions/${f}`),
  ];
  const pinned = [...pages, ...recipes].flatMap((page) =>
    [...readFileSync(join(root, page), "utf8").matchAll(/\bcontract-stubs@(\d[\w.-]*)/g)]
      .filter(([, version]) => !published.includes(version!))
      .map(([whole]) => `${page}: ${whole}`),
  );
  expect(pinned).toEqual([]);
  // And the recipes say where the package comes from instead.
  for (const recipe of recipes) expect(readFileSync(join(root, recipe), "utf8"), recipe).toMatch(/npm pack/);
});

test("the README's line on npm test names every step the script runs", () => {
  const words: Record<string, string> = {
    lint: "lint",
    "lint:spec": "spec lint",
    "check:generated": "generated-file drift",
    "check:compat": "breaking-change gate",
    typecheck: "typecheck",
    "test:vitest": "vitest",
    "coverage:contract": "contract coverage",
  };
  const script: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.test;
  const steps = [...script.matchAll(/npm run ([\w:-]+)/g)].map(([, name]) => name!);
  const line = readFileSync(join(root, "README.md"), "utf8").match(/^npm ci && npm test +# (.+)$/m)?.[1];
  expect(steps.filter((step) => !(step in words))).toEqual([]);
  expect(line?.split(", ")).toEqual(steps.map((step) => words[step]));
});

test("the README's table of operations lists every operation of the services' specs, and no other", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = readme.slice(0, readme.indexOf("\n\n", readme.indexOf("| API ")));
  const listed = [...table.matchAll(/^\|[^|]*\| `(\w+)`\s*\| `([A-Z]+) ([^`]+)`/gm)].map(
    ([, operationId, method, path]) => `${method} ${path} ${operationId}`,
  );
  // Every API but the two that serve the others (the token endpoint, the stub's own admin API).
  const services = apiNames.filter((api) => api !== "sailpoint-oauth" && api !== "stub-admin");
  const specs = services.map((api) => JSON.parse(readFileSync(join(root, "generated", `${api}.openapi.json`), "utf8")));
  const documented = specs.flatMap((spec) => {
    const base = new URL(spec.servers.at(-1).url).pathname.replace(/\/$/, "");
    return Object.entries<Record<string, { operationId: string }>>(spec.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${base}${path} ${op.operationId}`),
    );
  });
  expect(listed.sort()).toEqual(documented.sort());
});
