// The consumer projects under examples/ in other languages, and the steps that generate, build,
// check and run each one. `npm run test:languages` runs these steps; docs/specs-and-docs.md shows
// them, and test/language-docs.test.ts holds the two together.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { listApis, repoRoot } from "./apis.ts";

export const examplesDir = join(repoRoot, "examples");
/** Where the suites' JUnit reports go. */
export const reportsDir = join(repoRoot, "test-results", "languages");

export interface Step {
  /** What the step proves, for the log and the summary. */
  title: string;
  /** Run in the language's folder; a path inside it is shown relative to it (`.venv/bin/pip`). */
  command: string;
  args: string[];
  /** Environment variables the step needs, beside STUB_URL. */
  env?: Record<string, string>;
  /** Runs against a stub of its own, started fresh, with STUB_URL set. */
  stub?: true;
  /**
   * Starts its stubs itself, through the language's launcher, with CONTRACT_STUBS naming this
   * checkout's command (a project that installs contract-stubs from npm needs no variable).
   */
  startsItsStub?: true;
  /** Anything the command prints is a failure (a formatter listing the files it would change). */
  mustPrintNothing?: true;
  /** Skips the step in this run, its work being done already. */
  skip?: () => boolean;
  /** Called before the command; what it returns is called after a success and says what is wrong. */
  guard?: () => () => string | undefined;
  /** Runs after a success. */
  onSuccess?: () => void;
}

export interface Tool {
  command: string;
  args: string[];
  /** Reads the version's numbers from what the command prints. */
  version: RegExp;
  minimum: number[];
  /** What to install, for the failure message. */
  install: string;
}

export interface Language {
  name: "python" | "go" | "java" | "rust";
  dir: string;
  /** The launcher a user copies, which starts the stub from the language's test runner (in dir). */
  launcher: string;
  tools: Tool[];
  steps: Step[];
}

const pythonDir = join(examplesDir, "python");
const venv = join(pythonDir, ".venv");
const venvBin = join(venv, "bin");
const requirementsStamp = join(venv, ".requirements-sha256");
const requirementsHash = () =>
  createHash("sha256")
    .update(readFileSync(join(pythonDir, "requirements.txt")))
    .digest("hex");
/** The environment is made again whenever the lock file changes. */
const venvIsCurrent = () =>
  existsSync(requirementsStamp) && readFileSync(requirementsStamp, "utf8") === requirementsHash();

const goDir = join(examplesDir, "go");
/** The generated Go files, committed as Go projects do, by path, with their contents. */
function goGenerated(): Map<string, string> {
  const files = new Map<string, string>();
  for (const pkg of readdirSync(goDir, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const file of readdirSync(join(goDir, pkg.name)).filter((f) => f.endsWith(".gen.go")))
      files.set(`${pkg.name}/${file}`, readFileSync(join(goDir, pkg.name, file), "utf8"));
  return files;
}
/**
 * A guard for a generation step: the committed files (read, by path inside the language's folder)
 * must be what the generator writes now.
 */
function generatedUnchanged(read: () => Map<string, string>, folder: string): () => () => string | undefined {
  return () => {
    const before = read();
    return () => {
      const after = read();
      const stale = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
      if (stale.length === 0) return undefined;
      const shown = stale.slice(0, 5).map((f) => `examples/${folder}/${f}`);
      const files = `${shown.join(", ")}${stale.length > 5 ? ` and ${stale.length - 5} more` : ""}`;
      return `${files} did not match generated/*.openapi.yaml; regenerated now: commit the change`;
    };
  };
}

const rustDir = join(examplesDir, "rust");
const rustClients = join(rustDir, "clients");
/** The generated Rust crates, committed, by path, with their contents. */
function rustGenerated(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(rustClients, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(rustDir, path), readFileSync(path, "utf8"));
    }
  return files;
}

const javaDir = join(examplesDir, "java");
const maven = ["--batch-mode", "--no-transfer-progress"];

