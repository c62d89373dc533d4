// The listening entry point: configuration, --help, start on a free port, and clean shutdown.
import { runCommand } from "./support/command.ts";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  CustomerProfilesClient,
  DeleteProfileObjectCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-customer-profiles";
import { AccessProfilesApi, Configuration } from "sailpoint-api-client";
import { describe, expect, test } from "vitest";
import { configFromOptions, defaults, readConfig } from "../server/config.ts";
import { heapSettings, heapSettingsToApply } from "../server/heap.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function run(args: string[], env: Record<string, string> = {}, stdin?: "pipe") {
  return runCommand(tsx, ["server/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    ...(stdin ? { stdin } : {}),
  });
}

describe("readConfig", () => {
  test("uses the defaults with no arguments", () => {
    expect(readConfig([], {})).toEqual({ ok: true, config: defaults });
  });

  test("the command warms up before it listens; startStub does not, unless asked", () => {
    expect(readConfig([], {})).toMatchObject({ ok: true, config: { warmUp: true } });
    expect(configFromOptions({}).warmUp).toBe(false);
    expect(configFromOptions({ warmUp: true }).warmUp).toBe(true);
  });

  test("reads --stop-with-stdin, which is the command's alone (no StubConfig field)", () => {
    expect(readConfig(["--stop-with-stdin"], {})).toEqual({ ok: true, config: defaults, stopWithStdin: true });
  });

  test("takes --port over PORT over the default", () => {
    expect(readConfig(["--port", "5000"], { PORT: "6000" })).toMatchObject({ ok: true, config: { port: 5000 } });
    expect(readConfig([], { PORT: "6000" })).toMatchObject({ ok: true, config: { port: 6000 } });
  });

  test("refuses a port that is not a number, naming where it came from", () => {
    expect(readConfig(["--port", "abc"], {})).toEqual({
      ok: false,
      error: '--port must be a whole number from 0 to 65535, got "abc"',
    });
    expect(readConfig([], { PORT: "70000" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^PORT must be/),
    });
  });

  test("reads --journal-size, then STUB_JOURNAL_SIZE; 0 turns the journal off; refuses what is not a size", () => {
    expect(readConfig(["--journal-size", "0"], { STUB_JOURNAL_SIZE: "5" })).toMatchObject({
      ok: true,
      config: { journalSize: 0 },
    });
    expect(readConfig([], { STUB_JOURNAL_SIZE: "5" })).toMatchObject({ ok: true, config: { journalSize: 5 } });
    expect(readConfig([], {})).toMatchObject({ ok: true, config: { journalSize: 1000 } });
    expect(readConfig(["--journal-size=-1"], {})).toEqual({
      ok: false,
      error: '--journal-size must be a whole number from 0 to 100000, got "-1"',
    });
    expect(readConfig([], { STUB_JOURNAL_SIZE: "lots" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^STUB_JOURNAL_SIZE must be/),
    });
  });

  test("refuses an unknown option", () => {
    expect(readConfig(["--prot", "1"], {})).toMatchObject({ ok: false, error: expect.stringMatching(/--prot/) });
  });
});

describe("the command's heap settings", () => {
  test("are applied when the user gives no heap setting of their own", () => {
    expect(heapSettings).toEqual(["--semi-space-growth-factor=1", "--heap-growing-percent=50"]);
    expect(heapSettingsToApply(["--enable-source-maps"], "--no-warnings --stack-trace-limit=50")).toEqual(heapSettings);
  });

  test("are all left out when the user sizes the heap, in node's arguments or NODE_OPTIONS, in either spelling", () => {
    expect(heapSettingsToApply([], "--no-warnings  --max-semi-space-size=16")).toEqual([]);
    expect(heapSettingsToApply([], "--max-old-space-size=512")).toEqual([]);
    expect(heapSettingsToApply(["--semi_space_growth_factor=2"], undefined)).toEqual([]);
    expect(heapSettingsToApply(["--heap-growing-percent=10"], "")).toEqual([]);
  });
});

