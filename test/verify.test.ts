// `contract-stubs verify` against servers we control: the stub itself, where every case that can
// run passes, and servers in front of it that drift from the contract in one known way each, where
// that drift, and nothing else, is reported.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { summaryText, verify, type VerifyOptions, type VerifyReport } from "contract-stubs";
import { parse } from "yaml";
import { loadSpec } from "../server/shared/spec.ts";
import { runVerify, verifyOptions } from "../server/verify/cli.ts";
import { planCases } from "../server/verify/plan.ts";
import { SchemaChecker } from "../server/verify/schemas.ts";
import { runCommand } from "./support/command.ts";
import { codeBlocks } from "./support/markdown.ts";
import { validHar } from "./support/har.ts";
import { driftingServer, type Drift, type DriftingServer } from "./support/proxy.ts";
import { demoCredentials, demoObject, startTestStub, type TestStub, unusedAccessProfile } from "./support/stub.ts";

const work = mkdtempSync(join(tmpdir(), "verify-"));
const aws = { ...demoCredentials, region: "eu-west-1" };
const client = { clientId: "org-admin", clientSecret: "stub-secret" };
const forbidden = { clientId: "helpdesk", clientSecret: "stub-secret" };
const userless = { clientId: "api", clientSecret: "stub-secret" };
// Keyed by operationId, then by example name: every example case of the delete operations, from the demo data.
const fixtures = {
  // What the verifier cannot create itself (the rest it makes through the spec's links); {} takes the example as it is.
  "customer-profiles": {
    DeleteProfileObject: { Deleted: demoObject },
    PutProfileObjectType: { KeyOfNoField: {} },
    CreateProfile: { Created: {} },
    DeleteProfile: { Deleted: {} },
    PutProfileObject: { Put: {}, InvalidObject: {} },
    ListProfileObjects: { Listed: {}, InvalidNextToken: {} },
  },
  "access-profiles": {
    deleteAccessProfile: { Deleted: { id: unusedAccessProfile }, InUse: { id: "2c9180835d191a86015d28455b4a2329" } },
  },
};
const credentials = (api: VerifyOptions["api"]) =>
  api === "customer-profiles" ? { aws } : { client, forbidden, userless };

let stub: TestStub;
const servers: DriftingServer[] = [];
beforeAll(async () => {
  stub = await startTestStub();
});
beforeEach(async () => {
  const { createStubAdminClient } = await import("../client/index.ts");
  await createStubAdminClient({ baseUrl: stub.baseUrl }).reset();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await stub.close();
});

async function drifting(drift?: Drift): Promise<DriftingServer> {
  const server = await driftingServer(stub.baseUrl, drift);
  servers.push(server);
  return server;
}

const outcomes = (report: VerifyReport) => Object.fromEntries(report.cases.map((c) => [c.id, c.outcome]));
/** What a case is expected to come to against a stub that conforms, when sent without fixtures. */
const expectedWithout = (c: VerifyReport["cases"][number]) =>
  c.kind === "not verifiable" ? "not verifiable" : c.kind === "example" || c.kind === "again" ? "skipped" : "passed";
/** The operations of an API with a method, from its bundled spec. */
const operationsByMethod = (api: VerifyOptions["api"], method: string): string[] =>
  Object.values<Record<string, { operationId: string }>>(
    JSON.parse(readFileSync(fileURLToPath(new URL(`../generated/${api}.openapi.json`, import.meta.url)), "utf8")).paths,
  ).flatMap((item) => (item[method.toLowerCase()] ? [item[method.toLowerCase()]!.operationId] : []));
/** The operations of an API that document every status given, from its bundled spec. */
const operationsDocumenting = (api: VerifyOptions["api"], statuses: number[]): string[] =>
  Object.values<Record<string, { operationId: string; responses: Record<string, unknown> }>>(
    JSON.parse(readFileSync(fileURLToPath(new URL(`../generated/${api}.openapi.json`, import.meta.url)), "utf8")).paths,
  ).flatMap((item) =>
    Object.values(item)
      .filter((op) => statuses.every((s) => String(s) in (op.responses ?? {})))
      .map((op) => op.operationId),
  );
/**
 * Fixtures for every request example of every operation, with no values of their own: the
 * examples' values name the stub's demo data already.
 */
const everyExample = (api: VerifyOptions["api"]) => {
  const spec = JSON.parse(
    readFileSync(fileURLToPath(new URL(`../generated/${api}.openapi.json`, import.meta.url)), "utf8"),
  );
  const resolve = (node: any) =>
    node?.$ref
      ? node.$ref
          .split("/")
          .slice(1)
          .reduce((o: any, k: string) => o[k], spec)
      : node;
  const fixtures: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const item of Object.values<any>(spec.paths))
    for (const op of Object.values<any>(item)) {
      const names = [
        ...(op.parameters ?? []).flatMap((p: any) => Object.keys(resolve(p).examples ?? {})),
        ...Object.values<any>(resolve(op.requestBody)?.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {})),
      ];
      fixtures[op.operationId] = Object.fromEntries(names.map((name) => [name, {}]));
    }
  return fixtures;
};
/** The operations that delete: DELETEs, and those named Delete… (AWS's deletes are POSTs to …/delete). */
const deletes = (api: VerifyOptions["api"]) => [
  ...operationsByMethod(api, "DELETE"),
  ...operationsByMethod(api, "POST").filter((id) => /^Delete[A-Z]/.test(id)),
];
/** The totals line of a summary, counted from a report. */
const totals = (report: VerifyReport) => {
  const n = (outcome: string) => report.cases.filter((c) => c.outcome === outcome).length;
  return `${report.cases.length} cases: ${n("passed")} passed, ${n("failed")} failed, ${n("skipped")} skipped, ${n("not verifiable")} not verifiable.`;
};
const failed = (report: VerifyReport) =>
  Object.fromEntries(report.cases.filter((c) => c.outcome === "failed").map((c) => [c.id, c.problems]));

