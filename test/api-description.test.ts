// The API descriptions and the router built from them: an operation is routed, authenticated and
// authorized from its spec alone, and a description that disagrees with its spec stops the start.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { listApis } from "../scripts/apis.ts";
import { accessProfiles } from "../server/access-profiles/api.ts";
import { apis } from "../server/apis.ts";
import { customerProfiles } from "../server/customer-profiles/api.ts";
import { Journal } from "../server/journal.ts";
import { createTokenService } from "../server/sailpoint-oauth/tokens.ts";
import type { StubServices } from "../server/services.ts";
import { apiRouter, routePath, type AnyApiDescription } from "../server/shared/api.ts";
import { FaultBook, RateLimiter } from "../server/shared/controls.ts";
import { loadSpec } from "../server/shared/spec.ts";
import { specValidator } from "../server/shared/validation.ts";
import { StubStore } from "../server/store.ts";
import { demoCredentials, demoData } from "./support/stub.ts";
import { testTokenSecret, token } from "./support/tokens.ts";

type Spec = ReturnType<typeof loadSpec> & { paths: Record<string, Record<string, Record<string, unknown>>> };

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function services(): StubServices {
  return {
    store: new StubStore(demoData()),
    tokens: createTokenService({ secret: testTokenSecret }),
    limits: new RateLimiter(),
    faults: new FaultBook(),
    journal: new Journal(),
    serviceOperations: new Map(),
    ready: Promise.resolve(),
    about: { version: "0.0.0", startedAt: 0, apis: [] },
  };
}

function router(api: AnyApiDescription<StubServices>, spec: Spec) {
  return apiRouter(api, services(), {
    spec,
    validator: specValidator(spec),
    bodyLimitBytes: 64 * 1024,
    faults: new FaultBook(),
    errorLog: (line) => {
      throw new Error(`the stub reported a fault: ${line}`);
    },
  });
}

async function serve(api: AnyApiDescription<StubServices>, spec: Spec): Promise<string> {
  const server = express().use(api.mount, router(api, spec)).listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Access Profiles with one more operation, GET /access-profiles/{id}/probe (a path of its own, so that it meets none of the spec's), and a handler that counts its calls. */
function withProbe(change: (operation: Record<string, unknown>) => void = () => undefined) {
  const spec = structuredClone(loadSpec("access-profiles")) as Spec;
  const probe = structuredClone(spec.paths["/access-profiles/{id}"]!.delete!);
  probe.operationId = "probeAccessProfile";
  probe["x-sailpoint-userLevels"] = ["ORG_ADMIN"];
  change(probe);
  spec.paths["/access-profiles/{id}/probe"] = { get: probe };
  const calls: string[] = [];
  const api: AnyApiDescription<StubServices> = {
    ...accessProfiles,
    handlers: (s) => ({
      ...(accessProfiles.handlers(s) as object),
      // Nothing here checks a token: the description's security does, from the spec.
      probeAccessProfile: ({ path }: { path: { id: string } }) => {
        calls.push(path.id);
        return { status: 204, headers: {}, body: undefined };
      },
    }),
  };
  return { api, spec, calls };
}

describe("a route added without any authorization code", () => {
  test("Access Profiles: is refused without a token (401) and without the authority its spec names (403)", async () => {
    const { api, spec, calls } = withProbe();
    const base = await serve(api, spec);
    const url = `${base}/v3/access-profiles/2c91808a7813090a017814121919ecca/probe`;

    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "JWT validation failed: no bearer token in the Authorization header" });

    // SOURCE_ADMIN may delete access profiles, but the new operation names ORG_ADMIN alone.
    const sourceAdmin = await token({ clientId: "source-admin", authorities: ["SOURCE_ADMIN"] });
    const refused = await fetch(url, { headers: { authorization: `Bearer ${sourceAdmin}` } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).causes[0].text).toBe("The token holds none of the authorities ORG_ADMIN.");

    const orgAdmin = await token({ clientId: "org-admin", authorities: ["ORG_ADMIN"] });
    expect((await fetch(url, { headers: { authorization: `Bearer ${orgAdmin}` } })).status).toBe(204);
    expect(calls).toEqual(["2c91808a7813090a017814121919ecca"]);
  });

  test("Customer Profiles: is refused unsigned (403 AccessDeniedException) and served signed", async () => {
    const spec = structuredClone(loadSpec("customer-profiles")) as Spec;
    const probe = structuredClone(spec.paths["/domains/{DomainName}/profiles/objects/delete"]!.post!);
    probe.operationId = "ProbeProfileObject";
    spec.paths["/domains/{DomainName}/profiles/objects/probe"] = { post: probe };
    const calls: string[] = [];
    const api: AnyApiDescription<StubServices> = {
      ...customerProfiles,
      handlers: (s) => ({
        ...(customerProfiles.handlers(s) as object),
        ProbeProfileObject: ({ path }: { path: { DomainName: string } }) => {
          calls.push(path.DomainName);
          return { status: 200, headers: {}, body: { Message: "OK" } };
        },
      }),
    };
    const base = await serve(api, spec);
    const { port } = new URL(base);
    const path = "/domains/DemoDomain/profiles/objects/probe";
    const body = JSON.stringify({
      ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
      ObjectTypeName: "T",
      ProfileObjectUniqueKey: "k",
    });
    const headers = { host: `127.0.0.1:${port}`, "content-type": "application/json" };

    const unsigned = await fetch(`${base}${path}`, { method: "POST", headers, body });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    expect(calls).toEqual([]);

    const signer = new SignatureV4({
      service: "profile",
      region: "us-east-1",
      credentials: demoCredentials,
      sha256: Hash.bind(null, "sha256"),
    });
    const signed = await signer.sign({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: Number(port),
      path,
      headers,
      body,
    });
    const served = await fetch(`${base}${path}`, { method: "POST", headers: signed.headers, body });
    expect(served.status).toBe(200);
    expect(calls).toEqual(["DemoDomain"]);
  });
});

