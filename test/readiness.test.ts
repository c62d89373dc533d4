// Readiness: GET /__stub/health, the warm-up behind it, and the validator set-up that keeps it fast.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createStubAdminClient } from "../client/index.ts";
import { readiness } from "../server/app.ts";
import { apis } from "../server/apis.ts";
import { customerProfiles } from "../server/customer-profiles/api.ts";
import { Journal } from "../server/journal.ts";
import { createTokenService } from "../server/sailpoint-oauth/tokens.ts";
import { apiRouter } from "../server/shared/api.ts";
import type { ApiName } from "../server/shared/context.ts";
import { FaultBook, RateLimiter } from "../server/shared/controls.ts";
import { loadSpec } from "../server/shared/spec.ts";
import {
  specCheckers,
  specValidator,
  validationView,
  warmUp,
  warmUpRequests,
  type MountedValidator,
} from "../server/shared/validation.ts";
import { checkDemoData, packagedDemoData, StubStore } from "../server/store.ts";
import { stubAdmin } from "../server/stub-admin/api.ts";
import { ContractOracle, recordingFetch } from "./support/oracle.ts";
import { demoData, startTestStub, type TestStub } from "./support/stub.ts";
import { token } from "./support/tokens.ts";

const oracle = await ContractOracle.load();
const packageVersion = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
const served = apis.map(({ name, mount, basePath }) => ({ api: name, mount, basePath }));
const mounted = (api: ApiName, spec = loadSpec(api)): MountedValidator => ({
  ...served.find((s) => s.api === api)!,
  spec,
  middleware: specValidator(spec),
});

let stub: TestStub | undefined;
const servers: import("node:http").Server[] = [];
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  for (const server of servers.splice(0)) server.close();
});

