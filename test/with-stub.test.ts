// examples/ci/with-stub.sh, the recipe users copy into their CI, run as they run it, with a stand-in
// for the stub that misbehaves on purpose: it starts slowly and writes its first line in two pieces,
// exits before it listens, or is still serving when the command that uses it is interrupted. The
// real package goes through the same script in test/package.test.ts.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { npmEnvironment } from "../scripts/pack.ts";

const script = fileURLToPath(new URL("../examples/ci/with-stub.sh", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "contract-stubs-with-stub-"));
const fake = join(work, "fake-contract-stubs");

// The stand-in: as the real command, `--port <n> --quiet`, a first line naming its URL, 200 on
// /__stub/health, and on SIGTERM an exit 0. FAKE_STUB says how it misbehaves; FAKE_EVENTS is a file
// where it and the commands below write what happened, in order.
const fakeStub = `#!/usr/bin/env node
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
const mode = process.env.FAKE_STUB ?? "";
const note = (line) => appendFileSync(process.env.FAKE_EVENTS, line + "\\n");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
if (mode === "exits") {
  process.stdout.write("cannot listen on 127.0.0.1:4010: listen EADDRINUSE");
  process.exit(1);
}
await sleep(mode === "slow" ? 1500 : 0);
const server = createServer((req, res) => res.writeHead(req.url === "/__stub/health" ? 200 : 404).end());
server.listen(Number(process.argv[process.argv.indexOf("--port") + 1]), "127.0.0.1", async () => {
  const url = "http://127.0.0.1:" + server.address().port;
  if (mode === "slow") {
    // The first line in two writes, some time apart: a reader that takes half a line gets half a URL.
    process.stdout.write("Contract stub 0.0.0-fake listening on " + url.slice(0, -2));
    await sleep(700);
    process.stdout.write(url.slice(-2) + "\\n");
  } else process.stdout.write("Contract stub 0.0.0-fake listening on " + url + "\\n");
  note("stub listening");
});
process.on("SIGTERM", () => {
  note("stub stopped");
  server.close(() => process.exit(0));
});
`;

// A test command that, when signalled, still needs the stub for its clean-up, then exits as a
// signalled process does. It says it started once its handlers are in place: the test signals it
// then, and a signal before them would end it unhandled.
const command = `
import { appendFileSync } from "node:fs";
const note = (line) => appendFileSync(process.env.FAKE_EVENTS, line + "\\n");
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"])
  process.on(signal, async () => {
    const health = await fetch(process.env.STUB_URL + "/__stub/health");
    note("command got " + signal + ", stub answered " + health.status);
    process.exit(128 + ({ SIGTERM: 15, SIGINT: 2, SIGHUP: 1 })[signal]);
  });
note("command started");
setInterval(() => {}, 1000);
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  events: string[];
}

/** Runs the script as a CI job does (no terminal), optionally signalling it once the command has started. */
function withStub(name: string, args: string[], fakeMode: string, signal?: NodeJS.Signals): Promise<Run> {
  const events = join(work, `${name}.events`);
  const prefix = join(work, name);
  writeFileSync(events, "");
  const child = spawn("bash", [script, ...args], {
    cwd: work,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...npmEnvironment(work),
      CONTRACT_STUBS: fake,
      STUB_PREFIX: prefix,
      STUB_PORT: "0",
      FAKE_STUB: fakeMode,
      FAKE_EVENTS: events,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const read = () => readFileSync(events, "utf8").split("\n").filter(Boolean);
  if (signal) {
    const poll = setInterval(() => {
      if (read().includes("command started")) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.on("exit", () => clearInterval(poll));
  }
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr, events: read() })));
}

beforeAll(() => {
  mkdirSync(fake);
  writeFileSync(
    join(fake, "package.json"),
    JSON.stringify({
      name: "contract-stubs",
      version: "0.0.0-fake",
      type: "module",
      bin: { "contract-stubs": "stub.mjs" },
    }),
  );
  writeFileSync(join(fake, "stub.mjs"), fakeStub);
  chmodSync(join(fake, "stub.mjs"), 0o755);
  writeFileSync(join(work, "command.mjs"), command);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("examples/ci/with-stub.sh", () => {
  test("waits for a stub that starts slowly and writes its first line in pieces, and gives the command its whole URL", async () => {
    const result = await withStub(
      "slow",
      ["sh", "-c", 'curl -sf -o /dev/null "$STUB_URL/__stub/health" && echo "ran against $STUB_URL"'],
      "slow",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ran against http:\/\/127\.0\.0\.1:\d{2,5}\n/);
    expect(result.events).toEqual(["stub listening", "stub stopped"]);
    expect(readFileSync(join(work, "slow", "stub-output.log"), "utf8")).toMatch(
      /^Contract stub 0\.0\.0-fake listening on http:\/\/127\.0\.0\.1:\d+\n$/,
    );
  }, 30_000);

  test("fails at once, with the stub's own words, when the stub exits before it listens; the command never runs", async () => {
    const result = await withStub("exits", ["echo", "the suite ran"], "exits");
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("the suite ran");
    expect(result.stderr).toBe(
      "contract-stubs did not start, or said nothing of where it listens within 30 s:\ncannot listen on 127.0.0.1:4010: listen EADDRINUSE\n",
    );
  }, 30_000);

  test("exits with the command's status and stops the stub after it", async () => {
    const result = await withStub("status", ["sh", "-c", "exit 7"], "");
    expect(result.code).toBe(7);
    expect(result.events).toEqual(["stub listening", "stub stopped"]);
  }, 30_000);

  test.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "passes %s on to the command, waits for it while the stub still serves, then stops the stub",
    async (signal) => {
      const result = await withStub(signal, ["node", join(work, "command.mjs")], "", signal);
      expect(result.events).toEqual([
        "stub listening",
        "command started",
        `command got ${signal}, stub answered 200`,
        "stub stopped",
      ]);
      expect(result.code).toBe(128 + { SIGTERM: 15, SIGINT: 2, SIGHUP: 1 }[signal]);
    },
    30_000,
  );

  test("leaves no command behind when it is sent SIGTERM: a plain `sleep 30` ends with it", async () => {
    const pidFile = join(work, "sleep.pid");
    const shell = `echo $$ > ${pidFile}; echo "command started" >> "$FAKE_EVENTS"; exec sleep 30`;
    const started = performance.now();
    const result = await withStub("sleep", ["sh", "-c", shell], "", "SIGTERM");
    expect(result.code).toBe(143);
    expect(performance.now() - started).toBeLessThan(20_000);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
    expect(result.events).toEqual(["stub listening", "command started", "stub stopped"]);
  }, 40_000);
});
