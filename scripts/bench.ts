// `npm run bench`: the full stub against two baselines measured in the same run — the same handlers
// on a bare Express route, and Prism 5.14.2 mocking the same specs (fetched on demand with npx) —
// under autocannon on loopback; then the package as a user installs it (its size, and its start
// until ready, beside npm start, Prism's start and a bare Node.js server's). Prints requests/s,
// p50/p99 latency, start times and the ratios, and writes benchmarks/results/latest.{json,svg}.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sigv4Signing } from "../client/customer-profiles.ts";
import { repoRoot } from "./apis.ts";
import { build } from "./build.mjs";
import { folderBytes, installPackage, packCopy } from "./pack.ts";

const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const { values } = parseArgs({
  options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "10" } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
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

async function harness(mode: "full" | "bare"): Promise<Target> {
  // node --import tsx, not the tsx binary: the measured process is then the server itself.
  const { child, match } = await launch(
    process.execPath,
    ["--import", "tsx", "scripts/bench/server.ts", "--mode", mode],
    /READY (http:\S+)/,
  );
  return { url: match[1]!, sailpointBase: "/v3", stop: stopper(child) };
}

/**
 * Prism 5.14.2 (the last release that runs on Node 20) is fetched on demand into a cache folder, not
 * made a dependency; its binary is run directly so that stopping it stops Prism itself.
 */
const prismPrefix = join(repoRoot, "node_modules", ".cache", "prism-5.14.2");

function prismBinary(): string {
  const prefix = prismPrefix;
  const bin = join(prefix, "node_modules", ".bin", "prism");
  if (!existsSync(bin)) {
    console.log("fetching @stoplight/prism-cli@5.14.2 (once) …");
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
        "@stoplight/prism-cli@5.14.2",
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

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
}

async function load(options: autocannon.Options, seconds: number): Promise<Measured> {
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    connections,
    pipelining: 1,
    duration: seconds,
    ...options,
    setupClient: (client) =>
      client.on("response", (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1)),
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

/** Both operations, with valid credentials, against one target. */
async function measure(name: string, target: Target, token: string): Promise<Record<string, Measured>> {
  const awsUrl = `${target.url}/domains/DemoDomain/profiles/objects/delete`;
  const sailpointUrl = `${target.sailpointBase.startsWith("http") ? target.sailpointBase : target.url + target.sailpointBase}/access-profiles/2c91808a7813090a0178141219190000`;
  const aws = { url: awsUrl, method: "POST" as const, headers: await signedHeaders(awsUrl), body: objectBody };
  const sailpoint = { url: sailpointUrl, method: "DELETE" as const, headers: { authorization: `Bearer ${token}` } };
  await load(aws, 2); // warm-up, not measured
  await load(sailpoint, 2);
  const results = {
    DeleteProfileObject: await load(aws, duration),
    deleteAccessProfile: await load(sailpoint, duration),
  };
  for (const [op, r] of Object.entries(results))
    console.log(
      `  ${name.padEnd(6)} ${op.padEnd(20)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  statuses ${JSON.stringify(r.statuses)}  errors ${r.errors}`,
    );
  return results;
}

interface Started {
  /** Spawn to first answer, median of the runs, in ms. */
  medianMs: number;
  runs: number[];
  /** Resident memory of the spawned process (for npm start, of npm, its shell and the stub) once it answered, in MB. */
  rssMB: number;
}

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

function chart(results: Record<string, Record<string, Measured>>): string {
  const ops = ["DeleteProfileObject", "deleteAccessProfile"];
  const targets = Object.keys(results);
  const colors: Record<string, string> = { stub: "#2f6fde", bare: "#8c959f", prism: "#e3823b" };
  const max = Math.max(...targets.flatMap((t) => ops.map((o) => results[t]![o]!.requestsPerSecond)));
  const width = 640;
  const height = 300;
  const barW = 60;
  let bars = "";
  ops.forEach((op, i) => {
    const x0 = 80 + i * 280;
    targets.forEach((t, j) => {
      const v = results[t]![op]!.requestsPerSecond;
      const h = (v / max) * 200;
      const x = x0 + j * (barW + 10);
      bars += `<rect x="${x}" y="${240 - h}" width="${barW}" height="${h}" fill="${colors[t]}"/><text x="${x + barW / 2}" y="${234 - h}" font-size="11" text-anchor="middle">${v.toFixed(0)}</text><text x="${x + barW / 2}" y="256" font-size="11" text-anchor="middle">${t}</text>`;
    });
    bars += `<text x="${x0 + 100}" y="280" font-size="13" text-anchor="middle" font-weight="600">${op}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="white"/><text x="20" y="24" font-size="15" font-weight="600">Requests per second (higher is better), same run, same machine</text><line x1="70" y1="240" x2="620" y2="240" stroke="#57606a"/>${bars}</svg>\n`;
}

const tokenSource = await harness("full");
const token = (
  await (
    await fetch(`${tokenSource.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "org-admin",
        client_secret: "stub-secret",
      }),
    })
  ).json()
).access_token as string;
await tokenSource.stop();

console.log(`autocannon: ${connections} connections, ${duration} s per operation after a 2 s warm-up, loopback`);
const results: Record<string, Record<string, Measured>> = {};
for (const [name, start] of [
  ["stub", () => harness("full")],
  ["bare", () => harness("bare")],
  ["prism", prism],
] as const) {
  const target = await start();
  try {
    // The full stub issued the token with its own random key; a fresh one must issue its own.
    const own =
      name === "stub"
        ? (
            await (
              await fetch(`${target.url}/oauth/token`, {
                method: "POST",
                body: new URLSearchParams({
                  grant_type: "client_credentials",
                  client_id: "org-admin",
                  client_secret: "stub-secret",
                }),
              })
            ).json()
          ).access_token
        : token;
    results[name] = await measure(name, target, own);
  } finally {
    await target.stop();
  }
}
// The package as a user installs it, and Prism's own install, for their sizes and start times.
const work = mkdtempSync(join(tmpdir(), "contract-stubs-bench-"));
const installed = join(work, "installed");
const { tarball } = await packCopy(work);
await installPackage(work, tarball, installed);
await build(); // npm start below runs this checkout's build
const starts = await startup(join(installed, "node_modules", ".bin", "contract-stubs"));
const sizes = {
  stubMB: megabytes(folderBytes(join(installed, "node_modules"))),
  prismMB: megabytes(folderBytes(join(prismPrefix, "node_modules"))),
  tarballKB: Math.round(statSync(tarball).size / 1024),
};
rmSync(work, { recursive: true, force: true });

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const summary = Object.fromEntries(
  ["DeleteProfileObject", "deleteAccessProfile"].map((op) => {
    const [s, b, p] = [results.stub![op]!, results.bare![op]!, results.prism![op]!];
    return [
      op,
      {
        stubVsBareThroughput: ratio(s.requestsPerSecond, b.requestsPerSecond),
        stubVsPrismThroughput: ratio(s.requestsPerSecond, p.requestsPerSecond),
        stubVsBareP99: ratio(Math.max(s.p99, 1), Math.max(b.p99, 1)),
      },
    ];
  }),
);
const startSummary = {
  stubReadyMs: starts.stub.medianMs,
  stubVsPrism: ratio(starts.stub.medianMs, starts.prism.medianMs),
  npmStartReadyMs: starts.npmStart.medianMs,
};
const targets = {
  stubVsBareThroughput: ">= 0.8",
  stubVsPrismThroughput: ">= 3",
  stubVsBareP99: "<= 1.5",
  stubReadyMs: "<= 500",
  stubVsPrismStart: "<= 0.5",
  npmStartReadyMs: "<= 1000",
  installedMB: "<= 40",
};
const verdict = (met: boolean) => (met ? "target met" : "TARGET MISSED");
console.log("\nratios (targets: stub/bare throughput ≥ 0.8, stub/Prism ≥ 3, stub/bare p99 ≤ 1.5):");
for (const [op, r] of Object.entries(summary))
  console.log(
    `  ${op.padEnd(20)} stub/bare ${r.stubVsBareThroughput}  stub/Prism ${r.stubVsPrismThroughput}  p99 stub/bare ${r.stubVsBareP99}   ${verdict(r.stubVsBareThroughput >= 0.8 && r.stubVsPrismThroughput >= 3 && r.stubVsBareP99 <= 1.5)}`,
  );
console.log("\nspawn to first answer, median of 5 (each run in ms):");
for (const [name, started] of Object.entries(starts))
  console.log(
    `  ${name.padEnd(9)} ${String(started.medianMs).padStart(5)} ms  (${started.runs.join(", ")})  RSS ${started.rssMB} MB`,
  );
console.log(
  `  packaged stub ready: ${starts.stub.medianMs} ms (≤ 500) and ${startSummary.stubVsPrism} × Prism's (≤ 0.5)   ${verdict(starts.stub.medianMs <= 500 && startSummary.stubVsPrism <= 0.5)}`,
);
console.log(
  `  npm start ready:     ${starts.npmStart.medianMs} ms (≤ 1000)   ${verdict(starts.npmStart.medianMs <= 1000)}`,
);
console.log(
  `installed with --omit=dev: ${sizes.stubMB} MB (≤ 40; tarball ${sizes.tarballKB} kB), Prism ${sizes.prismMB} MB   ${verdict(sizes.stubMB <= 40)}`,
);

mkdirSync(resultsDir, { recursive: true });
const machine = {
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
writeFileSync(
  join(resultsDir, "latest.json"),
  `${JSON.stringify({ date: new Date().toISOString(), machine, settings: { duration, connections }, results, ratios: summary, startup: { ...startSummary, runs: starts }, install: sizes, targets }, null, 2)}\n`,
);
writeFileSync(join(resultsDir, "latest.svg"), chart(results));
console.log(`\nwritten: benchmarks/results/latest.json, benchmarks/results/latest.svg`);
