// `npm run bench`, everything in one run on one machine, so that the ratios mean something where
// absolute numbers do not:
//   - throughput and latency under autocannon on loopback, at 10 and 50 connections, both
//     operations, in rounds that alternate the targets' order (medians reported; each ratio is the
//     median of its per-round ratios): the full stub as the command runs it, with its journal on
//     (the default), with it off, and without the command's heap settings (V8's defaults); the
//     ceiling (Express and the stub's own validator set-up in front of trivial handlers: what the
//     stub's own work costs is the gap to it); the same handlers on bare Express routes; and Prism
//     5.16.0 mocking the same specs (fetched on demand, not a dependency);
//   - SigV4 verification on its own, in process: the stub's check (aws4) against re-signing the same
//     request with @smithy/signature-v4 and a cached signer, as the stub verified before;
//   - the package as a user installs it: its size, and its start until ready, as it ships (its
//     libraries installed as dependencies) and with them bundled into dist/ as up to 0.1.0, beside
//     npm start, Prism's start and a bare Node.js server's.
// It all runs on Node.js 24, the LTS the figures are reported for (and the oldest Prism 5.16 runs
// on): started on another version, the bench starts itself again on the tested Node.js 24.
// Writes benchmarks/results/latest.{json,svg}.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import autocannon from "autocannon";
import { sigv4Signing } from "../client/customer-profiles.ts";
import { parseAmzDate, verifySigV4 } from "../server/customer-profiles/auth.ts";
import { locations } from "../server/locations.ts";
import { readDemoData, StubStore } from "../server/store.ts";
import { repoRoot } from "./apis.ts";
import {
  bound,
  type InProcess,
  type Latest,
  type Measured,
  meets,
  type Operation,
  operations,
  recordedTargets,
  type Started,
  type Summarized,
  type Throughput,
  targetNames,
} from "./bench/results.ts";
import { writeBenchTables } from "./bench/tables.ts";
import { build } from "./build.mjs";
import { nodeBinary } from "./node-versions.ts";
import { folderBytes, installPackage, packCopy } from "./pack.ts";

const benchNode = 24;
if (Number(process.versions.node.split(".")[0]) !== benchNode) {
  const node = nodeBinary(benchNode);
  console.log(`the bench runs on Node.js ${benchNode}: starting again on ${node}`);
  const result = spawnSync(node, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
  });
  process.exit(result.status ?? 1);
}

const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "3" },
    rounds: { type: "string", default: "5" },
    connections: { type: "string", default: "10,50" },
    // "throughput", "signature" or "start" to run only that part; all three by default. "inspector"
    // runs only what the request inspector costs, "profile" where a request's time goes, part by
    // part (neither is part of "all").
    part: { type: "string", default: "all" },
  },
});
const part = values.part as "all" | "throughput" | "signature" | "start" | "inspector" | "profile";
/** Seconds per measurement; each target is measured `rounds` times, in turn with the others. */
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connectionCounts = values.connections.split(",").map(Number);
const resultsDir = join(repoRoot, "benchmarks", "results");
const demo = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const objectBody = JSON.stringify({
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "MyCustomObjectName",
  ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
});

