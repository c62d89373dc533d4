// `npm run sdk-matrix [-- --write] [--only <sdk>] [--latest-only]`: every official SDK the project
// runs, at the version it pins and at the newest its registry serves (and, for SailPoint's SDKs, the
// newest of the 1.x line, which calls v3 where 2.x calls v1), each through the same scenarios its
// language's suite runs for it, against a fresh stub. Fails when a scenario fails for any version,
// or when the pinned versions or their outcomes differ from docs/sdk-matrix.json (a pin changed
// without the matrix regenerated). `--write` records the run there and renders the table in
// docs/clients.md. `--latest-only` is the nightly's: a new release that changes what a scenario
// asserts fails it.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startStub } from "../server/index.ts";
import { repoRoot } from "./apis.ts";

const scratch = join(repoRoot, "test-results", "sdk-matrix");
export const matrixFile = join(repoRoot, "docs", "sdk-matrix.json");
export const tableFile = join(repoRoot, "docs", "clients.md");
export const tableMarkers = ["<!-- sdk-matrix:start -->", "<!-- sdk-matrix:end -->"] as const;

export interface ScenarioResult {
  name: string;
  passed: boolean;
}

export interface MatrixRun {
  sdk: string;
  version: string;
  /** Why this version is in the matrix: pinned, latest, latest 1.x (one version may be several). */
  roles: string[];
  /** The API of the stub it called: its name in the journal. */
  scenarios: ScenarioResult[];
}

export interface Matrix {
  /** When the recorded run was made (ISO date). */
  recorded: string;
  /** SDKs whose newest version the registry would not name, and why. */
  unlisted: { sdk: string; reason: string }[];
  runs: MatrixRun[];
}

interface Sdk {
  /** The package, module or artifact as its registry names it. */
  id: string;
  language: "JavaScript" | "Python" | "Go" | "Java";
  pinned(): string;
  /** The versions beyond the pinned one, by role; a role whose version the registry will not name is a string. */
  others(): Promise<Record<string, string | { unavailable: string }>>;
  run(version: string, stubUrl: string, work: string): Promise<ScenarioResult[]>;
}

/** Runs a command; resolves with its output, rejects with it when it fails. */
function exec(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")}: exit ${code}\n${output.slice(-4000)}`)),
    );
  });
}

/** Like exec, but a failing exit is the suite's verdict, read from its report: only a missing report rejects. */
async function execSuite(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }) {
  return exec(command, args, options).catch((error: Error) => error.message);
}

/** The test cases of JUnit XML reports (pytest, vitest, Maven Surefire): name and whether it passed. */
export function junitCases(xml: string): ScenarioResult[] {
  const cases: ScenarioResult[] = [];
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const name = /\bname="([^"]*)"/.exec(match[1]!)?.[1] ?? "";
    const body = match[3] ?? "";
    if (/<skipped\b/.test(body)) continue;
    cases.push({ name: unescapeXml(name), passed: !/<(failure|error)\b/.test(body) });
  }
  return cases;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The top-level tests of `go test -json` output, with their subtests, and whether each passed. */
export function goTestCases(output: string): ScenarioResult[] {
  const cases: ScenarioResult[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const event = JSON.parse(line) as { Action: string; Test?: string };
    if (event.Test && (event.Action === "pass" || event.Action === "fail"))
      cases.push({ name: event.Test, passed: event.Action === "pass" });
  }
  return cases;
}

async function npmLatest(pkg: string): Promise<string> {
  return JSON.parse(await exec("npm", ["view", pkg, "version", "--json"])) as string;
}

/** Versions of a PyPI project, newest first, from pip's index listing. */
async function pypiVersions(project: string): Promise<string[]> {
  const output = await exec("python3", ["-m", "pip", "index", "versions", project]);
  return (/Available versions: (.*)/.exec(output)?.[1] ?? "").split(", ").filter(Boolean);
}

async function goLatest(module: string): Promise<string | { unavailable: string }> {
  try {
    return (JSON.parse(await exec("go", ["list", "-m", "-json", `${module}@latest`])) as { Version: string }).Version;
  } catch (error) {
    return { unavailable: `the Go module proxy names no latest version (${firstLine(error)})` };
  }
}