describe("GET /__stub/health", () => {
  test("on a ready stub: ok, the package version, and every API with its spec version and base path", async () => {
    stub = await startTestStub();
    const wire = recordingFetch();
    const { data, response } = await createStubAdminClient({ baseUrl: stub.baseUrl, fetch: wire.fetch }).health();
    expect(oracle.check("stub-admin", "getStubHealth", wire.responses.at(-1)!)).toEqual([]);
    expect(response.status).toBe(200);
    expect(data).toEqual({
      status: "ok",
      version: packageVersion,
      uptimeSeconds: expect.any(Number),
      // Where the README says each API is served.
      apis: [
        ["customer-profiles", "/"],
        ["access-profiles", "/v3"],
        ["access-profiles-v1", "/"],
        ["sailpoint-oauth", "/"],
        ["stub-admin", "/"],
      ].map(([name, basePath]) => ({
        name,
        version: (loadSpec(name as ApiName).info as { version: string }).version,
        basePath,
      })),
    });
    expect(Number.isInteger(data!.uptimeSeconds) && data!.uptimeSeconds >= 0).toBe(true);
  });

  test("needs no admin token where every other admin operation does", async () => {
    stub = await startTestStub({ adminToken: "s3cret" });
    const anonymous = createStubAdminClient({ baseUrl: stub.baseUrl });
    expect((await anonymous.health()).response.status).toBe(200);
    expect((await anonymous.getState()).response.status).toBe(401);
    expect((await anonymous.reset()).response.status).toBe(401);
    expect((await createStubAdminClient({ baseUrl: stub.baseUrl, adminToken: "s3cret" }).reset()).response.status).toBe(
      204,
    );
  });

  /** An admin API alone, with a readiness the test controls; `waiting` resolves when a request starts waiting on it. */
  async function adminWithReadiness(ready: Promise<void>) {
    const services = {
      store: new StubStore(demoData()),
      tokens: createTokenService(),
      limits: new RateLimiter(),
      faults: new FaultBook(),
      journal: new Journal(),
      serviceOperations: new Map(),
      ready,
      about: { version: packageVersion, startedAt: performance.now(), apis: [] },
    };
    const spec = loadSpec("stub-admin");
    const app = express().use(
      "/__stub",
      apiRouter(stubAdmin, services, {
        spec,
        validator: specValidator(spec),
        bodyLimitBytes: 1024 * 1024,
        faults: services.faults,
        errorLog: () => {},
      }),
    );
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test("is held while the stub is not ready, and answers 200 once it is", async () => {
    let becomeReady!: () => void;
    let startedWaiting!: () => void;
    const waiting = new Promise<void>((resolve) => (startedWaiting = resolve));
    const readiness = new Promise<void>((resolve) => (becomeReady = resolve));
    // A promise that notes when the health handler starts waiting on it.
    const observed = {
      // biome-ignore lint/suspicious/noThenProperty: a promise-like object on purpose, to see the handler await it.
      then(onReady: () => unknown, onFailure: (e: unknown) => unknown) {
        startedWaiting();
        return readiness.then(onReady, onFailure);
      },
    };
    const base = await adminWithReadiness(observed as unknown as Promise<void>);

    let answered = false;
    const answer = fetch(`${base}/__stub/health`).then((response) => {
      answered = true;
      return response;
    });
    await waiting;
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    becomeReady();
    const response = await answer;
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("ok");
  });

  test("answers the documented 500 when the stub could not get ready", async () => {
    const failed = Promise.reject(new Error("the stub could not get ready"));
    failed.catch(() => undefined);
    const base = await adminWithReadiness(failed);
    const wire = recordingFetch();
    const { error, response } = await createStubAdminClient({ baseUrl: base, fetch: wire.fetch }).health();
    expect(oracle.check("stub-admin", "getStubHealth", wire.responses.at(-1)!)).toEqual([]);
    expect(response.status).toBe(500);
    expect(error?.message).toBe("An internal error occurred.");
  });
});

describe("warm-up", () => {
  test("makes a request of every operation, and of each media type a body may have, from the spec's own examples", () => {
    const requests = served.flatMap(({ api }) => warmUpRequests(mounted(api)));
    const documented = served.flatMap(({ api }) =>
      Object.values<Record<string, any>>(oracle.spec(api).paths).flatMap((item) =>
        Object.values<any>(item)
          .filter((op) => op?.operationId)
          .flatMap((op) =>
            Object.keys(op.requestBody?.content ?? { none: {} }).map((type) => `${op.operationId} ${type}`),
          ),
      ),
    );
    expect(
      requests.map((r) => `${r.operationId} ${r.headers["content-type"]?.split(";")[0] ?? "none"}`).sort(),
    ).toEqual(documented.sort());
    expect(requests.find((r) => r.operationId === "deleteAccessProfile")?.path).toBe(
      "/v3/access-profiles/2c91808a7813090a017814121919ecca",
    );
  });

  test("of the stub's own specs, no request is refused: their examples are valid", async () => {
    const validators = served.map(({ api }) => mounted(api));
    expect(await warmUp(validators, validators.flatMap(warmUpRequests))).toEqual({ refused: [] });
  });

  test("reports a refused request, and is ready all the same (its request checks are built)", async () => {
    const spec = structuredClone(loadSpec("customer-profiles")) as any;
    const operation = spec.paths["/domains/{DomainName}/profiles/objects/delete"].post;
    operation.requestBody = {
      ...operation.requestBody,
      content: {
        "application/json": {
          ...operation.requestBody.content["application/json"],
          examples: { Broken: { value: { ProfileId: "not-hex" } } },
        },
      },
    };
    const validator = mounted("customer-profiles", spec);
    const { refused } = await warmUp([validator], warmUpRequests(validator));
    expect(refused).toEqual([expect.stringMatching(/^POST \/domains\/DemoDomain\/profiles\/objects\/delete: 400 /)]);
  });

  test("the stub logs what the validator refused, and is ready all the same", async () => {
    const spec = structuredClone(loadSpec("customer-profiles")) as any;
    const media =
      spec.paths["/domains/{DomainName}/profiles/objects/delete"].post.requestBody.content["application/json"];
    media.examples = { Broken: { value: { ProfileId: "not-hex" } } };
    const logged: string[] = [];
    await readiness(new Map([[customerProfiles, mounted("customer-profiles", spec)]]), (line) => logged.push(line));
    expect(logged).toEqual([
      expect.stringMatching(
        /^warm-up: the validator refused a spec example: POST \/domains\/DemoDomain\/profiles\/objects\/delete: 400 /,
      ),
    ]);
  });

  test("the apps of one process share the validators and nothing else: each refuses what the spec refuses, keeps its own state and journal", async () => {
    const [a, b] = await Promise.all([startTestStub(), startTestStub()]);
    try {
      const headers = { Authorization: `Bearer ${await token()}` };
      const remove = (stub: TestStub, id: string) =>
        fetch(`${stub.baseUrl}/v3/access-profiles/${id}`, { method: "DELETE", headers });
      const id = "2c91808a7813090a017814121919ecca";
      expect((await remove(a, id)).status).toBe(204);
      expect((await remove(b, id)).status).toBe(204);
      expect((await remove(a, id)).status).toBe(404);
      const refused = await fetch(`${b.baseUrl}/v3/access-profiles`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ description: "no name, owner or source" }),
      });
      expect(refused.status).toBe(400);
      expect((await refused.json()).detailCode).toBe("400.1 Bad Request Content");
      const statuses = async (stub: TestStub) =>
        (await (await fetch(`${stub.baseUrl}/__stub/requests`)).json()).requests.map(
          (e: { response: { status: number } }) => e.response.status,
        );
      expect(await statuses(a)).toEqual([204, 404]);
      expect(await statuses(b)).toEqual([204, 400]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test("rejects, naming the request, when a validator cannot load its spec", async () => {
    const spec = { ...loadSpec("access-profiles"), openapi: "3.2.0" };
    const validator = mounted("access-profiles", spec);
    await expect(warmUp([validator], warmUpRequests(validator))).rejects.toThrow(
      /could not get ready:\n {2}[A-Z]+ \/v3\/access-profiles\S*: +OpenAPI v3\.0 or v3\.1 specification version is required/,
    );
  });
});

describe("the spec the validator is given", () => {
  test("has every reference in its paths replaced, no components but security schemes, and no examples", () => {
    for (const { api } of served) {
      const view = validationView(loadSpec(api));
      const text = JSON.stringify(view);
      expect(text, api).not.toContain('"$ref"');
      // Where examples live: parameters and media types (a schema may have a property named "example").
      const holders = Object.values(view.paths as Record<string, Record<string, any>>)
        .flatMap((item) => Object.values(item))
        .filter((op) => op && typeof op === "object" && !Array.isArray(op))
        .flatMap((op) => [
          ...(op.parameters ?? []),
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses ?? {}).flatMap((r: any) => Object.values(r.content ?? {})),
        ]);
      expect(holders.length, api).toBeGreaterThan(0);
      expect(
        holders.filter((h) => "example" in h || "examples" in h),
        api,
      ).toEqual([]);
      expect(text, api).not.toContain("x-codeSamples");
      expect(
        Object.keys(view.components as object).filter((k) => k !== "securitySchemes"),
        api,
      ).toEqual([]);
    }
  });

  test("leaves the stub's own copy of the spec as it was", () => {
    const spec = loadSpec("stub-admin");
    const before = JSON.stringify(spec);
    validationView(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  test("refuses a $ref it could not replace faithfully: with keywords beside it, or recursive", () => {
    const schemaWith = (schema: object, schemas: object = {}) => ({
      openapi: "3.1.0",
      paths: { "/x": { post: { requestBody: { content: { "application/json": { schema } } }, responses: {} } } },
      components: { schemas },
    });
    expect(() =>
      validationView(schemaWith({ $ref: "#/components/schemas/Name", maxLength: 3 }, { Name: { type: "string" } })),
    ).toThrow("the validator cannot take #/components/schemas/Name with maxLength beside it");
    expect(() =>
      validationView(
        schemaWith({ $ref: "#/components/schemas/Name", description: "a name" }, { Name: { type: "string" } }),
      ),
    ).not.toThrow();
    const tree = {
      type: "object",
      properties: { children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
    };
    expect(() => validationView(schemaWith({ $ref: "#/components/schemas/Tree" }, { Tree: tree }))).toThrow(
      "the validator cannot take the recursive #/components/schemas/Tree",
    );
  });
});

describe("the validator's own spec check", () => {
  test("is built only when asked for: the library asks the stand-in, which builds no checker", async () => {
    const before = { ...specCheckers };
    const spec = loadSpec("sailpoint-oauth");
    const app = express().use(
      "/oauth",
      specValidator(spec),
      (_req: express.Request, res: express.Response) => void res.status(204).end(),
    );
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    // The validator loads its spec on the first request; a request it refuses is loaded all the same.
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`, { method: "POST" });
    // Were the library no longer to construct its spec checker from the module the stand-in replaces,
    // it would build the whole OpenAPI 3.1 checker itself, unseen: `asked` would not move.
    expect(specCheckers.asked).toBeGreaterThan(before.asked);
    expect(specCheckers.built).toBe(before.built);
  });

  test("still refuses an invalid spec when asked to check it (validateApiSpec: true), through the stand-in", async () => {
    const built = specCheckers.built;
    // The validator writes what it checks and what it found to the console: expected here.
    const logged = [vi.spyOn(console, "info"), vi.spyOn(console, "log"), vi.spyOn(console, "error")].map((spy) =>
      spy.mockImplementation(() => undefined),
    );
    const invalid = { openapi: "3.1.0", info: { title: "no version" }, paths: {} };
    const app = express().use(OpenApiValidator.middleware({ apiSpec: invalid as never, validateApiSpec: true }));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
      res.status(500).send(err.message),
    );
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/anything`);
    expect(await response.text()).toMatch(/apiDoc was invalid/);
    expect(specCheckers.built).toBe(built + 1);
    expect(logged[2]).toHaveBeenCalledWith(
      expect.stringMatching(/validation errors/),
      expect.stringContaining("version"),
    );
    for (const spy of logged) spy.mockRestore();
  });
});

test("the demo data the package ships, which a start does not check again, passes every check", () => {
  expect(() => checkDemoData(packagedDemoData(), "the packaged demo data")).not.toThrow();
});