interface Target {
  url: string;
  /** Where the SailPoint API is mounted on this target. */
  sailpointBase: string;
  /** The processes serving it. */
  pids: number[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a process and waits until a line of its output matches. */
function launch(
  command: string,
  args: string[],
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`${command} ${args.join(" ")}: not ready after ${timeoutMs} ms\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      out += chunk;
      const match = out.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code}\n${out}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      child.removeAllListeners("exit");
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

async function harness(mode: "full" | "ceiling" | "bare", extra: string[] = []): Promise<Target> {
  // node --import tsx, not the tsx binary: the measured process is then the server itself.
  const { child, match } = await launch(
    process.execPath,
    ["--import", "tsx", "scripts/bench/server.ts", "--mode", mode, ...extra],
    /READY (http:\S+)/,
  );
  return { url: match[1]!, sailpointBase: "/v3", pids: [child.pid!], stop: stopper(child) };
}

/**
 * Prism 5.16.0 (the latest; it needs Node.js 24.18 or later) is fetched on demand into a cache
 * folder, not made a dependency; its binary is run directly so that stopping it stops Prism itself.
 */
const prismVersion = "5.16.0";
const prismPrefix = join(repoRoot, "node_modules", ".cache", `prism-${prismVersion}`);

function prismBinary(): string {
  const prefix = prismPrefix;
  const bin = join(prefix, "node_modules", ".bin", "prism");
  if (!existsSync(bin)) {
    console.log(`fetching @stoplight/prism-cli@${prismVersion} (once) …`);
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `@stoplight/prism-cli@${prismVersion}`,
      ],
      { stdio: "inherit" },
    );
  }
  return bin;
}

async function prism(): Promise<Target> {
  const [awsPort, sailpointPort] = [await freePort(), await freePort()];
  const bin = prismBinary();
  const start = (spec: string, port: number) =>
    launch(bin, ["mock", spec, "-h", "127.0.0.1", "-p", String(port)], /Prism is listening/);
  const aws = await start("generated/customer-profiles.openapi.yaml", awsPort);
  const sailpoint = await start("generated/access-profiles.openapi.yaml", sailpointPort);
  // One target per spec: Prism serves one document per process, without the server's base path.
  return {
    url: `http://127.0.0.1:${awsPort}`,
    sailpointBase: `http://127.0.0.1:${sailpointPort}`,
    pids: [aws.child.pid!, sailpoint.child.pid!],
    stop: async () => {
      await stopper(aws.child)();
      await stopper(sailpoint.child)();
    },
  };
}

async function signedHeaders(url: string): Promise<Record<string, string>> {
  const signed = await sigv4Signing({ region: "us-east-1", credentials: demo }).onRequest!({
    request: new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: objectBody }),
  } as never);
  const headers: Record<string, string> = {};
  (signed as Request).headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

async function load(options: autocannon.Options, connections: number, seconds: number): Promise<Measured> {
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    connections,
    pipelining: 1,
    duration: seconds,
    ...options,
    setupClient: (client) =>
      client.on("response", (status: number) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
  } as autocannon.Options);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    statuses,
  };
}

/** What each operation's load sends to a target: a signed DeleteProfileObject, an authorized deleteAccessProfile. */
async function requestsFor(target: Target, token: string): Promise<Record<Operation, autocannon.Options>> {
  const awsUrl = `${target.url}/domains/DemoDomain/profiles/objects/delete`;
  const base = target.sailpointBase.startsWith("http") ? target.sailpointBase : target.url + target.sailpointBase;
  return {
    DeleteProfileObject: { url: awsUrl, method: "POST", headers: await signedHeaders(awsUrl), body: objectBody },
    deleteAccessProfile: {
      url: `${base}/access-profiles/2c91808a7813090a0178141219190000`,
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Resident memory of a process and all its descendants, in MB. */
function rssMB(pid: number): number {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of table)
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
  }
  const kb = table.filter(([p]) => tree.has(p)).reduce((sum, [, , rss]) => sum + rss, 0);
  return Math.round(kb / 1024);
}

/**
 * Spawns a server `runs` times and times each start until `answered` says yes; stops each one (its
 * whole process group: npm start runs a shell and node under npm) before the next.
 */
async function timeStart(
  runs: number,
  start: (port: number) => ChildProcess,
  answered: (port: number) => Promise<boolean>,
): Promise<Started> {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const began = performance.now();
    const child = start(port);
    while (!(await answered(port).catch(() => false))) {
      if (child.exitCode !== null) throw new Error(`${child.spawnargs.join(" ")} exited before it answered`);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - began);
    rss = Math.max(rss, rssMB(child.pid!));
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Math.round(sorted[Math.floor(runs / 2)]!), runs: times.map(Math.round), rssMB: rss };
}

const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/__stub/health`)).status === 200;
const answers = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`)).status > 0;
const spawnGroup = (command: string, args: string[]) =>
  spawn(command, args, { cwd: repoRoot, stdio: "ignore", detached: true });

/**
 * From spawning to the first answer, five times each, in this run: the packaged command, installed
 * from the tarball with --omit=dev, until /__stub/health answers 200; `npm start` in this checkout
 * (built already) likewise; Prism mocking the Customer Profiles spec until it answers anything; and
 * a bare node:http server, the floor any Node.js server starts from.
 */
async function startup(bin: string): Promise<Record<"stub" | "npmStart" | "prism" | "nodeFloor", Started>> {
  const runs = 5;
  const stub = await timeStart(runs, (port) => spawnGroup(bin, ["--port", String(port), "--quiet"]), healthy);
  const npmStart = await timeStart(
    runs,
    (port) => spawnGroup("npm", ["start", "--silent", "--", "--port", String(port), "--quiet"]),
    healthy,
  );
  const prismBin = prismBinary();
  const prism = await timeStart(
    runs,
    (port) =>
      spawnGroup(prismBin, ["mock", "generated/customer-profiles.openapi.yaml", "-h", "127.0.0.1", "-p", String(port)]),
    answers,
  );
  const nodeFloor = await timeStart(
    runs,
    (port) =>
      spawnGroup(process.execPath, [
        "-e",
        'require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.argv[1]), "127.0.0.1")',
        String(port),
      ]),
    answers,
  );
  return { stub, npmStart, prism, nodeFloor };
}