async function mavenLatest(group: string, artifact: string): Promise<string> {
  const url = `https://repo1.maven.org/maven2/${group.replaceAll(".", "/")}/${artifact}/maven-metadata.xml`;
  const response = await fetch(url);
  const release = /<release>([^<]+)<\/release>/.exec(await response.text())?.[1];
  if (!response.ok || !release) throw new Error(`${url}: ${response.status}, no <release>`);
  return release;
}

const firstLine = (error: unknown) =>
  String(error instanceof Error ? error.message : error)
    .split("\n")
    .find((line) => /\S/.test(line) && !line.includes(": exit "))
    ?.trim() ?? "no answer";

const readRepo = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const pinnedIn = (path: string, pattern: RegExp) => {
  const version = pattern.exec(readRepo(path))?.[1];
  if (!version) throw new Error(`${path} pins no version matching ${pattern}`);
  return version;
};

/** One of the JavaScript SDKs, through test/official-sdks.test.ts, another version aliased in. */
function javascriptSdk(pkg: string, describe: string): Sdk {
  return {
    id: pkg,
    language: "JavaScript",
    pinned: () => pinnedIn("package.json", new RegExp(`"${pkg.replace("/", "\\/")}": "([^"]+)"`)),
    others: async () => ({ latest: await npmLatest(pkg) }),
    async run(version, _stubUrl, work) {
      const env: NodeJS.ProcessEnv = {};
      if (version !== this.pinned()) {
        await exec("npm", [
          "install",
          "--prefix",
          work,
          "--no-save",
          "--no-package-lock",
          "--no-audit",
          "--no-fund",
          `${pkg}@${version}`,
        ]);
        env.SDK_MATRIX_ALIAS = JSON.stringify({ [pkg]: join(work, "node_modules", pkg) });
      }
      const report = join(work, "junit.xml");
      await execSuite(
        join(repoRoot, "node_modules", ".bin", "vitest"),
        ["run", "test/official-sdks.test.ts", "-t", `^${describe}`, "--reporter=junit", `--outputFile=${report}`],
        { cwd: repoRoot, env },
      );
      // vitest names a case by its describe blocks too: the SDK's own is the table's heading.
      return junitCases(readFileSync(report, "utf8")).map((c) => ({
        ...c,
        name: c.name.replace(`${describe} > `, ""),
      }));
    },
  };
}

/** One of the Python SDKs, through its file of examples/python/tests, in a venv of its own. */
function pythonSdk(project: string, testFile: string, lines: (versions: string[]) => Record<string, string>): Sdk {
  const pythonDir = join(repoRoot, "examples", "python");
  return {
    id: project,
    language: "Python",
    pinned: () => pinnedIn("examples/python/requirements.txt", new RegExp(`^${project}==(\\S+)`, "m")),
    others: async () => {
      const versions = await pypiVersions(project);
      return { latest: versions[0]!, ...lines(versions) };
    },
    async run(version, stubUrl, work) {
      const venv = join(work, "venv");
      await exec("python3", ["-m", "venv", venv]);
      // The suite's own needs, and the SDK at the version under test (its dependencies as it asks).
      await exec(join(venv, "bin", "pip"), [
        "install",
        "-q",
        "pytest",
        "httpx",
        "botocore",
        "boto3",
        `${project}==${version}`,
      ]);
      const report = join(work, "junit.xml");
      await execSuite(
        join(venv, "bin", "python"),
        ["-m", "pytest", "-p", "no:cacheprovider", testFile, `--junitxml=${report}`],
        {
          cwd: pythonDir,
          env: { STUB_URL: stubUrl },
        },
      );
      return junitCases(readFileSync(report, "utf8"));
    },
  };
}