export const languages: Language[] = [
  {
    name: "python",
    dir: pythonDir,
    launcher: "src/contract_stubs_pytest.py",
    tools: [
      {
        command: "python3",
        args: ["--version"],
        version: /Python (\d+)\.(\d+)/,
        minimum: [3, 11],
        install: "Python 3.11 or newer, with its venv module",
      },
    ],
    steps: [
      {
        title: "create a virtual environment",
        command: "python3",
        args: ["-m", "venv", "--clear", ".venv"],
        skip: venvIsCurrent,
      },
      {
        title: "install the locked requirements, every one checked against its hash",
        command: join(venvBin, "pip"),
        args: ["install", "--quiet", "--require-hashes", "-r", "requirements.txt"],
        skip: venvIsCurrent,
        onSuccess: () => writeFileSync(requirementsStamp, requirementsHash()),
      },
      {
        title: "generate the clients (openapi-python-client, failing on any warning)",
        command: join(venvBin, "python"),
        args: ["scripts/generate_clients.py"],
      },
      { title: "lint (ruff)", command: join(venvBin, "ruff"), args: ["check"] },
      { title: "format (ruff)", command: join(venvBin, "ruff"), args: ["format", "--check"] },
      { title: "type-check, strict (mypy)", command: join(venvBin, "mypy"), args: [] },
      {
        title:
          "scenarios: the generated clients, boto3 and SailPoint's SDK, and the launcher's own tests (pytest, which starts the stub)",
        command: join(venvBin, "python"),
        args: ["-m", "pytest", `--junitxml=${join(reportsDir, "python.xml")}`],
        startsItsStub: true,
      },
      // Every API the project serves (redocly.yaml lists them), each with its conformance/<api>.toml.
      ...listApis().map(
        ({ name: api }): Step => ({
          title: `Schemathesis against ${api}: every check, every phase`,
          command: join(venvBin, "schemathesis"),
          args: ["--config-file", `conformance/${api}.toml`, "run", join(repoRoot, "generated", `${api}.openapi.yaml`)],
          env: { PYTHONPATH: "src" },
          stub: true,
        }),
      ),
    ],
  },
  {
    name: "go",
    dir: goDir,
    launcher: "stubtest/stubtest.go",
    tools: [
      {
        command: "go",
        args: ["version"],
        version: /go(\d+)\.(\d+)/,
        minimum: [1, 26],
        install: "Go 1.26 or newer",
      },
    ],
    steps: [
      {
        title: "generate the clients (oapi-codegen); the committed ones must not change",
        command: "go",
        args: ["generate", "./..."],
        guard: generatedUnchanged(goGenerated, "go"),
      },
      { title: "format (gofmt)", command: "gofmt", args: ["-l", "."], mustPrintNothing: true },
      { title: "vet (go vet)", command: "go", args: ["vet", "./..."] },
      { title: "build (go build)", command: "go", args: ["build", "./..."] },
      {
        title:
          "scenarios: the generated clients, the AWS SDK for Go and SailPoint's Go SDK, and the launcher's own tests (go test, which starts the stub)",
        command: "go",
        args: ["test", "-count=1", "./..."],
        startsItsStub: true,
      },
    ],
  },
  {
    name: "java",
    dir: javaDir,
    launcher: "src/test/java/com/example/stubclients/ContractStubExtension.java",
    tools: [
      {
        command: "java",
        args: ["-version"],
        version: /version "(\d+)/,
        minimum: [17],
        install: "a JDK, 17 or newer",
      },
      {
        command: "mvn",
        args: ["--version"],
        version: /Apache Maven (\d+)\.(\d+)/,
        minimum: [3, 8],
        install: "Maven 3.8 or newer",
      },
    ],
    steps: [
      {
        title:
          "mvn verify: generate (openapi-generator), compile (our code with -Werror), the scenarios of the generated clients and the AWS SDK for Java and the launcher's own tests (JUnit through Surefire; the extension starts the stub), check the format (google-java-format)",
        command: "mvn",
        args: [...maven, "verify"],
        startsItsStub: true,
        onSuccess: () =>
          cpSync(join(javaDir, "target", "surefire-reports"), join(reportsDir, "java"), { recursive: true }),
      },
    ],
  },
  {
    name: "rust",
    dir: rustDir,
    launcher: "src/contract_stub.rs",
    tools: [
      {
        command: "cargo",
        args: ["--version"],
        version: /cargo (\d+)\.(\d+)/,
        minimum: [1, 85],
        install: "Rust 1.85 or newer (rustup), with rustfmt and clippy",
      },
      // The generator is OpenAPI Generator's jar, which Maven fetches and Java runs.
      {
        command: "java",
        args: ["-version"],
        version: /version "(\d+)/,
        minimum: [17],
        install: "a JDK, 17 or newer (to run OpenAPI Generator)",
      },
      {
        command: "mvn",
        args: ["--version"],
        version: /Apache Maven (\d+)\.(\d+)/,
        minimum: [3, 8],
        install: "Maven 3.8 or newer (to fetch OpenAPI Generator)",
      },
    ],
    steps: [
      {
        title: "generate the clients (OpenAPI Generator's rust); the committed ones must not change",
        command: "bash",
        args: ["generate.sh"],
        guard: generatedUnchanged(rustGenerated, "rust"),
      },
      {
        title: "format (rustfmt), the code written here",
        command: "cargo",
        args: ["fmt", "--package", "contract-stubs-rust-example", "--check"],
      },
      {
        title: "lint (clippy, every warning an error), the code written here",
        command: "cargo",
        args: [
          "clippy",
          "--locked",
          "--no-deps",
          "--package",
          "contract-stubs-rust-example",
          "--all-targets",
          "--",
          "-D",
          "warnings",
        ],
      },
      {
        title:
          "scenarios: the generated clients, the AWS SDK for Rust, and the launcher's own tests (cargo test, which starts the stubs)",
        command: "cargo",
        args: ["test", "--locked"],
        startsItsStub: true,
      },
    ],
  },
];

/** The stub's address in the docs: where `npx contract-stubs` listens. */
export const documentedStubUrl = "http://127.0.0.1:4010";

/** This checkout's command, which a launcher step's CONTRACT_STUBS names. */
export const checkoutCommand = join(repoRoot, "bin", "contract-stubs.js");

/** A step as a shell command, run from the language's folder, for the docs. */
export function shellCommand(language: Language, step: Step, stubUrl = documentedStubUrl): string {
  const shown = (arg: string) => {
    const [, flag = "", path = ""] = /^(--[\w-]+=)?(.*)$/.exec(arg)!;
    return isAbsolute(path) ? flag + relative(language.dir, path) : arg;
  };
  const env = {
    ...step.env,
    ...(step.stub ? { STUB_URL: stubUrl } : {}),
    ...(step.startsItsStub ? { CONTRACT_STUBS: `$PWD/${relative(language.dir, checkoutCommand)}` } : {}),
  };
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value} `);
  return `${assignments.join("")}${[shown(step.command), ...step.args.map(shown)].join(" ")}`;
}

/** Every step of a language, as the docs show it. */
export function shellScript(language: Language): string {
  return [`cd ${relative(repoRoot, language.dir)}`, ...language.steps.map((s) => shellCommand(language, s))].join("\n");
}
