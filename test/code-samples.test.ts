// Every code sample the docs show (x-codeSamples) runs against a fresh stub and makes the stub
// answer its operation with success, so the docs can never show code that does not work.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { apiNames, documentedMatrix, localBasePath, type ApiName } from "./support/oracle.ts";
import { startTestStub } from "./support/stub.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
// Inside the repo, so that `contract-stubs/client` and the SDKs resolve as they would for a user.
const scratch = `${root}test-results/code-samples`;
mkdirSync(scratch, { recursive: true });

const extension: Record<string, string> = { TypeScript: "ts", JavaScript: "mjs", Shell: "sh" };

interface Sample {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  lang: string;
  label: string;
  source: string;
}

const samples: Sample[] = [];
const operationsWithout: string[] = [];
for (const api of apiNames) {
  const spec = JSON.parse(readFileSync(`${root}generated/${api}.openapi.json`, "utf8"));
  for (const row of documentedMatrix(api).filter(
    (r, i, all) => all.findIndex((o) => o.operationId === r.operationId) === i,
  )) {
    const op = spec.paths[row.path][row.method.toLowerCase()];
    const list: { lang: string; label: string; source: string }[] = op["x-codeSamples"] ?? [];
    if (!list.some((s) => s.lang === "Shell") || !list.some((s) => s.lang === "TypeScript"))
      operationsWithout.push(row.operationId);
    for (const s of list) samples.push({ api, operationId: row.operationId, method: row.method, path: row.path, ...s });
  }
}

test("every operation shows at least a curl and a TypeScript sample", () => {
  expect(operationsWithout).toEqual([]);
});

// The official SDK of an API version: JavaScript where its SDK is on the npm registry, Python for
// Access Profiles v1 (sailpoint-api-client 2.x, its JavaScript SDK, is not served by the registry CI
// installs from; the Python SDK 2.x is).
const sdkLanguages = ["JavaScript", "Python"];

test("each operation of the services (every API but the stub's own) also shows its official SDK", () => {
  const serviceOperations = apiNames
    .filter((api) => api !== "stub-admin")
    .flatMap((api) => documentedMatrix(api).map((row) => row.operationId));
  expect(serviceOperations.length).toBeGreaterThan(0);
  for (const operationId of new Set(serviceOperations))
    expect(
      samples.filter((s) => s.operationId === operationId && sdkLanguages.includes(s.lang)).map((s) => s.label),
      operationId,
    ).toHaveLength(1);
});

// Python samples run in the Python example (examples/python/tests/test_code_samples.py, reading the
// same specs), where the Python SDKs are installed: npm test stays Node-only.
test("every sample is in a language some suite runs", () => {
  const pythonRunner = readFileSync(`${root}examples/python/tests/test_code_samples.py`, "utf8");
  expect(pythonRunner).toMatch(/x-codeSamples/);
  expect(samples.filter((s) => !(s.lang in extension) && s.lang !== "Python")).toEqual([]);
});

// Each sample runs as its reader would run it: curl's with bash, JavaScript's with node, and
// TypeScript's with node too, which runs erasable TypeScript as it is (Node.js 22.18 and later; the
// flag for the 22.x before), so a sample that needs a compiler to run fails here.
function runner(lang: string, file: string): [string, string[]] {
  if (lang === "Shell") return ["bash", ["-euo", "pipefail", file]];
  if (lang === "TypeScript" && !process.features.typescript)
    return [process.execPath, ["--experimental-strip-types", file]];
  return [process.execPath, [file]];
}

describe.concurrent("code samples", () => {
  for (const sample of samples.filter((s) => s.lang in extension)) {
    test(`${sample.operationId}: ${sample.label} (${sample.lang}) works against the stub`, async () => {
      const seen: string[] = [];
      const stub = await startTestStub({ exerciser: "examples", requestLog: (line) => seen.push(line) });
      try {
        const file = `${scratch}/${sample.operationId}-${sample.label.replace(/\W+/g, "-")}.${extension[sample.lang]}`;
        writeFileSync(file, sample.source);
        const [command, args] = runner(sample.lang, file);
        await run(command, args, {
          cwd: scratch,
          env: { ...process.env, STUB_URL: stub.baseUrl },
          timeout: 30_000,
        });
        const route = new RegExp(
          `^\\S+ \\S+ ${sample.method} ${localBasePath(sample.api)}${sample.path.replace(/\{[^}]+\}/g, "[^/ ]+")}(\\?\\S*)? 2\\d\\d `,
        );
        expect(
          seen.filter((line) => route.test(line)),
          `the stub answered ${sample.method} ${sample.path} with 2xx`,
        ).not.toEqual([]);
        expect(stub.errors).toEqual([]);
      } finally {
        await stub.close();
      }
    });
  }
});