/** Resident memory of each target's processes once the throughput runs are over, in MB. */
const residentAfterLoad: Record<string, number> = {};

function chart(throughput: Throughput<Operation>, names: string[]): string {
  const colors = ["#2f6fde", "#79a7f3", "#b6cff8", "#1a7f37", "#8c959f", "#e3823b"];
  const groups = Object.entries(throughput).flatMap(([connections, byOp]) =>
    operations.map((op) => ({
      label: `${op}, ${connections} conn.`,
      values: names.map((n) => byOp[op][n]!.requestsPerSecond),
    })),
  );
  const max = Math.max(...groups.flatMap((g) => g.values));
  const barW = 26;
  const groupW = names.length * (barW + 4) + 40;
  const width = 80 + groups.length * groupW;
  let bars = "";
  groups.forEach((group, i) => {
    const x0 = 70 + i * groupW;
    group.values.forEach((v, j) => {
      const h = (v / max) * 200;
      const x = x0 + j * (barW + 4);
      bars += `<rect x="${x}" y="${240 - h}" width="${barW}" height="${h}" fill="${colors[j]}"/><text x="${x + barW / 2}" y="${234 - h}" font-size="9" text-anchor="middle">${v.toFixed(0)}</text>`;
    });
    bars += `<text x="${x0 + (names.length * (barW + 4)) / 2}" y="258" font-size="11" text-anchor="middle">${group.label}</text>`;
  });
  const legend = names
    .map(
      (n, j) =>
        `<rect x="${70 + j * 150}" y="276" width="10" height="10" fill="${colors[j]}"/><text x="${84 + j * 150}" y="285" font-size="11">${n}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="300" font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="white"/><text x="20" y="24" font-size="15" font-weight="600">Requests per second (median of ${rounds} rounds; higher is better), same run, same machine</text><line x1="60" y1="240" x2="${width - 10}" y2="240" stroke="#57606a"/>${bars}${legend}</svg>\n`;
}

/** A token from a full stub's own token endpoint: each signs with a key of its own. */
async function tokenOf(target: Target): Promise<string> {
  const response = await fetch(`${target.url}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "org-admin",
      client_secret: "stub-secret",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Every target at once, each measured `rounds` times, in turn with the others; medians kept. */
async function measureThroughput(): Promise<Throughput<Operation>> {
  const started: Record<string, Target> = {
    stub: await harness("full"),
    "stub, journal off": await harness("full", ["--journal-size", "0"]),
    "stub, V8 defaults": await harness("full", ["--v8-defaults"]),
    ceiling: await harness("ceiling"),
    bare: await harness("bare"),
    prism: await prism(),
  };
  const throughput: Throughput<Operation> = {};
  try {
    const loads: Record<string, Record<Operation, autocannon.Options>> = {};
    for (const name of targetNames) {
      const target = started[name]!;
      // The ceiling, the bare routes and Prism check no token; the stubs check theirs.
      loads[name] = await requestsFor(target, name.startsWith("stub") ? await tokenOf(target) : "any");
    }
    console.log(
      `autocannon on loopback, ${connectionCounts.join(" and ")} connections; per operation a 2 s warm-up, then ${rounds} rounds of ${duration} s per target, in turn`,
    );
    for (const connections of connectionCounts) {
      throughput[connections] = {} as Throughput<Operation>[number];
      for (const op of operations) {
        const measured: Record<string, Measured[]> = Object.fromEntries(targetNames.map((n) => [n, []]));
        for (const name of targetNames) await load(loads[name]![op], connections, 2); // warm-up, not measured
        // Every other round in reverse order, so that no target always follows the same one.
        for (let round = 0; round < rounds; round++)
          for (const name of round % 2 === 0 ? targetNames : [...targetNames].reverse())
            measured[name]!.push(await load(loads[name]![op], connections, duration));
        throughput[connections][op] = Object.fromEntries(targetNames.map((name) => [name, summarize(measured[name]!)]));
        for (const name of targetNames) {
          const r = throughput[connections][op][name]!;
          console.log(
            `  ${String(connections).padStart(2)} conn.  ${op.padEnd(20)} ${name.padEnd(18)} ${String(r.requestsPerSecond).padStart(6)} req/s (${r.rounds.join(", ")})  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  ${JSON.stringify(r.statuses)}${r.errors ? `  errors ${r.errors}` : ""}`,
          );
        }
      }
    }
  } finally {
    for (const [name, target] of Object.entries(started))
      residentAfterLoad[name] = target.pids.reduce((sum, pid) => sum + rssMB(pid), 0);
    for (const target of Object.values(started)) await target.stop();
  }
  return throughput;
}

/** The median of a target's rounds. */
function summarize(runs: Measured[]): Summarized {
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    statuses,
    rounds: runs.map((r) => Math.round(r.requestsPerSecond)),
  };
}

/** Packs and installs the package: as it ships, or with its libraries bundled into dist/ (as up to 0.1.0). */
async function installed(work: string, bundled: boolean) {
  const folder = join(work, bundled ? "bundled" : "installed");
  mkdirSync(folder, { recursive: true });
  const { tarball } = await packCopy(folder, bundled ? { CONTRACT_STUBS_BUNDLE_DEPENDENCIES: "1" } : {});
  await installPackage(folder, tarball, join(folder, "prefix"));
  return {
    bin: join(folder, "prefix", "node_modules", ".bin", "contract-stubs"),
    MB: megabytes(folderBytes(join(folder, "prefix", "node_modules"))),
    duMB: megabytes(
      Number(execFileSync("du", ["-sk", join(folder, "prefix", "node_modules")], { encoding: "utf8" }).split("\t")[0]) *
        1024,
    ),
    tarballKB: Math.round(statSync(tarball).size / 1024),
  };
}

/**
 * In fresh Node.js processes in the install's folder, as a vitest worker runs a test file: the
 * package's import, a first and a second `startStub()`; and a bare `node:http` server likewise.
 */
async function inProcessStart(prefix: string, runs = 5): Promise<InProcess> {
  const script = join(prefix, "in-process.mjs");
  writeFileSync(
    script,
    [
      "const ms = (t) => Math.round((performance.now() - t) * 10) / 10;",
      "let t = performance.now();",
      'if (process.argv[2] === "floor") {',
      '  const { createServer } = await import("node:http");',
      '  const server = createServer((q, s) => s.end("ok"));',
      '  await new Promise((r) => server.listen(0, "127.0.0.1", r));',
      "  console.log(JSON.stringify({ floor: ms(t) }));",
      "  server.close();",
      "} else {",
      '  const { startStub } = await import("contract-stubs");',
      "  const importMs = ms(t);",
      "  t = performance.now();",
      "  const first = await startStub();",
      "  const firstStartMs = ms(t);",
      "  t = performance.now();",
      "  const second = await startStub();",
      "  const secondStartMs = ms(t);",
      "  await Promise.all([first.close(), second.close()]);",
      "  console.log(JSON.stringify({ importMs, firstStartMs, secondStartMs }));",
      "}",
    ].join("\n"),
  );
  const measured: { importMs: number; firstStartMs: number; secondStartMs: number }[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    measured.push(JSON.parse(execFileSync(process.execPath, [script], { cwd: prefix, encoding: "utf8" })));
    floors.push(JSON.parse(execFileSync(process.execPath, [script, "floor"], { cwd: prefix, encoding: "utf8" })).floor);
  }
  return {
    importMs: median(measured.map((m) => m.importMs)),
    firstStartMs: median(measured.map((m) => m.firstStartMs)),
    secondStartMs: median(measured.map((m) => m.secondStartMs)),
    nodeFloorMs: median(floors),
    runs,
  };
}

/** The package as a user installs it, both ways, and Prism's own install: their sizes and start times. */
async function measureStart() {
  const work = mkdtempSync(join(tmpdir(), "contract-stubs-bench-"));
  try {
    const shipped = await installed(work, false);
    const bundled = await installed(work, true);
    await build(); // npm start below runs this checkout's build
    const starts = await startup(shipped.bin);
    const stubBundled = await timeStart(
      5,
      (port) => spawnGroup(bundled.bin, ["--port", String(port), "--quiet"]),
      healthy,
    );
    const sizes = {
      stubMB: shipped.MB,
      stubDiskMB: shipped.duMB,
      tarballKB: shipped.tarballKB,
      bundledMB: bundled.MB,
      bundledDiskMB: bundled.duMB,
      bundledTarballKB: bundled.tarballKB,
      prismMB: megabytes(folderBytes(join(prismPrefix, "node_modules"))),
    };
    const inProcess = await inProcessStart(join(work, "installed", "prefix"));
    return { starts: { ...starts, stubBundled }, sizes, inProcess };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const verdict = (met: boolean) => (met ? "target met" : "TARGET MISSED");

/**
 * The median over rounds of one target's throughput divided by another's in the same round: the
 * two were measured back to back, so a slow spell of the machine weighs on both.
 */
function pairedRatio(a: Summarized, b: Summarized): number {
  return ratio(median(a.rounds.map((value, i) => value / b.rounds[i]!)), 1);
}

function throughputRatios(throughput: Throughput<Operation>) {
  return Object.fromEntries(
    Object.entries(throughput).map(([connections, byOp]) => [
      connections,
      Object.fromEntries(
        operations.map((op) => {
          const t = byOp[op];
          return [
            op,
            {
              stubVsCeilingThroughput: pairedRatio(t.stub!, t.ceiling!),
              stubVsCeilingP99: ratio(Math.max(t.stub!.p99, 1), Math.max(t.ceiling!.p99, 1)),
              stubVsPrismThroughput: pairedRatio(t.stub!, t.prism!),
              journalOnVsOffThroughput: pairedRatio(t.stub!, t["stub, journal off"]!),
              heapSettingsVsV8DefaultsThroughput: pairedRatio(t.stub!, t["stub, V8 defaults"]!),
              ceilingVsBareThroughput: pairedRatio(t.ceiling!, t.bare!),
            },
          ];
        }),
      ),
    ]),
  );
}

/** Calls `run` for `ms` milliseconds and returns how many calls per second it made. */
async function perSecond(run: () => unknown, ms: number): Promise<number> {
  let calls = 0;
  const began = performance.now();
  while (performance.now() - began < ms) {
    for (let i = 0; i < 50; i++) await run();
    calls += 50;
  }
  return Math.round((calls * 1000) / (performance.now() - began));
}

/**
 * SigV4 verification per second of a signed DeleteProfileObject as the stub receives it: the stub's
 * whole check (parsing, scope and clock checks, body hash, aws4 re-signing, constant-time compare)
 * against only re-signing it with @smithy/signature-v4 and a cached signer (the SDK's signer, which
 * the stub's check used before). Rounds alternate; medians kept.
 */
async function measureSignatures() {
  const store = new StubStore(readDemoData(locations.demoData)).customerProfiles;
  const url = "http://127.0.0.1:4010/domains/DemoDomain/profiles/objects/delete";
  const headers: Record<string, string> = {
    ...(await signedHeaders(url)),
    host: "127.0.0.1:4010",
    "content-length": String(Buffer.byteLength(objectBody)),
  };
  const request = { method: "POST", url: new URL(url).pathname, headers, body: Buffer.from(objectBody) };
  if (!verifySigV4(request, store).ok) throw new Error("the bench's signed request does not verify");
  const smithy = new SignatureV4({
    service: "profile",
    region: "us-east-1",
    credentials: demo,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  });
  const signedNames = /SignedHeaders=([^,]+)/.exec(headers.authorization!)![1]!.split(";");
  const signingDate = parseAmzDate(headers["x-amz-date"]!)!;
  const signedOnly = Object.fromEntries(signedNames.map((name) => [name, headers[name]!]));
  const resignWithSmithy = () =>
    smithy.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: "127.0.0.1",
        port: 4010,
        path: request.url,
        query: {},
        headers: signedOnly,
        body: request.body,
      },
      { signingDate, signableHeaders: new Set(signedNames) },
    );
  const resigned = await resignWithSmithy();
  if (resigned.headers.authorization !== headers.authorization)
    throw new Error("re-signing with @smithy/signature-v4 does not give the signature sent");
  const stub: number[] = [];
  const smithyRates: number[] = [];
  for (let round = 0; round < 3; round++) {
    stub.push(await perSecond(() => verifySigV4(request, store), 1000));
    smithyRates.push(await perSecond(resignWithSmithy, 1000));
  }
  const result = { stubVerificationsPerSecond: median(stub), smithyResigningsPerSecond: median(smithyRates) };
  console.log(
    `\nSigV4, per second, in process (median of 3 rounds of 1 s): the stub's check (aws4) ${result.stubVerificationsPerSecond}; re-signing with @smithy/signature-v4 ${result.smithyResigningsPerSecond}: ${ratio(result.stubVerificationsPerSecond, result.smithyResigningsPerSecond)} ×`,
  );
  return { ...result, ratio: ratio(result.stubVerificationsPerSecond, result.smithyResigningsPerSecond) };
}

/** Milliseconds one GET takes, as fetch sees it. */
async function timedGet(url: string): Promise<number> {
  const began = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return performance.now() - began;
}

/**
 * What the request inspector costs: the page's size; its first load (the page is read and its
 * policy hashed then, not at start) and later ones, against a readiness probe; and the throughput of
 * the two operations with and without its two routes, paired rounds at 10 connections.
 */
async function measureInspector() {
  const page = readFileSync(locations.inspector);
  const size = { bytes: page.length, gzipBytes: gzipSync(page, { level: 9 }).length };
  const stub = await harness("full");
  const without = await harness("full", ["--no-inspector"]);
  try {
    const first = await timedGet(`${stub.url}/__stub/`);
    const later: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < 21; i++) {
      later.push(await timedGet(`${stub.url}/__stub/`));
      health.push(await timedGet(`${stub.url}/__stub/health`));
    }
    const latency = {
      firstPageMs: ratio(first, 1),
      pageMs: ratio(median(later), 1),
      healthMs: ratio(median(health), 1),
    };
    const loads = {
      with: await requestsFor(stub, await tokenOf(stub)),
      without: await requestsFor(without, await tokenOf(without)),
    };
    const throughputRatio: Record<string, number> = {};
    for (const op of operations) {
      const rounds: Record<"with" | "without", number[]> = { with: [], without: [] };
      for (const side of ["with", "without"] as const) await load(loads[side][op], 10, 2);
      for (let round = 0; round < Number(values.rounds); round++)
        for (const side of round % 2 === 0 ? (["with", "without"] as const) : (["without", "with"] as const))
          rounds[side].push((await load(loads[side][op], 10, duration)).requestsPerSecond);
      throughputRatio[op] = ratio(median(rounds.with.map((value, i) => value / rounds.without[i]!)), 1);
      console.log(
        `  10 conn.  ${op.padEnd(20)} with the inspector ${rounds.with.map(Math.round).join(", ")} req/s; without ${rounds.without.map(Math.round).join(", ")}: ${throughputRatio[op]} ×`,
      );
    }
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      size,
      latency,
      throughputWithVsWithout: throughputRatio,
    };
    console.log(
      `\ninspector: the page ${(size.bytes / 1024).toFixed(1)} kB (${(size.gzipBytes / 1024).toFixed(1)} kB gzipped); first load ${latency.firstPageMs} ms, then ${latency.pageMs} ms (health ${latency.healthMs} ms); throughput with/without its routes ${Object.entries(
        throughputRatio,
      )
        .map(([op, r]) => `${op} ${r}`)
        .join(
          ", ",
        )} (${bound("inspectorOnVsOffThroughput")})   ${verdict(Object.values(throughputRatio).every((r) => meets("inspectorOnVsOffThroughput", r)))}`,
    );
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, "inspector.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log("written: benchmarks/results/inspector.json");
  } finally {
    await stub.stop();
    await without.stop();
  }
}

