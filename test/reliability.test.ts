// Reliability at small scale: concurrent deletes lose and invent nothing, concurrent resets never
// leave half-loaded state, hostile clients are cut off without stopping service, and the process
// shuts down gracefully on SIGTERM and SIGINT.
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { createCustomerProfilesClient, createStubAdminClient } from "../client/index.ts";
import { createApp } from "../server/app.ts";
import { startServer, type RunningServer } from "../server/serve.ts";
import { checkDemoData, StubStore, type DemoData } from "../server/store.ts";
import { runCommand } from "./support/command.ts";
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
  const cp = data.customerProfiles;
  cp.objectTypes?.push({
    domainName: "DemoDomain",
    objectTypeName: "Bulk",
    definition: { Description: "Bulk objects" },
  });
  cp.profiles?.push({ domainName: "DemoDomain", profileId: "00000000000000000000000000000001" });
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
    expect(stub.store.snapshot()).toEqual(new StubStore(withObjects(0)).snapshot());
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
  // Far apart, so that which of them cut a connection off shows in when it did.
  const headersTimeoutMs = 300;
  const requestTimeoutMs = 2000;

  async function serve(): Promise<RunningServer> {
    server = await startServer(createApp({ store: new StubStore(demoData()), errorLog: () => {} }), {
      host: "127.0.0.1",
      port: 0,
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: 5000,
      timeoutCheckIntervalMs: 50,
    });
    return server;
  }

  test("slow headers are cut off by the headers timeout, long before the request timeout", async () => {
    const { url } = await serve();
    const client = await rawSocket(url);
    client.socket.write("POST /domains/DemoDomain/profiles/objects/delete HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    expect(after).toBeLessThan(requestTimeoutMs);
    // Node either answers 408 or just closes the connection; it never serves the request.
    expect(client.received() === "" || client.received().startsWith("HTTP/1.1 408")).toBe(true);
  });

  test("a slow body, its headers complete, is cut off by the request timeout", async () => {
    const { url } = await serve();
    const client = await rawSocket(url);
    client.socket.write(
      'POST /domains/DemoDomain/profiles/objects/delete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Pro',
    );
    const timer = setInterval(() => client.socket.writable && client.socket.write(" "), 150);
    const after = await client.closed;
    clearInterval(timer);
    expect(after).toBeGreaterThanOrEqual(requestTimeoutMs - 50);
    expect(after).toBeLessThan(requestTimeoutMs + 3000);
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

describe("errors of the running server", () => {
  test("are reported, every one, and the server goes on serving", async () => {
    const errors: string[] = [];
    server = await startServer(createApp({ store: new StubStore(demoData()), errorLog: () => {} }), {
      host: "127.0.0.1",
      port: 0,
      errorLog: (line) => errors.push(line),
    });
    // What Node.js emits when accepting a connection fails, for one: EMFILE.
    server.server.emit("error", Object.assign(new Error("accept EMFILE"), { code: "EMFILE" }));
    server.server.emit("error", Object.assign(new Error("accept ENFILE"), { code: "ENFILE" }));
    expect(errors).toEqual(["server error: accept EMFILE", "server error: accept ENFILE"]);
    expect((await fetch(`${server.url}/__stub/health`)).status).toBe(200);
  });
});

describe("graceful shutdown", () => {
  test.each(["SIGTERM", "SIGINT"] as const)(
    "on %s it finishes the request in flight, refuses new connections, and exits 0",
    async (signal) => {
      const command = runCommand(`${root}node_modules/.bin/tsx`, ["server/main.ts", "--port", "0", "--quiet"], {
        cwd: root,
      });
      const base = await command.listening;
      const exitedAt = command.exited.then((code) => ({ code, at: performance.now() }));
      const admin = createStubAdminClient({ baseUrl: base });
      // A token request held for 1.2 s by a fault: the fault is used up once the request is in the stub.
      await admin.addFault({ api: "sailpoint-oauth", latencyMs: 1200 });
      const inFlight = fetch(`${base}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "api", client_secret: "stub-secret" }),
      });
      await expect.poll(async () => (await admin.listFaults()).data).toEqual([]);
      const signalledAt = performance.now();
      command.child.kill(signal);
      // The stub says so once it has stopped accepting connections.
      await expect.poll(command.out).toContain(`${signal}: no new connections`);
      await expect(fetch(`${base}/__stub/limits`)).rejects.toThrow();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ token_type: "bearer" });
      const answeredAt = performance.now();
      const { code, at } = await exitedAt;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(5000);
      // Its last connection closed with the answer, not after the keep-alive timeout (5 s).
      expect(at - answeredAt).toBeLessThan(1500);
    },
  );
});