describe("against the stub", () => {
  test("Customer Profiles: every safe case passes; the destructive ones are skipped, saying why; 429 and 500 are not verifiable", async () => {
    const report = await verify({ api: "customer-profiles", baseUrl: stub.baseUrl, aws });
    expect(report.conforms).toBe(true);
    expect(outcomes(report)).toEqual(Object.fromEntries(report.cases.map((c) => [c.id, expectedWithout(c)])));
    // Every operation of the spec has its cases.
    const all = ["GET", "PUT", "POST", "DELETE", "PATCH"].flatMap((m) => operationsByMethod("customer-profiles", m));
    expect(new Set(report.cases.map((c) => c.operationId))).toEqual(new Set(all));
    expect(
      report.cases.filter((c) => c.status === 429 || c.status >= 500).every((c) => c.kind === "not verifiable"),
    ).toBe(true);
    // What the spec's links let the verifier create runs with --destructive alone; the rest needs fixtures too.
    for (const c of report.cases.filter((c) => c.destructive))
      expect(c.reason).toMatch(
        /^destructive: runs only with --destructive and --fixtures$|^destructive: runs only with --destructive, which creates what it needs through \w+(, \w+)* when no fixture names it$|^needs a fixture, or --destructive to create what it reads through \w+(, \w+)*$/,
      );
    expect(
      report.cases.filter((c) => c.destructive && /creates what it needs|to create what it reads/.test(c.reason ?? ""))
        .length,
    ).toBeGreaterThan(0);
    // Nothing was deleted.
    expect(
      stub.store.customerProfiles.deleteObject(
        demoObject.DomainName,
        demoObject.ProfileId,
        demoObject.ObjectTypeName,
        demoObject.ProfileObjectUniqueKey,
      ),
    ).toBe("deleted");
  });

  test.each(["access-profiles", "access-profiles-v1"] as const)(
    "%s: every safe case passes, the 403s of a user lacking the authority and of an API client of no user included",
    async (api) => {
      const report = await verify({ api, baseUrl: stub.baseUrl, client, forbidden, userless });
      expect(report.conforms).toBe(true);
      expect(failed(report)).toEqual({});
      expect(outcomes(report)).toEqual(Object.fromEntries(report.cases.map((c) => [c.id, expectedWithout(c)])));
      // Every operation documenting 403 beside 401 had both cases, and they passed.
      for (const kind of ["forbidden", "userless"]) {
        const cases = report.cases.filter((c) => c.kind === kind);
        expect(cases.length, kind).toBe(operationsDocumenting(api, [401, 403]).length);
        expect(cases.every((c) => c.outcome === "passed")).toBe(true);
      }
      expect(stub.store.accessProfiles.find(unusedAccessProfile)).toBeDefined();
    },
  );

  test("without an API client of no user, its case is skipped and says what it needs", async () => {
    const report = await verify({ api: "access-profiles-v1", baseUrl: stub.baseUrl, client, forbidden });
    const cases = report.cases.filter((c) => c.kind === "userless");
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases)
      expect(c).toMatchObject({ outcome: "skipped", reason: expect.stringMatching(/--userless-client-id/) });
  });

  test.each(["customer-profiles", "access-profiles"] as const)(
    "%s: with --destructive and a fixture for every example (the demo data they name), every example case passes too",
    async (api) => {
      const report = await verify({
        api,
        baseUrl: stub.baseUrl,
        ...credentials(api),
        destructive: true,
        fixtures: everyExample(api),
      });
      expect(failed(report)).toEqual({});
      const named = report.cases.filter((c) => c.kind === "example" || c.kind === "again");
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((c) => c.outcome !== "passed").map((c) => c.id)).toEqual([]);
      // A successful DELETE, and only that, is sent again and must find nothing.
      for (const c of named.filter((c) => c.kind === "example" && c.status < 300))
        expect(
          named.some((a) => a.kind === "again" && a.operationId === c.operationId && a.title.startsWith(c.title)),
          c.id,
        ).toBe(deletes(api).includes(c.operationId));
      if (api === "access-profiles") expect(stub.store.accessProfiles.find(unusedAccessProfile)).toBeUndefined();
    },
  );

  test("--compare-with-stub: the stub against an in-process stub differs nowhere", async () => {
    const report = await verify({
      api: "access-profiles",
      baseUrl: stub.baseUrl,
      client,
      forbidden,
      userless,
      compareWithStub: true,
    });
    expect(report.comparedWithStub).toBe(true);
    expect(report.cases.filter((c) => c.drift.length > 0)).toEqual([]);
    const sent = report.cases.filter((c) => c.outcome === "passed");
    expect(sent.length).toBe(report.cases.filter((c) => expectedWithout(c) === "passed").length);
    for (const c of sent) expect(c.stub?.outcome).toBe("passed");
    expect(new Set(report.exchanges.map((e) => e.target))).toEqual(new Set(["target", "stub"]));
  });

  test.each(["access-profiles", "access-profiles-v1"] as const)(
    "%s: --destructive without fixtures creates what it needs through the spec's links, compared with the stub, and leaves nothing behind",
    async (api) => {
      const target = await startTestStub();
      try {
        const before = target.store.accessProfiles.all().length;
        const report = await verify({
          api,
          baseUrl: target.baseUrl,
          client,
          forbidden,
          userless,
          destructive: true,
          compareWithStub: true,
        });
        expect(failed(report)).toEqual({});
        expect(report.cases.filter((c) => c.drift.length > 0).map((c) => c.id)).toEqual([]);
        // Every success of the create and of what its links lead to ran, with no fixture given.
        const v = api.endsWith("v1") ? "V1" : "";
        const made = report.cases.filter((c) => c.kind === "example" && c.status < 300 && c.provisioned);
        expect(made.map((c) => [c.operationId, c.outcome]).sort()).toEqual([
          [`createAccessProfile${v}`, "passed"],
          [`deleteAccessProfile${v}`, "passed"],
          [`getAccessProfile${v}`, "passed"],
          [`patchAccessProfile${v}`, "passed"],
          [`patchAccessProfile${v}`, "passed"],
        ]);
        // A patch refused whatever the profile is sent to one of the verifier's, as its example says.
        for (const example of ["SourceAlone", "NotPatchable"]) {
          const refused = report.cases.find((c) => c.id === `patchAccessProfile${v} 400 example ${example}`);
          expect(refused).toMatchObject({ outcome: "passed", provisioned: true });
          expect(refused?.request?.url).not.toContain("2c9180835d191a86015d28455b4a2402");
        }
        const again = report.cases.find((c) => c.kind === "again");
        expect(again?.outcome).toBe("passed");
        // Each create named its access profile as the verifier's.
        const creates = report.exchanges.filter(
          (e) => e.target === "target" && e.request.method === "POST" && e.response?.status === 201,
        );
        expect(creates.length).toBeGreaterThanOrEqual(3);
        for (const e of creates)
          expect((e.request.body as { name: string }).name).toMatch(/^contract-stubs-verify-[0-9a-f]{8}$/);
        // What a case did not delete was deleted at the end; the target holds what it held.
        expect(report.cleanup.length).toBeGreaterThan(0);
        expect(report.cleanup.every((c) => c.deleted && c.status === 204)).toBe(true);
        expect(target.store.accessProfiles.all()).toHaveLength(before);
        // What it cannot make (a profile in use, a name taken) is skipped, saying why.
        expect(report.cases.find((c) => c.title === "example InUse")).toMatchObject({
          outcome: "skipped",
          reason: expect.stringMatching(/^needs a fixture \(--fixtures\): the verifier cannot create/),
        });
        expect(summaryText(report)).toMatch(
          /\nDeleted the \d+ things it created and no case deleted\.\nThe target conforms\.\n$/,
        );
      } finally {
        await target.close();
      }
    },
  );

  test("Customer Profiles: --destructive without fixtures makes what each example acts on (its object type, profile and object), compared with the stub, and leaves nothing behind", async () => {
    const target = await startTestStub();
    try {
      const before = structuredClone(target.store.snapshot().customerProfiles);
      const report = await verify({
        api: "customer-profiles",
        baseUrl: target.baseUrl,
        aws,
        destructive: true,
        compareWithStub: true,
      });
      expect(failed(report)).toEqual({});
      expect(report.cases.filter((c) => c.drift.length > 0).map((c) => c.id)).toEqual([]);
      // Every example case ran, the delete of a profile object and its repeat among them.
      const named = report.cases.filter((c) => c.kind === "example" || c.kind === "again");
      expect(named.filter((c) => c.outcome !== "passed").map((c) => c.id)).toEqual([]);
      for (const id of [
        "DeleteProfileObject 200 example Deleted",
        "DeleteProfileObject 404 example Deleted again, once done",
      ])
        expect(report.cases.find((c) => c.id === id)).toMatchObject({ outcome: "passed" });
      // Made in order, each under a name of the verifier's: the type, the profile, then the object.
      const sent = report.exchanges.filter(
        (e) => e.target === "target" && e.caseId?.startsWith("DeleteProfileObject 200"),
      );
      expect(sent.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
        expect.stringMatching(/^PUT \/domains\/DemoDomain\/object-types\/contract-stubs-verify-[0-9a-f]{8}$/),
        "POST /domains/DemoDomain/profiles",
        "PUT /domains/DemoDomain/profiles/objects",
        "POST /domains/DemoDomain/profiles/objects/delete",
      ]);
      expect((sent[1]!.request.body as { EmailAddress: string }).EmailAddress).toMatch(
        /^contract-stubs-verify-[0-9a-f]{8}@example\.com$/,
      );
      // What no case deleted, it deleted at the end: the target holds what it held.
      expect(report.cleanup.map((c) => c.operationId).sort()).toEqual(
        expect.arrayContaining(["DeleteProfile", "DeleteProfileObjectType"]),
      );
      expect(report.cleanup.every((c) => c.deleted && c.status === 200)).toBe(true);
      expect(target.store.snapshot().customerProfiles).toEqual(before);
    } finally {
      await target.close();
    }
  });

  test("Customer Profiles: a call that fails to make what a case acts on fails the case, saying which; what the calls before it made is deleted", async () => {
    const target = await startTestStub();
    try {
      const before = structuredClone(target.store.snapshot().customerProfiles);
      const server = await driftingServer(target.baseUrl, (request, answer) =>
        request.method === "POST" && /\/profiles$/.test(request.url) ? { ...answer, status: 500 } : undefined,
      );
      servers.push(server);
      const report = await verify({ api: "customer-profiles", baseUrl: server.url, aws, destructive: true });
      expect(report.cases.find((c) => c.id === "DeleteProfileObject 200 example Deleted")).toMatchObject({
        outcome: "failed",
        problems: [
          "could not arrange what it acts on: CreateProfile (2 of 3) answered 500, where a success was expected",
        ],
      });
      expect(
        report.cases.find((c) => c.id === "DeleteProfileObject 404 example Deleted again, once done"),
      ).toMatchObject({ outcome: "skipped" });
      // The object types the first calls put are gone; the profiles the 500s hid are what remains.
      const types = (snapshot: typeof before) =>
        snapshot.objectTypes?.map((t) => `${t.domainName}/${t.objectTypeName}`);
      expect(types(target.store.snapshot().customerProfiles)).toEqual(types(before));
    } finally {
      await target.close();
    }
  });

  test("an arrangement that names what the spec lacks, an expression it cannot read, or goes round is refused before anything is sent", () => {
    const arranged = (edit: (examples: Record<string, { "x-contract-stubs-arrange"?: unknown }>) => void) => {
      const spec = structuredClone(loadSpec("customer-profiles"));
      edit((spec.components as { examples: Record<string, { "x-contract-stubs-arrange"?: unknown }> }).examples);
      return () => planCases(spec, new SchemaChecker(spec), { destructive: true, forbidden: false });
    };
    expect(arranged(() => {})).not.toThrow();
    expect(
      arranged((examples) => {
        examples.DeleteProfileRequest_Deleted!["x-contract-stubs-arrange"] = {
          steps: [{ operationId: "CreateProfile", example: "Made" }],
        };
      }),
    ).toThrow("x-contract-stubs-arrange names CreateProfile example Made, which the spec lacks");
    expect(
      arranged((examples) => {
        examples.DeleteProfileRequest_Deleted!["x-contract-stubs-arrange"] = {
          steps: [{ operationId: "CreateProfile", example: "Created" }],
          values: { ProfileId: "{$steps.CreateProfile.response.header.Location}" },
        };
      }),
    ).toThrow("{$steps.CreateProfile.response.header.Location} is not an expression the verifier reads");
    expect(
      arranged((examples) => {
        examples.CreateProfileRequest_Created!["x-contract-stubs-arrange"] = {
          steps: [{ operationId: "DeleteProfile", example: "Deleted" }],
        };
      }),
    ).toThrow(
      /x-contract-stubs-arrange goes round: (\w+ example \w+ → )+(CreateProfile example Created|DeleteProfile example Deleted)$/,
    );
  });

  test("Customer Profiles with --domain: every case runs in the account's domain, but DomainNotFound's, and leaves it as it was", async () => {
    const target = await startTestStub();
    try {
      const before = structuredClone(target.store.snapshot().customerProfiles);
      const report = await verify({
        api: "customer-profiles",
        baseUrl: target.baseUrl,
        aws,
        destructive: true,
        compareWithStub: true,
        pathValues: { DomainName: "RetailDomain" },
      });
      expect(failed(report)).toEqual({});
      // What it made itself, it made in that domain, and passed.
      const made = report.cases.filter((c) => c.kind === "example" && c.status < 300 && c.provisioned);
      expect(made.length).toBeGreaterThan(0);
      const domains = new Set(
        report.exchanges
          .filter((e) => e.target === "target" && e.request.url.includes("/domains/"))
          .map((e) => new URL(e.request.url).pathname.split("/")[2]),
      );
      expect(domains).toContain("RetailDomain");
      expect(domains).not.toContain("DemoDomain");
      expect(target.store.snapshot().customerProfiles).toEqual(before);
    } finally {
      await target.close();
    }
  });

  test("interrupted, it sends no further case and still deletes what it created", async () => {
    const target = await startTestStub();
    try {
      const before = target.store.accessProfiles.all().length;
      const stop = new AbortController();
      const report = await verify({
        api: "access-profiles",
        baseUrl: target.baseUrl,
        client,
        destructive: true,
        signal: stop.signal,
        // Stopped once the create has made an access profile that no case will delete.
        onCase: (result) => {
          if (result.operationId === "createAccessProfile" && result.kind === "example") stop.abort();
        },
      });
      expect(report.interrupted).toBe(true);
      expect(report.conforms).toBe(false);
      expect(report.cases.at(-1)?.operationId).toBe("createAccessProfile");
      expect(report.cleanup).toEqual([
        expect.objectContaining({ operationId: "deleteAccessProfile", status: 204, deleted: true }),
      ]);
      expect(target.store.accessProfiles.all()).toHaveLength(before);
      expect(summaryText(report)).toContain("Interrupted: the cases after the last one above were not sent.");
    } finally {
      await target.close();
    }
  });
});