if (part === "inspector") {
  await measureInspector();
  process.exit(0);
}

/**
 * The parts of the stub a request's time is given to, by the script of a profiled function: a
 * sample counts for the deepest frame of its stack that belongs to a part (the validator's
 * generated checks run from Ajv's and express-openapi-validator's code, a write from the log's).
 */
const profileParts: [part: string, script: RegExp][] = [
  ["SigV4 check", /\/server\/customer-profiles\/auth\.ts$/],
  ["token check (JWT)", /\/server\/access-profiles\/auth\.ts$|\/node_modules\/jose\//],
  [
    "validator",
    /\/node_modules\/(express-openapi-validator|ajv|ajv-formats|ajv-draft-04)\/|\/server\/shared\/validation\.ts$/,
  ],
  ["handler and state", /\/server\/[\w-]+\/(handlers|collection)\.ts$|\/server\/store\.ts$/],
  ["request log", /\/server\/shared\/log\.ts$/],
  ["journal", /\/server\/journal\.ts$|\/server\/shared\/(har|redact)\.ts$/],
  ["body reading", /\/server\/shared\/body\.ts$|\/node_modules\/(raw-body|iconv-lite)\//],
  ["the stub's other code", /\/server\//],
  ["Express", /\/node_modules\/(express|router|finalhandler|send|on-finished|qs|content-type|type-is|mime-types)\//],
  ["Node.js HTTP and sockets", /^node:(_http|net|internal\/(http|streams|stream_base|net))/],
  ["garbage collector", /^\(garbage collector\)$/],
];

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of CPU per request, by part, from a profile that covered `requests` requests. */
function perPart(profile: CpuProfile, requests: number): Record<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    const { callFrame } = byId.get(id)!;
    const script = callFrame.url || callFrame.functionName;
    if (script === "(idle)") return "idle";
    const found = profileParts.find(([, pattern]) => pattern.test(script))?.[0];
    const above = parent.get(id);
    const part = found ?? (above === undefined ? "other (V8, Node.js)" : classify(above));
    partOf.set(id, part);
    return part;
  };
  const micros: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const part = classify(id);
    micros[part] = (micros[part] ?? 0) + (profile.timeDeltas[i] ?? 0);
  });
  delete micros.idle;
  return Object.fromEntries(Object.entries(micros).map(([p, us]) => [p, ratio(us / requests, 1)]));
}

