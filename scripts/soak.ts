// `npm run soak`: 100,000 mixed requests (valid and invalid, both APIs, the token endpoint and the
// admin API) against the built command (`contract-stubs`, as the package runs it: request log on,
// journal at its default size) in its own process, on loopback. Every answer is checked against its
// spec; any 5xx or undocumented answer fails the run, as do resident memory over 110 MB after the
// warm-up or at the end, growth of more than 20 MB between the two, and a journal holding more
// entries than its size. `--stub-args "--journal-size 0 --quiet"` passes options to the command, to
// measure what a part of the stub holds (docs/performance.md, Memory by part).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SignJWT } from "jose";
import { sigv4Signing } from "../client/customer-profiles.ts";
import { defaultJournalSize } from "../server/journal.ts";
import { ContractOracle, type ApiName, unknownOperationProblems } from "../test/support/oracle.ts";
import { repoRoot } from "./apis.ts";
import { buildIfStale } from "./build.mjs";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    warmup: { type: "string", default: "10000" },
    "stub-args": { type: "string", default: "" },
  },
});
const total = Number(values.requests);
const warmup = Number(values.warmup);
const maxGrowthMb = 20;
// 100 MB held on Node.js 20 (about 90 measured). Node.js 22 to 26 are bigger themselves (a bare HTTP
// server holds 3 to 9 MB more than on 20), and the stub holds 104 to 108 MB on them: see
// docs/performance.md. The growth limit is what catches a leak.
const maxRssMb = 110;
const demo = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

const oracle = await ContractOracle.load();
await buildIfStale();
const stubArgs = values["stub-args"].split(/\s+/).filter(Boolean);
const journalSize = Number(/--journal-size[= ](\d+)/.exec(stubArgs.join(" "))?.[1] ?? defaultJournalSize);
const child = spawn(process.execPath, ["bin/contract-stubs.js", "--port", "0", ...stubArgs], {
  cwd: repoRoot,
  stdio: ["ignore", "pipe", "inherit"],
});
// The banner gives the URL; the request log after it is read and dropped, as a CI job would keep it.
const base = await new Promise<string>((resolve) => {
  let banner = "";
  const onData = (chunk: Buffer) => {
    banner += chunk;
    const m = /listening on (http:\S+)/.exec(banner);
    if (!m) return;
    child.stdout!.off("data", onData);
    child.stdout!.resume();
    resolve(m[1]!);
  };
  child.stdout!.on("data", onData);
});
const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;