/** One of the Go SDKs, through its tests in examples/go, in a copy whose go.mod requires the version. */
function goSdk(module: string, testPattern: string): Sdk {
  return {
    id: module,
    language: "Go",
    pinned: () => pinnedIn("examples/go/go.mod", new RegExp(`^\\s*${module.replaceAll(".", "\\.")} (v\\S+)`, "m")),
    others: async () => ({ latest: await goLatest(module) }),
    async run(version, stubUrl, work) {
      const copy = join(work, "go");
      cpSync(join(repoRoot, "examples", "go"), copy, { recursive: true });
      if (version !== this.pinned()) {
        await exec("go", ["get", `${module}@${version}`], { cwd: copy });
        await exec("go", ["mod", "tidy"], { cwd: copy });
      }
      const output = await execSuite("go", ["test", "-count=1", "-json", "-run", testPattern, "./..."], {
        cwd: copy,
        env: { STUB_URL: stubUrl },
      });
      return goTestCases(output);
    },
  };
}

/** The AWS SDK for Java v2, through AwsSdkTest, its BOM at the version given. */
function javaSdk(): Sdk {
  const javaDir = join(repoRoot, "examples", "java");
  return {
    id: "software.amazon.awssdk:customerprofiles",
    language: "Java",
    pinned: () => pinnedIn("examples/java/pom.xml", /<aws-sdk\.version>([^<]+)<\/aws-sdk\.version>/),
    others: async () => ({ latest: await mavenLatest("software.amazon.awssdk", "customerprofiles") }),
    async run(version, stubUrl) {
      const report = join(javaDir, "target", "surefire-reports", "TEST-com.example.stubclients.AwsSdkTest.xml");
      rmSync(report, { force: true });
      await execSuite(
        "mvn",
        ["-B", "-q", "verify", `-Daws-sdk.version=${version}`, "-Dtest=AwsSdkTest", "-Dspotless.check.skip=true"],
        { cwd: javaDir, env: { STUB_URL: stubUrl } },
      );
      return junitCases(readFileSync(report, "utf8"));
    },
  };
}

/** The newest 1.x of a project's versions (newest first): SailPoint's line that calls v3. */
const latestOneX = (versions: string[]) => ({ "latest 1.x": versions.find((v) => v.startsWith("1."))! });

export const sdks: Sdk[] = [
  javascriptSdk("@aws-sdk/client-customer-profiles", "@aws-sdk/client-customer-profiles against the stub"),
  javascriptSdk("sailpoint-api-client", "sailpoint-api-client against the stub"),
  pythonSdk("boto3", "tests/test_boto3.py", () => ({})),
  pythonSdk("sailpoint", "tests/test_sailpoint_sdk.py", latestOneX),
  goSdk("github.com/aws/aws-sdk-go-v2/service/customerprofiles", "^TestAWSSDK"),
  goSdk("github.com/sailpoint-oss/golang-sdk/v2", "^TestSailPointSDK"),
  javaSdk(),
];

/** The versions of an SDK to run, each with its roles; and the roles whose version is unknown. */
async function versionsOf(sdk: Sdk, latestOnly: boolean) {
  const byVersion = new Map<string, string[]>();
  const add = (version: string, role: string) => byVersion.set(version, [...(byVersion.get(version) ?? []), role]);
  if (!latestOnly) add(sdk.pinned(), "pinned");
  const unlisted: Matrix["unlisted"] = [];
  for (const [role, version] of Object.entries(await sdk.others()))
    if (typeof version === "string") add(version, role);
    else unlisted.push({ sdk: sdk.id, reason: `${role}: ${version.unavailable}` });
  return { byVersion, unlisted };
}

export function renderTable(matrix: Matrix): string {
  const lines: string[] = [];
  for (const sdk of [...new Set(matrix.runs.map((r) => r.sdk))]) {
    const runs = matrix.runs.filter((r) => r.sdk === sdk);
    const names = [...new Set(runs.flatMap((r) => r.scenarios.map((s) => s.name)))];
    const language = sdks.find((s) => s.id === sdk)?.language ?? "";
    lines.push(`**${sdk}** (${language})`, "");
    lines.push(`| Scenario | ${runs.map((r) => `${r.version} (${r.roles.join(", ")})`).join(" | ")} |`);
    lines.push(`| --- | ${runs.map(() => ":-:").join(" | ")} |`);
    for (const name of names)
      lines.push(
        `| ${name.replaceAll("|", "\\|")} | ${runs
          .map((r) => {
            const result = r.scenarios.find((s) => s.name === name);
            return result ? (result.passed ? "pass" : "**FAIL**") : "n/a";
          })
          .join(" | ")} |`,
      );
    lines.push("");
  }
  for (const { sdk, reason } of matrix.unlisted) lines.push(`- ${sdk}: ${reason}.`);
  lines.push("", `Recorded ${matrix.recorded} by \`npm run sdk-matrix -- --write\`.`);
  return lines.join("\n").trim();
}