/**
 * Where a request's time goes: the full stub (as `npm start` serves it) under 10 connections, V8's
 * CPU profiler on for `duration` seconds after a warm-up, each operation in turn.
 */
async function measureProfile() {
  const file = join(tmpdir(), `contract-stubs-bench-${process.pid}.cpuprofile`);
  const stub = await harness("full", ["--cpu-profile", file]);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    const loads = await requestsFor(stub, await tokenOf(stub));
    const result: Record<
      string,
      { requestsPerSecond: number; unprofiledRequestsPerSecond: number; microsPerRequest: Record<string, number> }
    > = {};
    for (const op of operations) {
      await load(loads[op], 10, 2);
      // The same load without the profiler, to show what sampling costs.
      const unprofiled = await load(loads[op], 10, duration);
      process.kill(stub.pids[0]!, "SIGUSR2");
      await pause(200);
      const measured = await load(loads[op], 10, duration);
      rmSync(file, { force: true });
      process.kill(stub.pids[0]!, "SIGUSR2");
      for (let waited = 0; !existsSync(file); waited += 50) {
        if (waited > 20_000) throw new Error("the profiled stub wrote no profile");
        await pause(50);
      }
      const parts = perPart(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, measured.requests);
      rmSync(file, { force: true });
      const total = ratio(
        Object.values(parts).reduce((a, b) => a + b, 0),
        1,
      );
      result[op] = {
        requestsPerSecond: Math.round(measured.requestsPerSecond),
        unprofiledRequestsPerSecond: Math.round(unprofiled.requestsPerSecond),
        microsPerRequest: { ...parts, total },
      };
      console.log(
        `\n${op}: ${measured.requests} requests, ${Math.round(measured.requestsPerSecond)} req/s profiled (${Math.round(unprofiled.requestsPerSecond)} without the profiler); CPU µs per request:`,
      );
      for (const [name, us] of Object.entries(parts).sort((a, b) => b[1] - a[1]))
        console.log(`  ${name.padEnd(26)} ${us.toFixed(1).padStart(7)}`);
      console.log(`  ${"all".padEnd(26)} ${total.toFixed(1).padStart(7)}`);
    }
    mkdirSync(resultsDir, { recursive: true });
    const written = {
      date: new Date().toISOString(),
      node: process.version,
      connections: 10,
      seconds: duration,
      result,
    };
    writeFileSync(join(resultsDir, "profile.json"), `${JSON.stringify(written, null, 2)}\n`);
    console.log("written: benchmarks/results/profile.json");
  } finally {
    await stub.stop();
  }
}