async function signed(path: string, body: string, contentType = "application/json"): Promise<Record<string, string>> {
  const request = await sigv4Signing({ region: "us-east-1", credentials: demo }).onRequest!({
    request: new Request(`${base}${path}`, { method: "POST", headers: { "content-type": contentType }, body }),
  } as never);
  const headers: Record<string, string> = {};
  (request as Request).headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

const token = (
  await (
    await fetch(`${base}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "api", client_secret: "stub-secret" }),
    })
  ).json()
).access_token;
const forged = await new SignJWT({ client_id: "api", authorities: ["API"] })
  .setProtectedHeader({ alg: "HS256" })
  .setIssuer("contract-stub")
  .setExpirationTime("1h")
  .sign(new TextEncoder().encode("not-the-stub-key-0123456789abcdefgh"));
const awsPath = "/domains/DemoDomain/profiles/objects/delete";
const good = JSON.stringify({
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "MyCustomObjectName",
  ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
});
const bad = JSON.stringify({
  ProfileId: "3991a7d959d248bba82546b2dEXAMPLE",
  ObjectTypeName: "9",
  ProfileObjectUniqueKey: "",
});

interface Kind {
  name: string;
  api: ApiName;
  operationId: string;
  request: { method: string; path: string; headers?: Record<string, string>; body?: string };
  /** How its answers are checked, when not against `operationId`'s responses. */
  check?: (response: { status: number; headers: Headers; body: string }) => string[];
}

const kinds: Kind[] = [
  {
    name: "AWS valid delete",
    api: "customer-profiles",
    operationId: "DeleteProfileObject",
    request: { method: "POST", path: awsPath, headers: await signed(awsPath, good), body: good },
  },
  {
    name: "AWS invalid body",
    api: "customer-profiles",
    operationId: "DeleteProfileObject",
    request: { method: "POST", path: awsPath, headers: await signed(awsPath, bad), body: bad },
  },
  {
    name: "AWS malformed JSON",
    api: "customer-profiles",
    operationId: "DeleteProfileObject",
    request: { method: "POST", path: awsPath, headers: await signed(awsPath, '{"Pro'), body: '{"Pro' },
  },
  {
    name: "AWS unsigned",
    api: "customer-profiles",
    operationId: "DeleteProfileObject",
    request: { method: "POST", path: awsPath, headers: { "content-type": "application/json" }, body: good },
  },
  {
    name: "AWS unknown path",
    api: "customer-profiles",
    operationId: "DeleteProfileObject",
    request: {
      method: "POST",
      path: "/domains/DemoDomain/nothing",
      headers: await signed("/domains/DemoDomain/nothing", good),
      body: good,
    },
    check: unknownOperationProblems,
  },
  {
    name: "SailPoint missing id",
    api: "access-profiles",
    operationId: "deleteAccessProfile",
    request: {
      method: "DELETE",
      path: "/v3/access-profiles/2c91808a7813090a0178141219190000",
      headers: { authorization: `Bearer ${token}` },
    },
  },
  {
    name: "SailPoint in use",
    api: "access-profiles",
    operationId: "deleteAccessProfile",
    request: {
      method: "DELETE",
      path: "/v3/access-profiles/2c9180835d191a86015d28455b4a2329",
      headers: { authorization: `Bearer ${token}` },
    },
  },
  {
    name: "SailPoint no token",
    api: "access-profiles",
    operationId: "deleteAccessProfile",
    request: { method: "DELETE", path: "/v3/access-profiles/x" },
  },
  {
    name: "SailPoint forged token",
    api: "access-profiles",
    operationId: "deleteAccessProfile",
    request: { method: "DELETE", path: "/v3/access-profiles/x", headers: { authorization: `Bearer ${forged}` } },
  },
  {
    name: "token request",
    api: "sailpoint-oauth",
    operationId: "createAccessToken",
    request: {
      method: "POST",
      path: "/oauth/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=api&client_secret=stub-secret",
    },
  },
  {
    name: "token wrong secret",
    api: "sailpoint-oauth",
    operationId: "createAccessToken",
    request: {
      method: "POST",
      path: "/oauth/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=api&client_secret=nope",
    },
  },
  {
    name: "admin limits",
    api: "stub-admin",
    operationId: "getStubLimits",
    request: { method: "GET", path: "/__stub/limits" },
  },
];

const statuses: Record<string, Record<number, number>> = {};
const problems = new Map<string, number>();
let checked = 0;

async function run(amount: number, check: boolean): Promise<autocannon.Result> {
  return autocannon({
    url: base,
    connections: 10,
    amount,
    requests: kinds.map((kind) => ({
      ...kind.request,
      onResponse: (status: number, body: string, _context: unknown, headers: Record<string, string | string[]>) => {
        if (!check) return;
        checked++;
        statuses[kind.name] ??= {};
        statuses[kind.name]![status] = (statuses[kind.name]![status] ?? 0) + 1;
        const flat = new Headers();
        for (const [name, value] of Object.entries(headers ?? {}))
          flat.set(name, Array.isArray(value) ? value.join(", ") : String(value));
        const response = { status, headers: flat, body: body ?? "" };
        const found =
          status >= 500
            ? [`unexpected ${status}`]
            : kind.check
              ? kind.check(response)
              : oracle.check(kind.api, kind.operationId, response);
        for (const p of found) problems.set(`${kind.name}: ${p}`, (problems.get(`${kind.name}: ${p}`) ?? 0) + 1);
      },
    })),
  } as autocannon.Options);
}

const startRss = rssMb();
await run(warmup, false);
const warmRss = rssMb();
const started = performance.now();
const result = await run(total, true);
const seconds = (performance.now() - started) / 1000;
const endRss = rssMb();
const journal = (await (await fetch(`${base}/__stub/requests?limit=1`)).json()) as { total: number };
child.kill("SIGTERM");

console.log(
  `${result.requests.total} requests in ${seconds.toFixed(1)} s (${(result.requests.total / seconds).toFixed(0)} req/s), ${result.errors} connection errors; ${checked} answers checked against the specs`,
);
for (const [name, counts] of Object.entries(statuses)) console.log(`  ${name.padEnd(24)} ${JSON.stringify(counts)}`);
const growth = endRss - warmRss;
console.log(
  `resident memory: ${startRss.toFixed(1)} MB at start, ${warmRss.toFixed(1)} MB after ${warmup} warm-up requests, ${endRss.toFixed(1)} MB at the end (limit ${maxRssMb} MB): growth ${growth.toFixed(1)} MB (limit ${maxGrowthMb} MB)`,
);
console.log(`journal: ${journal.total} entries kept of ${total + warmup} requests (size ${journalSize})`);
const failures = [...problems].map(([p, n]) => `${p} (${n}×)`);
if (result.errors > 0) failures.push(`${result.errors} connection errors`);
if (checked < total) failures.push(`only ${checked} of ${total} answers were checked`);
if (growth > maxGrowthMb) failures.push(`memory grew ${growth.toFixed(1)} MB`);
if (warmRss > maxRssMb || endRss > maxRssMb)
  failures.push(`resident memory ${Math.max(warmRss, endRss).toFixed(1)} MB is over ${maxRssMb} MB`);
if (journal.total > journalSize) failures.push(`the journal holds ${journal.total} entries`);
if (failures.length > 0) {
  console.error(`\nsoak FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("soak passed: no 5xx, every answer documented");
process.exit(0);