describe("against servers that drift, each drift reported as exactly that, and nothing else", () => {
  const isNotFound = (answer: { status: number }) => answer.status === 404;
  /** The ids of the report's cases of a kind; there must be some, or the test would prove nothing. */
  const casesOf = (report: VerifyReport, kind: string) => {
    const ids = report.cases.filter((c) => c.kind === kind).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    return ids;
  };

  test.each<[string, Drift, string[]]>([
    [
      "an undocumented status",
      (_req, answer) => (isNotFound(answer) ? { ...answer, status: 410 } : undefined),
      ["status 410 (not documented), expected 404"],
    ],
    [
      "a body that breaks the schema",
      (_req, answer) => (isNotFound(answer) ? { ...answer, body: JSON.stringify({ message: "gone" }) } : undefined),
      ["body must have required property 'Message'", "body must NOT have additional properties"],
    ],
    [
      "a missing documented header",
      (_req, answer) => {
        if (!isNotFound(answer)) return undefined;
        const { "x-amzn-requestid": _, ...headers } = answer.headers;
        return { ...answer, headers };
      },
      ["header x-amzn-RequestId is missing; the spec requires it"],
    ],
    [
      "another error type name",
      (_req, answer) =>
        isNotFound(answer)
          ? { ...answer, headers: { ...answer.headers, "x-amzn-errortype": "NotFoundException" } }
          : undefined,
      ["error code NotFoundException, where the spec documents ResourceNotFoundException"],
    ],
  ])("Customer Profiles, %s", async (_drift, drift, problems) => {
    const server = await drifting(drift);
    const report = await verify({ api: "customer-profiles", baseUrl: server.url, aws });
    expect(report.conforms).toBe(false);
    expect(failed(report)).toEqual(Object.fromEntries(casesOf(report, "not found").map((id) => [id, problems])));
  });

  test("Access Profiles, a 403 where the spec says 401", async () => {
    const server = await drifting((_req, answer) => (answer.status === 401 ? { ...answer, status: 403 } : undefined));
    const report = await verify({ api: "access-profiles", baseUrl: server.url, client, forbidden });
    const refused = report.cases.filter((c) => c.status === 401).map((c) => c.id);
    expect(refused.length).toBeGreaterThan(0);
    expect(failed(report)).toEqual(
      Object.fromEntries(refused.map((id) => [id, ["status 403 (documented), expected 401"]])),
    );
  });

  test("Access Profiles, another detailCode, and an error without its trackingId", async () => {
    const server = await drifting((_req, answer) => {
      if (answer.status !== 404) return undefined;
      const { trackingId: _, ...body } = JSON.parse(answer.body);
      return { ...answer, body: JSON.stringify({ ...body, detailCode: "404 NotFound" }) };
    });
    const report = await verify({ api: "access-profiles", baseUrl: server.url, client, forbidden });
    const problems = [
      "body has no trackingId, which SailPoint's ErrorResponseDto always carries",
      "error code 404 NotFound, where the spec documents 404 Not found",
    ];
    expect(failed(report)).toEqual(Object.fromEntries(casesOf(report, "not found").map((id) => [id, problems])));
  });

  test("--compare-with-stub reports where the target answered differently from the stub", async () => {
    const server = await drifting((_req, answer) =>
      isNotFound(answer) ? { ...answer, status: 410, body: JSON.stringify({ message: "gone" }) } : undefined,
    );
    const report = await verify({ api: "customer-profiles", baseUrl: server.url, aws, compareWithStub: true });
    const drifted = report.cases.filter((c) => c.drift.length > 0);
    expect(drifted.map((c) => [c.id, c.drift])).toEqual(
      casesOf(report, "not found").map((id) => [id, ["status: target 410, stub 404"]]),
    );
    for (const c of drifted) expect(c.stub?.outcome).toBe("passed");
  });

  test("the same drift in the error code and the body's members, compared", async () => {
    const server = await drifting((_req, answer) =>
      isNotFound(answer)
        ? {
            ...answer,
            headers: { ...answer.headers, "x-amzn-errortype": "NotFoundException" },
            body: JSON.stringify({ message: "gone" }),
          }
        : undefined,
    );
    const report = await verify({ api: "customer-profiles", baseUrl: server.url, aws, compareWithStub: true });
    expect(report.cases.filter((c) => c.drift.length > 0).map((c) => c.drift)).toEqual(
      casesOf(report, "not found").map(() => [
        "error code: target NotFoundException, stub ResourceNotFoundException",
        "body: target {message}, stub {Message}",
      ]),
    );
  });
});