if (part === "profile") {
  await measureProfile();
  process.exit(0);
}

const throughput = part === "start" || part === "signature" ? undefined : await measureThroughput();
const ratios = throughput && throughputRatios(throughput);
if (ratios) {
  console.log(
    `\nratios (targets: stub/ceiling throughput ${bound("stubVsCeilingThroughput")}, p99 stub/ceiling ${bound("stubVsCeilingP99")}, stub/Prism ${bound("stubVsPrismThroughput")}, journal on/off ${bound("journalOnVsOffThroughput")}):`,
  );
  for (const [connections, byOp] of Object.entries(ratios))
    for (const [op, r] of Object.entries(byOp))
      console.log(
        `  ${connections.padStart(2)} conn.  ${op.padEnd(20)} stub/ceiling ${r.stubVsCeilingThroughput}  p99 ${r.stubVsCeilingP99}  stub/Prism ${r.stubVsPrismThroughput}  journal on/off ${r.journalOnVsOffThroughput}  heap settings/V8 defaults ${r.heapSettingsVsV8DefaultsThroughput}  (ceiling/bare ${r.ceilingVsBareThroughput})   ${verdict((["stubVsCeilingThroughput", "stubVsCeilingP99", "stubVsPrismThroughput", "journalOnVsOffThroughput"] as const).every((name) => meets(name, r[name]!)))}`,
      );
  console.log(
    `\nresident memory after the runs: ${targetNames.map((name) => `${name} ${residentAfterLoad[name]} MB`).join(", ")}`,
  );
}

