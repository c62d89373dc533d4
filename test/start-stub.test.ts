// The programmatic API, `import { startStub } from "contract-stubs"`, as a consumer's suite uses it.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { ListenError, StateError, startStub, type RunningStub } from "contract-stubs";
import { createAccessProfilesClient, createStubAdminClient } from "contract-stubs/client";
import { demoData } from "./support/stub.ts";

let running: RunningStub[] = [];
afterEach(async () => {
  await Promise.all(running.map((stub) => stub.close()));
  running = [];
});
const started = async (...args: Parameters<typeof startStub>) => {
  const stub = await startStub(...args);
  running.push(stub);
  return stub;
};

describe("startStub()", () => {
  test("listens on 127.0.0.1 and a free port, and is ready when it resolves", async () => {
    const [a, b] = await Promise.all([started(), started()]);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.url).not.toBe(b.url);
    const { data } = await a.admin.health();
    expect(data?.status).toBe("ok");
  });

  test("serves both APIs, the docs and the specs, as the command does", async () => {
    const stub = await started();
    expect((await fetch(`${stub.url}/v3/access-profiles/x`, { method: "DELETE" })).status).toBe(401);
    expect(
      (await fetch(`${stub.url}/domains/D/profiles/objects/delete`, { method: "POST" })).headers.get(
        "x-amzn-errortype",
      ),
    ).toBe("AccessDeniedException");
    // Every API's spec, as JSON and YAML, under the name health reports it by (access-profiles-v1 too).
    const { data: health } = await stub.admin.health();
    for (const { name } of health?.apis ?? [])
      for (const ext of ["json", "yaml"]) expect((await fetch(`${stub.url}/openapi/${name}.${ext}`)).status).toBe(200);
    expect(health?.apis.map((a) => a.name)).toContain("access-profiles-v1");
    // The docs npm ci built (the package ships them built): the index of every API's reference.
    const docs = await fetch(`${stub.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('href="customer-profiles.html"');
  });

  test("close() stops it: connections are refused afterwards, and closing twice is harmless", async () => {
    const stub = await startStub();
    await stub.close();
    await stub.close();
    await expect(fetch(`${stub.url}/__stub/health`)).rejects.toThrow();
  });

  test("works with `await using`", async () => {
    let url: string;
    {
      await using stub = await startStub();
      url = stub.url;
      expect((await stub.admin.health()).response.status).toBe(200);
    }
    await expect(fetch(`${url}/__stub/health`)).rejects.toThrow();
  });
});

describe("startStub options (the command's, camelCased)", () => {
  test("data: starts from, and resets to, the state given", async () => {
    const data = demoData();
    data.accessProfiles.accessProfiles = data.accessProfiles.accessProfiles.filter(
      (p) => p.id !== "2c91808a7813090a017814121919ecca",
    );
    data.accessProfiles.roles = data.accessProfiles.roles.map((r) => ({
      ...r,
      accessProfileIds: r.accessProfileIds.filter((id) => id !== "2c91808a7813090a017814121919ecca"),
    }));
    const stub = await started({ data });
    await stub.admin.reset();
    const ids = (await stub.admin.getState()).data!.accessProfiles.accessProfiles.map((p) => p.id);
    expect(ids).not.toContain("2c91808a7813090a017814121919ecca");
    expect(ids.length).toBe(demoData().accessProfiles.accessProfiles.length - 1);
  });

  test("data: a file, as --data reads it", async () => {
    const file = join(tmpdir(), `contract-stubs-data-${process.pid}.json`);
    const data = demoData();
    data.customerProfiles.domains.push("AnotherDomain");
    writeFileSync(file, JSON.stringify(data));
    const stub = await started({ data: file });
    expect((await stub.admin.getState()).data!.customerProfiles.domains).toContain("AnotherDomain");
  });

  test("adminToken: the admin client it returns carries the token", async () => {
    const stub = await started({ adminToken: "s3cret" });
    expect((await stub.admin.reset()).response.status).toBe(204);
    expect((await createStubAdminClient({ baseUrl: stub.url }).reset()).response.status).toBe(401);
  });

  test("journalSize: how many requests stub.requests() keeps", async () => {
    const stub = await started({ journalSize: 2 });
    for (const id of ["a", "b", "c"]) await fetch(`${stub.url}/v3/access-profiles/${id}`, { method: "DELETE" });
    const { total, requests } = await stub.requests();
    expect(total).toBe(2);
    expect(requests.map((entry) => entry.request.url)).toEqual(["/v3/access-profiles/b", "/v3/access-profiles/c"]);
  });

  test("rateLimits: realistic limits per credential", async () => {
    const stub = await started({ rateLimits: "realistic" });
    expect((await stub.admin.getLimits()).data).toEqual({
      customerProfiles: { requestsPerSecond: 100, burst: 100 },
      accessProfiles: { requestsPerSecond: 10, burst: 100 },
    });
  });

  test("bodyLimit: larger bodies are refused in the API's shape", async () => {
    const stub = await started({ bodyLimit: 16 });
    const response = await fetch(`${stub.url}/v3/access-profiles/x`, {
      method: "DELETE",
      body: "x".repeat(64),
      headers: { authorization: "Bearer x" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).detailCode).toBe("400.1 Bad Request Content");
    const client = createAccessProfilesClient({ baseUrl: `${stub.url}/v3`, accessToken: "x" });
    expect((await client.deleteAccessProfile("x")).error?.name).toBe("Unauthorized");
  });

  test.each([
    [{ port: 70000 }, "startStub option port must be a whole number from 0 to 65535, got 70000"],
    [{ port: -1 }, "startStub option port must be a whole number from 0 to 65535, got -1"],
    [{ bodyLimit: 0 }, "startStub option bodyLimit must be a positive whole number of bytes, got 0"],
    [{ rateLimits: "fast" }, 'startStub option rateLimits must be off or realistic, got "fast"'],
    [{ host: "" }, 'startStub option host must be an address or host name, got ""'],
    [{ journalSize: 100_001 }, "startStub option journalSize must be a whole number from 0 to 100000, got 100001"],
    [{ warmUp: "yes" }, 'startStub option warmUp must be true or false, got "yes"'],
    [
      { prot: 1 },
      "startStub does not know the option prot; it takes host, port, data, bodyLimit, rateLimits, adminToken, quiet, journalSize, warmUp",
    ],
  ])("refuses %o with a TypeError naming the option", async (options, message) => {
    await expect(startStub(options as never)).rejects.toThrow(new TypeError(message));
  });

  test("refuses state that breaks its schema, listing every problem", async () => {
    const data = demoData();
    data.accessProfiles.accessProfiles[0]!.sourceId = "no-such-source";
    await expect(startStub({ data })).rejects.toThrow(
      /the data option is not valid:[\s\S]*names unknown source no-such-source/,
    );
  });

  test("refuses a port already in use, naming it, with Node's code and cause: a ListenError", async () => {
    const stub = await started();
    const port = Number(new URL(stub.url).port);
    const error = await startStub({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect(error).toMatchObject({
      name: "ListenError",
      message: `cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      code: "EADDRINUSE",
      host: "127.0.0.1",
      port,
      cause: expect.objectContaining({ code: "EADDRINUSE", syscall: "listen" }),
    });
  });

  test("refuses bad state and an unreadable data file with a StateError listing the problems", async () => {
    const data = demoData();
    data.accessProfiles.accessProfiles[0]!.sourceId = "no-such-source";
    const invalid = await startStub({ data }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(StateError);
    expect(invalid).toMatchObject({
      name: "StateError",
      origin: "the data option",
      problems: [expect.stringContaining("no-such-source")],
    });
    const file = join(tmpdir(), `contract-stubs-not-json-${process.pid}.json`);
    writeFileSync(file, "{ not json");
    const unreadable = await startStub({ data: file }).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(StateError);
    expect(unreadable).toMatchObject({ cause: expect.any(SyntaxError) });
  });
});
