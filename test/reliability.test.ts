// Reliability at small scale: concurrent deletes lose and invent nothing, concurrent resets never
// leave half-loaded state, hostile clients are cut off without stopping service, and the process
// shuts down gracefully on SIGTERM and SIGINT.
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { createCustomerProfilesClient, createStubAdminClient } from "../client/index.ts";
import { createApp } from "../server/app.ts";
import { startServer, type RunningServer } from "../server/serve.ts";
import { checkDemoData, StubStore, type DemoData } from "../server/store.ts";
import { demoCredentials, demoData, startTestStub, type TestStub } from "./support/stub.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
let stub: TestStub | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await stub?.close();
  await server?.shutdown(1000);
  stub = undefined;
  server = undefined;
});

function withObjects(count: number): DemoData {
  const data = demoData();
  for (let i = 0; i < count; i++)
    data.customerProfiles.profileObjects.push({
      domainName: "DemoDomain",
      profileId: "00000000000000000000000000000001",
      objectTypeName: "Bulk",
      uniqueKey: `bulk-${i}`,
    });
  return data;
}

describe("concurrency", () => {
  test("1,000 concurrent deletes over 100 objects: exactly 100 successes and 900 not-found, nothing else changes", async () => {
    const data = withObjects(100);
    stub = await startTestStub({ data });
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
      retry: false,
    });
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        client.deleteProfileObject({
          DomainName: "DemoDomain",
          ProfileId: "00000000000000000000000000000001",
          ObjectTypeName: "Bulk",
          ProfileObjectUniqueKey: `bulk-${i % 100}`,
        }),
      ),
    );
    expect(results.filter((r) => r.data?.Message === "OK")).toHaveLength(100);
    expect(results.filter((r) => r.error?.name === "ResourceNotFoundException")).toHaveLength(900);
    expect(stub.store.snapshot()).toEqual(new StubStore(demoData()).snapshot());
  });

  test("concurrent resets, deletes and reads never expose a half-loaded state", async () => {
    stub = await startTestStub({ data: withObjects(50) });
    const admin = createStubAdminClient({ baseUrl: stub.baseUrl });
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
      retry: false,
    });
    const initial = stub.store.snapshot();
    const initialKeys = new Set(initial.customerProfiles.profileObjects.map((o) => o.uniqueKey));
    const reads: DemoData[] = [];
    await Promise.all([
      ...Array.from({ length: 60 }, () => admin.reset()),
      ...Array.from({ length: 60 }, async () => reads.push((await admin.getState()).data!)),
      ...Array.from({ length: 200 }, (_, i) =>
        client.deleteProfileObject({
          DomainName: "DemoDomain",
          ProfileId: "00000000000000000000000000000001",
          ObjectTypeName: "Bulk",
          ProfileObjectUniqueKey: `bulk-${i % 50}`,
        }),
      ),
    ]);
    expect(reads).toHaveLength(60);
    for (const state of reads) {
      expect(() => checkDemoData(state)).not.toThrow();
      expect(state.accessProfiles).toEqual(initial.accessProfiles);
      expect(state.customerProfiles.credentials).toEqual(initial.customerProfiles.credentials);
      expect(state.customerProfiles.profileObjects.every((o) => initialKeys.has(o.uniqueKey))).toBe(true);
    }
    await admin.reset();
    expect(stub.store.snapshot()).toEqual(initial);
  });
});

/** A raw socket to the server, with what it received and whether the server closed it. */
function rawSocket(url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let data = "";
    const socket = connect(Number(port), hostname, () =>
      resolve({
        socket,
        received: () => data,
        closed: new Promise((done) => socket.on("close", () => done(performance.now() - started))),
      }),
    );
    socket.on("data", (chunk) => (data += chunk));
    socket.on("error", reject);
  });
}

describe("hostile clients", () => {
  async function serve(): Promise<RunningServer> {
    server = await startServer(createApp({ store: new StubStore(demoData()), errorLog: () => {} }), {
      host: "127.0.0.1",
      port: 0,
      headersTimeoutMs: 400,
      requestTimeoutMs: 800,
      keepAliveTimeoutMs: 5000,
      timeoutCheckIntervalMs: 100,
    });
    return server;
  }

  test("slow headers are cut off after the headers timeout", async () => {
    const { url } = await serve();
    const client = await rawSocket(url);
    client.socket.write("POST /domains/DemoDomain/profiles/objects/delete HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const after = await client.closed;
    expect(after).toBeLessThan(5000);
    // Node either answers 408 or just closes the connection; it never serves the request.
    expect(client.received() === "" || client.received().startsWith("HTTP/1.1 408")).toBe(true);
  });

  test("a slow body is cut off after the request timeout", async () => {
    const { url } = await serve();
    const client = await rawSocket(url);
    client.socket.write(
      'POST /domains/DemoDomain/profiles/objects/delete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Pro',
    );
    const timer = setInterval(() => client.socket.writable && client.socket.write(" "), 150);
    const after = await client.closed;
    clearInterval(timer);
    expect(after).toBeLessThan(5000);
  });

  test("an oversized body is refused from its Content-Length, in the API's error shape, before it is sent", async () => {
    const { url } = await serve();
    const client = await rawSocket(url);
    client.socket.write(
      'POST /domains/DemoDomain/profiles/objects/delete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"a":',
    );
    await expect
      .poll(client.received, { timeout: 3000 })
      .toMatch(/\r\n\r\n\{"Message":"The request body is larger than the stub accepts\."\}/);
    expect(client.received()).toMatch(/^HTTP\/1.1 400 /);
    expect(client.received()).toMatch(/x-amzn-ErrorType: BadRequestException/i);
    client.socket.destroy();
  });

  test("a thousand idle keep-alive connections do not stop service", async () => {
    const { url } = await serve();
    const idle = await Promise.all(Array.from({ length: 1000 }, () => rawSocket(url)));
    const admin = createStubAdminClient({ baseUrl: url });
    const { data } = await admin.getLimits();
    expect(data).toEqual({ customerProfiles: null, accessProfiles: null });
    for (const connection of idle) connection.socket.destroy();
  });
});

describe("graceful shutdown", () => {
  function start() {
    const child = spawn(`${root}node_modules/.bin/tsx`, ["server/main.ts", "--port", "0", "--quiet"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on("exit", (code) => resolve({ code, at: performance.now() })),
    );
    const base = new Promise<string>((resolve, reject) => {
      child.stdout.on("data", () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error("exited before listening")));
    });
    return { child, exited, base };
  }

  test.each(["SIGTERM", "SIGINT"] as const)(
    "on %s it finishes the request in flight, refuses new connections, and exits 0",
    async (signal) => {
      const p = start();
      const base = await p.base;
      const admin = createStubAdminClient({ baseUrl: base });
      await admin.getLimits(); // warm: the slow request below is then the only one in flight
      const inFlight = fetch(`${base}/__stub/limits`, { headers: { Prefer: "latency=1200" } });
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = performance.now();
      p.child.kill(signal);
      await new Promise((r) => setTimeout(r, 200));
      await expect(fetch(`${base}/__stub/limits`)).rejects.toThrow();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ customerProfiles: null, accessProfiles: null });
      const { code, at } = await p.exited;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(5000);
    },
  );
});