describe("a description that disagrees with its spec stops the start, saying how", () => {
  test("an operation without a handler, and a handler without an operation", () => {
    const { spec } = withProbe();
    expect(() => router(accessProfiles, spec)).toThrow("access-profiles: probeAccessProfile has no handler");
    const unrouted: AnyApiDescription<StubServices> = {
      ...accessProfiles,
      handlers: (s) => ({ ...(accessProfiles.handlers(s) as object), gone: () => undefined }),
    };
    expect(() => router(unrouted, loadSpec("access-profiles") as Spec)).toThrow(
      "access-profiles: the handler gone has no operation in the spec",
    );
  });

  test("an operation that declares no security, or a scheme the API does not check", () => {
    const undeclared = withProbe((probe) => delete probe.security);
    expect(() => router(undeclared.api, undeclared.spec)).toThrow(
      "probeAccessProfile declares no security (security: [] if it takes no credentials)",
    );
    const unknown = withProbe((probe) => (probe.security = [{ apiKey: [] }]));
    expect(() => router(unknown.api, unknown.spec)).toThrow(
      "probeAccessProfile names the security scheme apiKey, which the stub does not check",
    );
  });

  test("a SailPoint operation that names nobody who may call it", () => {
    const unlisted = withProbe((probe) => delete probe["x-sailpoint-userLevels"]);
    expect(() => router(unlisted.api, unlisted.spec)).toThrow("probeAccessProfile lists no x-sailpoint-userLevels");
  });
});

describe("the list of APIs", () => {
  test("is the one redocly.yaml bundles and the admin spec names: every API, and which are services", () => {
    const served = loadSpec("stub-admin") as Spec & {
      components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum: string[] }> }> };
    };
    const names = apis.map((api) => api.name);
    expect(names.toSorted()).toEqual(
      listApis()
        .map((api) => api.name)
        .toSorted(),
    );
    expect(names.toSorted()).toEqual(served.components.schemas.ServedApi!.properties!.name!.enum.toSorted());
    expect(
      apis
        .filter((api) => api.kind === "service")
        .map((api) => api.name)
        .toSorted(),
    ).toEqual(served.components.schemas.ApiName!.enum!.toSorted());
  });

  test("routes each operation at its spec's path under the API's base path", () => {
    expect(routePath({ mount: "/", basePath: "" }, "/domains/{DomainName}/profiles/objects/delete")).toBe(
      "/domains/:DomainName/profiles/objects/delete",
    );
    expect(routePath({ mount: "/v3", basePath: "/v3" }, "/access-profiles/{id}")).toBe("/access-profiles/:id");
    expect(routePath({ mount: "/__stub", basePath: "" }, "/__stub/requests.har")).toBe("/requests.har");
    // Characters Express reads as patterns are taken literally.
    expect(routePath({ mount: "/", basePath: "" }, "/a(b)/{c}*")).toBe("/a\\(b\\)/:c\\*");
  });
});