describe("npm start", () => {
  test("--help prints usage and exits 0", async () => {
    const p = run(["--help"]);
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/Usage: contract-stubs \[options\][\s\S]*--port/);
  });

  test("--version prints the package's version and exits 0", async () => {
    const p = run(["--version"]);
    expect(await p.exited).toBe(0);
    expect(p.out()).toBe(`${JSON.parse(readFileSync(`${root}package.json`, "utf8")).version}\n`);
  });

  test("`help`, as a command, prints usage too; an unknown command names the one there is, exit 2", async () => {
    const help = run(["help"]);
    expect(await help.exited).toBe(0);
    expect(help.out()).toMatch(/Usage: contract-stubs \[options\][\s\S]*contract-stubs verify/);
    const typo = run(["verfy"]);
    expect(await typo.exited).toBe(2);
    expect(typo.err()).toMatch(/^Unknown command 'verfy': .*takes one command, verify\n/);
  });

  test("a bad option prints the problem and exits 2", async () => {
    const p = run(["--port", "x"]);
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/--port must be a whole number/);
  });

  test("bad demo data prints every problem and exits 1", async () => {
    const p = run(["--data", `${root}package.json`]);
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/is not valid/);
  });

  test("serves both official SDKs, unchanged, from the started process", async () => {
    const p = run(["--port", "0", "--quiet"]);
    const base = await p.listening;
    try {
      const aws = new CustomerProfilesClient({
        endpoint: base,
        region: "us-east-1",
        credentials: {
          accessKeyId: "AKIAIOSFODNN7EXAMPLE",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        },
      });
      const input = {
        DomainName: "DemoDomain",
        ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
        ObjectTypeName: "MyCustomObjectName",
        ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
      };
      expect((await aws.send(new DeleteProfileObjectCommand(input))).Message).toBe("OK");
      await expect(aws.send(new DeleteProfileObjectCommand(input))).rejects.toBeInstanceOf(ResourceNotFoundException);
      const sailpoint = new AccessProfilesApi(
        new Configuration({
          baseurl: base,
          tokenUrl: `${base}/oauth/token`,
          clientId: "org-admin",
          clientSecret: "stub-secret",
        } as never),
      );
      expect((await sailpoint.deleteAccessProfile({ id: "2c91808a7813090a017814121919ecca" })).status).toBe(204);
    } finally {
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
    }
  });

  test.each(["SIGTERM", "SIGINT"] as const)(
    "npm start runs the built command, ready on /__stub/health; %s to npm stops it, and npm exits 0",
    async (signal) => {
      // The signal goes to npm, as a CI runner or a terminal sends it, not to the stub's own process.
      const npm = runCommand("npm", ["start", "--silent", "--", "--port", "0", "--quiet"], { cwd: root });
      const base = await npm.listening;
      const health = await (await fetch(`${base}/__stub/health`)).json();
      expect(health).toMatchObject({
        status: "ok",
        apis: expect.arrayContaining([expect.objectContaining({ name: "access-profiles", basePath: "/v3" })]),
      });
      expect((await fetch(`${base}/docs/`)).status).toBe(200);

      npm.child.kill(signal);
      expect(await npm.exited).toBe(0);
      expect(npm.out()).toContain(`${signal}: no new connections; finishing in-flight requests`);
      await expect(fetch(`${base}/__stub/health`)).rejects.toThrow();
    },
    60_000,
  );

  test("--stop-with-stdin: stops as on SIGTERM when its standard input closes, and not before", async () => {
    const p = run(["--port", "0", "--quiet", "--stop-with-stdin"], {}, "pipe");
    const base = await p.listening;
    // Whatever arrives on it is read and ignored.
    p.child.stdin!.write("anything\n");
    expect((await fetch(`${base}/__stub/health`)).status).toBe(200);
    p.child.stdin!.end();
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain("standard input closed: no new connections; finishing in-flight requests");
    await expect(fetch(`${base}/__stub/health`)).rejects.toThrow();
  });

  test("without --stop-with-stdin, a closed standard input does not stop it", async () => {
    const p = run(["--port", "0", "--quiet"]);
    const base = await p.listening;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await fetch(`${base}/__stub/health`)).status).toBe(200);
    } finally {
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
    }
  });

  test("serves on the given port, logs one line per request, and exits 0 on SIGTERM", async () => {
    const p = run(["--port", "0", "--host", "127.0.0.1"]);
    const base = await p.listening;
    const response = await fetch(`${base}/v3/access-profiles/x`, { method: "DELETE" });
    expect(response.status).toBe(401);
    await expect
      .poll(() => p.out())
      .toMatch(/access-profiles DELETE \/v3\/access-profiles\/x 401 [\d.]+ms id=[0-9a-f]{32}/);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  });
});

describe("in a clone where npm ci has not run", () => {
  test("npm start and npm test say to run npm ci first, in one line, with no stack", async () => {
    const { cpSync, mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { npmEnvironment } = await import("../scripts/pack.ts");
    const clone = mkdtempSync(join(tmpdir(), "contract-stubs-clone-"));
    try {
      for (const file of ["package.json", "scripts", "bin"])
        cpSync(join(root, file), join(clone, file), { recursive: true });
      for (const script of ["start", "test"]) {
        const npm = runCommand("npm", [script], { cwd: clone, env: npmEnvironment(clone) });
        expect(await npm.exited, script).toBe(1);
        expect(npm.err(), script).toContain(
          "The dependencies are not installed: run `npm ci` first (it needs Node.js 22.12 or newer).\n",
        );
        expect(`${npm.out()}${npm.err()}`, script).not.toMatch(/ENOENT|not found|\n\s+at /);
      }
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 30_000);
});