export function withTable(markdown: string, matrix: Matrix): string {
  const [start, end] = tableMarkers;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${tableFile} has no ${start} … ${end}`);
  return `${markdown.slice(0, from + start.length)}\n${renderTable(matrix)}\n${markdown.slice(to)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      write: { type: "boolean" },
      only: { type: "string", multiple: true },
      "latest-only": { type: "boolean" },
    },
  });
  const chosen = sdks.filter((s) => !values.only || values.only.includes(s.id));
  if (chosen.length === 0)
    throw new Error(`no SDK named ${values.only}; the SDKs: ${sdks.map((s) => s.id).join(", ")}`);
  const recorded: Matrix | undefined = existsSync(matrixFile)
    ? JSON.parse(readFileSync(matrixFile, "utf8"))
    : undefined;
  const matrix: Matrix = { recorded: new Date().toISOString().slice(0, 10), unlisted: [], runs: [] };
  const problems: string[] = [];
  rmSync(scratch, { recursive: true, force: true });
  for (const sdk of chosen) {
    const { byVersion, unlisted } = await versionsOf(sdk, Boolean(values["latest-only"]));
    matrix.unlisted.push(...unlisted);
    for (const [version, roles] of byVersion) {
      const started = performance.now();
      const work = join(scratch, `${sdk.id.replace(/[^\w.-]+/g, "_")}-${version}`);
      mkdirSync(work, { recursive: true });
      const stub = await startStub({ port: 0, quiet: true });
      let scenarios: ScenarioResult[];
      try {
        scenarios = await sdk.run(version, stub.url, work);
      } catch (error) {
        scenarios = [];
        problems.push(`${sdk.id} ${version}: ${(error as Error).message}`);
      } finally {
        await stub.close();
      }
      const failed = scenarios.filter((s) => !s.passed).map((s) => s.name);
      if (scenarios.length === 0) problems.push(`${sdk.id} ${version}: no scenario ran`);
      for (const name of failed) problems.push(`${sdk.id} ${version}: ${name} failed`);
      console.log(
        `${sdk.id} ${version} (${roles.join(", ")}): ${scenarios.length - failed.length}/${scenarios.length} scenarios passed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      matrix.runs.push({ sdk: sdk.id, version, roles, scenarios });
    }
  }
  for (const { sdk, reason } of matrix.unlisted) console.log(`${sdk}: ${reason}`);
  if (!values["latest-only"] && !values.write && recorded)
    for (const run of matrix.runs.filter((r) => r.roles.includes("pinned"))) {
      const before = recorded.runs.find((r) => r.sdk === run.sdk && r.roles.includes("pinned"));
      if (!before || before.version !== run.version)
        problems.push(
          `${run.sdk} is pinned at ${run.version}, docs/sdk-matrix.json records ${before?.version ?? "nothing"}: run npm run sdk-matrix -- --write`,
        );
      else if (JSON.stringify(before.scenarios) !== JSON.stringify(run.scenarios))
        problems.push(
          `${run.sdk} ${run.version}: the scenarios differ from docs/sdk-matrix.json: run npm run sdk-matrix -- --write`,
        );
    }
  if (values.write) {
    if (values.only || values["latest-only"])
      throw new Error("--write records the whole matrix: leave out --only and --latest-only");
    writeFileSync(matrixFile, `${JSON.stringify(matrix, null, 2)}\n`);
    writeFileSync(tableFile, withTable(readFileSync(tableFile, "utf8"), matrix));
    console.log(`wrote ${matrixFile} and the table in ${tableFile}`);
  }
  for (const problem of problems) console.error(`FAILED ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(2);
    },
  );