describe("the command", () => {
  const streams = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, streams: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
  };

  test("exit status 0 when the target conforms, 1 when a case fails, with the summary on stdout", async () => {
    const env = { SAIL_CLIENT_ID: client.clientId, SAIL_CLIENT_SECRET: client.clientSecret };
    const ok = streams();
    expect(await runVerify(["--api", "access-profiles", "--base-url", stub.baseUrl], env, ok.streams)).toBe(0);
    expect(ok.out.join("")).toMatch(/^contract-stubs verify: access-profiles at http:\/\/127\.0\.0\.1:\d+\n/);
    const expected = await verify({ api: "access-profiles", baseUrl: stub.baseUrl, client });
    expect(ok.out.join("")).toContain(`${totals(expected)}\nThe target conforms.\n`);
    const server = await drifting((_req, answer) => (answer.status === 404 ? { ...answer, status: 410 } : undefined));
    const bad = streams();
    expect(await runVerify(["--api", "access-profiles", "--base-url", server.url], env, bad.streams)).toBe(1);
    expect(bad.out.join("")).toContain(
      "  FAILED   deleteAccessProfile 404 naming nothing that exists\n             status 410 (not documented), expected 404\n",
    );
  });

  test.each<[string, string[], Record<string, string>, RegExp]>([
    ["an unknown API", ["--api", "stub-admin", "--base-url", "http://127.0.0.1:1"], {}, /unknown API stub-admin/],
    ["no base URL", ["--api", "access-profiles"], {}, /--base-url is required/],
    [
      "an unknown option",
      ["--api", "access-profiles", "--base-url", "http://x", "--destroy"],
      {},
      /Unknown option '--destroy'/,
    ],
    [
      "missing AWS credentials",
      ["--api", "customer-profiles", "--base-url", "http://127.0.0.1:1"],
      { AWS_REGION: "us-east-1" },
      /needs AWS credentials and a Region/,
    ],
    [
      "a SailPoint base URL with /v3",
      ["--api", "access-profiles", "--base-url", "https://acme.api.identitynow.com/v3/"],
      { SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" },
      /the base URL is the service root, without \/v3: https:\/\/acme\.api\.identitynow\.com\n/,
    ],
    [
      "--domain for an API without domains",
      ["--api", "access-profiles", "--base-url", "http://127.0.0.1:1", "--domain", "x"],
      { SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" },
      /--domain is for customer-profiles/,
    ],
    [
      "a domain name the model refuses",
      ["--api", "customer-profiles", "--base-url", "http://127.0.0.1:1", "--domain", "no spaces"],
      { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "x" },
      /DomainName/,
    ],
    [
      "missing SailPoint credentials",
      ["--api", "access-profiles", "--base-url", "http://127.0.0.1:1"],
      {},
      /needs an OAuth client/,
    ],
  ])("exit status 2, with a clear message, for %s", async (_what, argv, env, message) => {
    const run = streams();
    expect(await runVerify(argv, env, run.streams)).toBe(2);
    expect(run.err.join("")).toMatch(message);
    expect(run.out).toEqual([]);
  });

  test("exit status 2 for a target nobody answers at", async () => {
    // A port that was free a moment ago, and is closed again.
    const closed = await drifting();
    await closed.close();
    const run = streams();
    const env = { SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" };
    expect(await runVerify(["--api", "access-profiles", "--base-url", closed.url], env, run.streams)).toBe(2);
    expect(run.err.join("")).toContain(`cannot reach ${closed.url}: ECONNREFUSED`);
  });

  test("exit status 2 for fixtures that do not fit the spec, naming each problem", async () => {
    const file = join(work, "bad-fixtures.json");
    writeFileSync(
      file,
      JSON.stringify({
        deleteAccessProfile: { Deleted: { id: "" }, Renamed: { id: "x" }, InUse: { name: "x" } },
        removeAccessProfile: { Deleted: { id: "x" } },
      }),
    );
    const run = streams();
    const env = { SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" };
    expect(
      await runVerify(
        ["--api", "access-profiles", "--base-url", stub.baseUrl, "--destructive", "--fixtures", file],
        env,
        run.streams,
      ),
    ).toBe(2);
    const said = run.err.join("");
    expect(said).toContain("deleteAccessProfile.Deleted.id must NOT have fewer than 1 characters");
    expect(said).toMatch(
      /deleteAccessProfile\.Renamed: the operation has no request example of that name \(it has Deleted, /,
    );
    expect(said).toContain(
      "deleteAccessProfile.InUse.name: the request has no parameter or body property of that name",
    );
    expect(said).toMatch(/removeAccessProfile: the spec has no operation of that id \(it has [^)]*deleteAccessProfile/);
  });

  test("exit status 2 for fixtures keyed by example name alone, naming the form to use", async () => {
    const file = join(work, "old-fixtures.json");
    writeFileSync(file, JSON.stringify({ Deleted: { id: unusedAccessProfile } }));
    const run = streams();
    const argv = ["--api", "access-profiles", "--base-url", stub.baseUrl, "--fixtures", file];
    expect(await runVerify(argv, { SAIL_CLIENT_ID: "org-admin", SAIL_CLIENT_SECRET: "stub-secret" }, run.streams)).toBe(
      2,
    );
    expect(run.err.join("")).toContain(
      'Deleted: fixtures are keyed by operationId, then example name: {"deleteAccessProfile": {"Deleted": {…}}}',
    );
  });

  test("--dry-run prints every request it would send, secrets redacted, and sends nothing", async () => {
    const server = await drifting();
    const run = streams();
    const env = {
      AWS_ACCESS_KEY_ID: aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
      AWS_REGION: "us-east-1",
    };
    expect(
      await runVerify(
        [
          "--api",
          "customer-profiles",
          "--base-url",
          server.url,
          "--dry-run",
          "--destructive",
          "--fixtures",
          writeFixtures("customer-profiles"),
        ],
        env,
        run.streams,
      ),
    ).toBe(0);
    expect(server.crossed).toEqual([]);
    const out = run.out.join("");
    expect(out).toContain("(dry run: nothing sent)");
    const plan = await verify({
      api: "customer-profiles",
      baseUrl: server.url,
      aws,
      dryRun: true,
      destructive: true,
      fixtures: fixtures["customer-profiles"],
    });
    const planned = plan.cases.filter((c) => c.outcome === "planned");
    expect(out.match(/ {13}(GET|PUT|POST|DELETE|PATCH) http:\/\/127\.0\.0\.1:\d+\/domains\/\S+\n/g)).toHaveLength(
      planned.length,
    );
    expect(out).toMatch(
      /authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/profile\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=\[REDACTED\]/,
    );
    const notVerifiable = plan.cases.filter((c) => c.outcome === "not verifiable").length;
    expect(out).toContain(`${planned.length} planned, 0 passed, 0 failed, 0 skipped, ${notVerifiable} not verifiable.`);
  });

  test("--dry-run without fixtures shows the calls that would make what each case acts on, before its request", async () => {
    const server = await drifting();
    const plan = await verify({ api: "customer-profiles", baseUrl: server.url, aws, dryRun: true, destructive: true });
    expect(server.crossed).toEqual([]);
    const deleted = plan.cases.find((c) => c.id === "DeleteProfileObject 200 example Deleted");
    expect(deleted?.before).toEqual([
      expect.stringMatching(/^PUT \/domains\/DemoDomain\/object-types\/contract-stubs-verify-[0-9a-f]{8}$/),
      "POST /domains/DemoDomain/profiles",
      "PUT /domains/DemoDomain/profiles/objects",
    ]);
    expect(deleted?.request?.body).toMatchObject({ ProfileId: "<$steps.CreateProfile.response.body#/ProfileId>" });
    expect(summaryText(plan)).toMatch(
      /planned {2}DeleteProfileObject 200 example Deleted\n {13}first, to make what it acts on:\n {15}PUT \/domains\/DemoDomain\/object-types\/contract-stubs-verify-[0-9a-f]{8}\n {15}POST \/domains\/DemoDomain\/profiles\n {15}PUT \/domains\/DemoDomain\/profiles\/objects\n {13}POST http/,
    );
  });

  const awsEnv = {
    AWS_ACCESS_KEY_ID: aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
    AWS_REGION: "us-east-1",
  };
  const sailEnv = { SAIL_CLIENT_ID: client.clientId, SAIL_CLIENT_SECRET: client.clientSecret };

  test("exit status 2, not a failure of the target, when the target refuses the AWS credentials", async () => {
    const run = streams();
    const env = { ...awsEnv, AWS_SECRET_ACCESS_KEY: "not-the-secret-of-this-key" };
    expect(await runVerify(["--api", "customer-profiles", "--base-url", stub.baseUrl], env, run.streams)).toBe(2);
    expect(run.err.join("")).toMatch(
      /^contract-stubs verify: the target refused the credentials it was given: "\w+ \d{3} [^"]+" was answered 403 \w+Exception, as a request with wrong or insufficient credentials is\. Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN/,
    );
    expect(run.out.join("")).not.toMatch(/does not conform|FAILED/);
  });

  test("exit status 2 when the API refuses the token its own token endpoint granted", async () => {
    const refusing = await drifting((request, answer) =>
      request.url.startsWith("/v3/") && answer.status !== 401
        ? { ...answer, status: 401, body: JSON.stringify({ error: "JWT validation failed" }) }
        : undefined,
    );
    const run = streams();
    expect(await runVerify(["--api", "access-profiles", "--base-url", refusing.url], sailEnv, run.streams)).toBe(2);
    expect(run.err.join("")).toMatch(/the target refused the credentials it was given: .* was answered 401/);
  });

  test("--dry-run without credentials plans every case with placeholders, and says it verified nothing", async () => {
    const server = await drifting();
    for (const [api, placeholder] of [
      ["customer-profiles", /Credential=<AWS_ACCESS_KEY_ID>\/\d{8}\/<AWS_REGION>\/profile\/aws4_request/],
      [
        "access-profiles",
        /POST http:\/\/127\.0\.0\.1:\d+\/v3\/|DELETE http:\/\/127\.0\.0\.1:\d+\/v3\/access-profiles\//,
      ],
    ] as const) {
      const run = streams();
      expect(await runVerify(["--api", api, "--base-url", server.url, "--dry-run"], {}, run.streams)).toBe(0);
      const out = run.out.join("");
      expect(out).toMatch(placeholder);
      expect(out).toMatch(/\nNothing was sent, so this says nothing of whether the target conforms\.\n$/);
      expect(out).not.toContain("The target conforms.");
    }
    expect(server.crossed).toEqual([]);
  });

  test.each<[string, string[], RegExp]>([
    ["--timeout 0", ["--timeout", "0"], /--timeout must be a whole number of milliseconds, from 1/],
    ["a secret on the command line", ["--forbidden-client-secret", "x"], /Unknown option '--forbidden-client-secret'/],
  ])("exit status 2, before anything is sent, for %s", async (_what, extra, message) => {
    const server = await drifting();
    const run = streams();
    expect(
      await runVerify(["--api", "access-profiles", "--base-url", server.url, ...extra], sailEnv, run.streams),
    ).toBe(2);
    expect(run.err.join("")).toMatch(message);
    expect(run.out).toEqual([]);
    expect(server.crossed).toEqual([]);
  });

  test("--destructive with fixtures for only some examples names the missing ones and sends nothing", async () => {
    const server = await drifting();
    const file = join(work, "some-fixtures.json");
    writeFileSync(file, JSON.stringify({ deleteAccessProfile: { Deleted: { id: unusedAccessProfile } } }));
    const run = streams();
    const argv = ["--api", "access-profiles", "--base-url", server.url, "--destructive", "--fixtures", file];
    expect(await runVerify(argv, sailEnv, run.streams)).toBe(2);
    expect(run.err.join("")).toMatch(
      /and the fixtures name (\w+ \w+, )*deleteAccessProfile InUse(, \w+ \w+)*: give them/,
    );
    expect(run.err.join("")).not.toContain("deleteAccessProfile Deleted");
    expect(server.crossed).toEqual([]);
  });

  test("prints each case as it ends, before the next is sent; on a terminal, the case under way too", async () => {
    const printedWhenSent: number[] = [];
    const out: string[] = [];
    const server = await drifting((request) => {
      if (request.url.startsWith("/v3/")) printedWhenSent.push(out.join("").split("\n").length - 1);
      return undefined;
    });
    const code = await runVerify(["--api", "access-profiles", "--base-url", server.url], sailEnv, {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    // Before each case is sent, the cases before it are out: the count of printed lines grows
    // between any two requests.
    expect(printedWhenSent.length).toBeGreaterThan(1);
    for (let i = 1; i < printedWhenSent.length; i++)
      expect(printedWhenSent[i]!).toBeGreaterThan(printedWhenSent[i - 1]!);

    const tty: string[] = [];
    await runVerify(["--api", "access-profiles", "--base-url", server.url], sailEnv, {
      stdout: (t) => tty.push(t),
      stderr: () => undefined,
      isTTY: true,
    });
    const sending = tty.findIndex((t) => t.startsWith("  ...      deleteAccessProfile"));
    expect(sending).toBeGreaterThan(0);
    const clearLine = "\r\u001b[2K";
    expect(tty[sending + 1]!.startsWith(`${clearLine}  `)).toBe(true);
    // The same lines as without a terminal, once the progress marks are taken out.
    const shown = tty
      .join("")
      .split(clearLine)
      .map((part) => part.replace(/ {2}\.\.\. {6}[^\n]*$/, ""))
      .join("");
    expect(shown).toBe(out.join(""));
  });

  test("--json streams one object per case as it ends", async () => {
    const out: string[] = [];
    await runVerify(["--api", "access-profiles", "--base-url", stub.baseUrl, "--json"], sailEnv, {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect(out.length).toBeGreaterThan(1);
    for (const line of out) expect(JSON.parse(line)).toMatchObject({ api: "access-profiles", id: expect.any(String) });
  });

  test("SIGINT to `contract-stubs verify --destructive` stops it after the case under way, exit 130, what it made deleted", async () => {
    const target = await startTestStub();
    try {
      const before = target.store.accessProfiles.all().length;
      // Every get is slowed, so the signal arrives while cases are still to come.
      const armed = await fetch(`${target.baseUrl}/__stub/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ api: "access-profiles", operationId: "getAccessProfile", latencyMs: 1500, count: 50 }),
      });
      expect(armed.status).toBe(201);
      const command = runCommand(
        `${process.cwd()}/node_modules/.bin/tsx`,
        ["server/main.ts", "verify", "--api", "access-profiles", "--base-url", target.baseUrl, "--destructive"],
        { env: { ...process.env, ...sailEnv } },
      );
      // Sent once the create has made an access profile that no case has deleted yet.
      const deadline = Date.now() + 60_000;
      while (!/passed +createAccessProfile 201 example/.test(command.out())) {
        if (Date.now() > deadline) throw new Error(`no create passed:\n${command.out()}${command.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      command.child.kill("SIGINT");
      expect(await command.exited).toBe(130);
      expect(command.out()).toContain("Interrupted: the cases after the last one above were not sent.");
      expect(command.out()).toMatch(/\nDeleted the \d+ things? it created and no case deleted\.\n/);
      expect(target.store.accessProfiles.all()).toHaveLength(before);
    } finally {
      await target.close();
    }
  });

  test("runs as `contract-stubs verify`, from the command itself", async () => {
    const command = runCommand(
      `${process.cwd()}/node_modules/.bin/tsx`,
      ["server/main.ts", "verify", "--api", "customer-profiles", "--base-url", stub.baseUrl, "--region", "us-east-1"],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: aws.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.secretAccessKey } },
    );
    expect(await command.exited).toBe(0);
    const expected = await verify({ api: "customer-profiles", baseUrl: stub.baseUrl, aws });
    expect(command.out()).toContain(`${totals(expected)}\nThe target conforms.\n`);
  });
});

describe("the docs", () => {
  const page = fileURLToPath(new URL("../docs/verify.md", import.meta.url));

  test("show the summary the command prints for the command they show", async () => {
    const block = codeBlocks(page).find(
      (b) => b.lang === "text" && b.lines[0]?.startsWith("contract-stubs verify: access-profiles"),
    );
    const shown = block && `${block.lines.join("\n")}\n`;
    expect(shown).toBeDefined();
    const out: string[] = [];
    const env = {
      SAIL_CLIENT_ID: "org-admin",
      SAIL_CLIENT_SECRET: "stub-secret",
      SAIL_FORBIDDEN_CLIENT_SECRET: "stub-secret",
      SAIL_USERLESS_CLIENT_SECRET: "stub-secret",
    };
    const argv = [
      "--api",
      "access-profiles",
      "--base-url",
      stub.baseUrl,
      "--forbidden-client-id",
      "helpdesk",
      "--userless-client-id",
      "api",
      "--compare-with-stub",
    ];
    expect(await runVerify(argv, env, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) })).toBe(0);
    expect(out.join("").replaceAll(stub.baseUrl, "http://127.0.0.1:4010")).toBe(shown);
  });

  test("the nightly GitHub Actions job runs verify with options it takes", () => {
    const workflow = parse(
      readFileSync(new URL("../examples/github-actions/verify-nightly.yml", import.meta.url), "utf8"),
    );
    const runs = Object.values<{ steps: { run?: string }[] }>(workflow.jobs)
      .flatMap((job) => job.steps)
      .map((step) => step.run ?? "")
      .filter((run) => run.startsWith("npx contract-stubs verify "));
    expect(runs).toHaveLength(2);
    const env = {
      AWS_ACCESS_KEY_ID: "x",
      AWS_SECRET_ACCESS_KEY: "x",
      AWS_REGION: "eu-west-1",
      SAIL_FORBIDDEN_CLIENT_SECRET: "x",
    };
    for (const run of runs) {
      const argv = run
        .replace(/\$\{\{[^}]*\}\}/g, "x")
        .split(/\s+/)
        .slice(3)
        .map((arg) => arg.replace(/^"(.*)"$/, "$1"));
      expect(() => verifyOptions(argv, env)).not.toThrow();
      expect(verifyOptions(argv, env)).toMatchObject({ compareWithStub: true });
    }
  });
});

function writeFixtures(api: keyof typeof fixtures): string {
  const file = join(work, `${api}-fixtures.json`);
  writeFileSync(file, JSON.stringify(fixtures[api]));
  return file;
}

test("no secret reaches the summary, the JSON, the JUnit file or the HAR", async () => {
  const data = (await import("./support/stub.ts")).demoData();
  const session = {
    accessKeyId: "ASIAVERIFYSESSION001",
    secretAccessKey: "verify-session-secret-0123",
    sessionToken: "verify-session-token-4567",
  };
  data.customerProfiles.credentials.push(session);
  const own = await startTestStub({ data });
  const server = await driftingServer(own.baseUrl);
  servers.push(server);
  try {
    const outputs: string[] = [];
    const junit = join(work, "report.xml");
    const har = join(work, "report.har");
    const run = async (api: keyof typeof fixtures, env: Record<string, string>, extra: string[] = []) => {
      for (const format of [[], ["--json"]]) {
        const text: string[] = [];
        const code = await runVerify(
          [
            "--api",
            api,
            "--base-url",
            server.url,
            "--junit",
            junit,
            "--har",
            har,
            "--compare-with-stub",
            ...format,
            ...extra,
          ],
          env,
          { stdout: (t) => text.push(t), stderr: (t) => text.push(t) },
        );
        expect(code, text.join("")).toBe(0);
        outputs.push(text.join(""), readFileSync(junit, "utf8"), readFileSync(har, "utf8"));
      }
    };
    await run("customer-profiles", {
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      AWS_REGION: "us-east-1",
    });
    await run(
      "access-profiles",
      {
        SAIL_CLIENT_ID: client.clientId,
        SAIL_CLIENT_SECRET: client.clientSecret,
        SAIL_FORBIDDEN_CLIENT_SECRET: forbidden.clientSecret,
      },
      ["--forbidden-client-id", forbidden.clientId],
    );
    // What actually crossed the wire: every signature, token and secret the runs sent or received.
    const onTheWire = server.crossed.flatMap((c) => [
      /Signature=([0-9a-f]{64})/.exec(String(c.requestHeaders.authorization))?.[1],
      /^Bearer (\S+)$/.exec(String(c.requestHeaders.authorization))?.[1],
      c.requestHeaders["x-amz-security-token"] as string | undefined,
      /access_token":"([^"]+)"/.exec(c.answer.body)?.[1],
    ]);
    const secrets = [...new Set(onTheWire.filter((s): s is string => Boolean(s)))];
    expect(secrets.length).toBeGreaterThan(10);
    secrets.push(session.secretAccessKey, session.sessionToken, client.clientSecret);
    expect(server.crossed.some((c) => c.requestBody.includes(`client_secret=${client.clientSecret}`))).toBe(true);
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
    // What is kept is what helps: the request, the key id and scope, the redaction marks.
    const all = outputs.join("\n");
    expect(all).toContain("Credential=ASIAVERIFYSESSION001/");
    expect(all).toContain("Bearer [REDACTED]");
    expect(all).toContain("client_secret=[REDACTED]");
    // The JUnit file is XML a CI system can read; the HAR is HAR.
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, "utf8"));
    // The last run's report (Access Profiles), a test case per case.
    const cases = (await verify({ api: "access-profiles", baseUrl: own.baseUrl, client, forbidden })).cases;
    expect(parsed.testsuites.testsuite.testcase.length).toBe(cases.length);
    const archive = JSON.parse(readFileSync(har, "utf8"));
    expect(archive.log.entries.length).toBeGreaterThan(8);
    expect(validHar(archive), JSON.stringify(validHar.errors)).toBe(true);
  } finally {
    await own.close();
  }
});