const signature = part === "all" || part === "signature" ? await measureSignatures() : undefined;
const start = part === "all" || part === "start" ? await measureStart() : undefined;
const startSummary = start && {
  stubReadyMs: start.starts.stub.medianMs,
  stubVsPrism: ratio(start.starts.stub.medianMs, start.starts.prism.medianMs),
  stubVsNodeFloor: ratio(start.starts.stub.medianMs, start.starts.nodeFloor.medianMs),
  npmStartReadyMs: start.starts.npmStart.medianMs,
};
if (start && startSummary) {
  console.log("\nspawn to first answer, median of 5 (each run in ms):");
  for (const [name, started] of Object.entries(start.starts))
    console.log(
      `  ${name.padEnd(9)} ${String(started.medianMs).padStart(5)} ms  (${started.runs.join(", ")})  RSS ${started.rssMB} MB`,
    );
  console.log(
    `  packaged stub ready: ${startSummary.stubReadyMs} ms (${bound("stubReadyMs")}) and ${startSummary.stubVsPrism} × Prism's (${bound("stubVsPrismStart")})   ${verdict(meets("stubReadyMs", startSummary.stubReadyMs) && meets("stubVsPrismStart", startSummary.stubVsPrism))}`,
  );
  console.log(
    `  packaged stub ready: ${startSummary.stubVsNodeFloor} × a bare node:http server's (${bound("stubVsNodeFloorStart")})   ${verdict(meets("stubVsNodeFloorStart", startSummary.stubVsNodeFloor))}`,
  );
  console.log(
    `  npm start ready:     ${startSummary.npmStartReadyMs} ms (${bound("npmStartReadyMs")})   ${verdict(meets("npmStartReadyMs", startSummary.npmStartReadyMs))}`,
  );
  const ip = start.inProcess;
  console.log(
    `\nin a test file's process, median of ${ip.runs} fresh processes: import ${ip.importMs} ms (${bound("inProcessImportMs")})   ${verdict(meets("inProcessImportMs", ip.importMs))}`,
  );
  console.log(
    `  first startStub() ${ip.firstStartMs} ms (${bound("inProcessFirstStartMs")})   ${verdict(meets("inProcessFirstStartMs", ip.firstStartMs))}; a second in the same process ${ip.secondStartMs} ms; a bare node:http server listening ${ip.nodeFloorMs} ms`,
  );
  console.log(
    `installed with --omit=dev: ${start.sizes.stubMB} MB, ${start.sizes.stubDiskMB} MB on disk (${bound("installedMB")}; tarball ${start.sizes.tarballKB} kB), Prism ${start.sizes.prismMB} MB   ${verdict(meets("installedMB", start.sizes.stubMB))}`,
  );
  console.log(
    `  with its libraries bundled, as up to 0.1.0: ready in ${start.starts.stubBundled.medianMs} ms, installed ${start.sizes.bundledMB} MB (${start.sizes.bundledDiskMB} MB on disk; tarball ${start.sizes.bundledTarballKB} kB)`,
  );
}

if (throughput && ratios && signature && start && startSummary) {
  mkdirSync(resultsDir, { recursive: true });
  const machine = {
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  const settings = { duration, rounds, connections: connectionCounts };
  const startup = { ...startSummary, runs: start.starts, inProcess: start.inProcess };
  const latest: Latest = {
    date: new Date().toISOString(),
    machine,
    settings,
    throughput,
    ratios,
    residentAfterLoadMB: residentAfterLoad,
    signature,
    startup,
    install: start.sizes,
    targets: recordedTargets(),
  };
  writeFileSync(join(resultsDir, "latest.json"), `${JSON.stringify(latest, null, 2)}\n`);
  writeFileSync(join(resultsDir, "latest.svg"), chart(throughput, targetNames));
  writeBenchTables(repoRoot, latest);
  console.log("\nwritten: benchmarks/results/latest.json, benchmarks/results/latest.svg");
  console.log("rewritten from it: the bench tables of README.md and docs/performance.md (their prose is not)");
} else console.log("\na partial run (--part): benchmarks/results/ left as it was");
