// createAccessProfile's own behaviour beyond one answer per status: each refusal, who may create on
// which source, the lifecycle a test of a delete runs (create → read → delete → gone), and hundreds
// of concurrent creates, deletes and lists against a model of the state.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAccessProfilesClient, createAccessProfilesV1Client } from "../../client/index.ts";
import type { components } from "../../generated/access-profiles.d.ts";
import { startTestStub, type TestStub } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

let stub: TestStub;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterEach(async () => {
  await stub.close();
});

type NewProfile = components["schemas"]["AccessProfile"];
const activeDirectory = "2c9180835d191a86015d28455b4a0001";
const workday = "2c9180835d191a86015d28455b4a0002";
const sam = "2c9180a46faadee4016fb4e018c20640";
const vpnUsers = "2c9180835d191a86015d28455b4e0103";
const profile = (overrides: Partial<NewProfile> = {}): NewProfile => ({
  name: "Contractor VPN",
  owner: { type: "IDENTITY", id: sam },
  source: { type: "SOURCE", id: activeDirectory },
  entitlements: [{ type: "ENTITLEMENT", id: vpnUsers }],
  enabled: true,
  ...overrides,
});

const client = async (claims?: Parameters<typeof token>[0]) =>
  createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token(claims), retry: false });
const create = async (body: NewProfile, claims?: Parameters<typeof token>[0]) =>
  (await client(claims)).raw.POST("/access-profiles", { body });
const causeOf = (error: unknown) => (error as { causes?: { text: string }[] }).causes?.[0]?.text;

describe("POST /access-profiles", () => {
  test.each<[string, Partial<NewProfile>, string]>([
    ["a name another has", { name: "Payroll Approvers" }, 'An access profile named "Payroll Approvers" already exists'],
    ["a blank name", { name: "  " }, "name must not be blank."],
    ["an owner without an id", { owner: { type: "IDENTITY" } }, "owner.id is required"],
    ["an owner no identity is", { owner: { id: "2c9180a46faadee4016fb4e018c29999" } }, "The owner's identity"],
    ["a source without an id", { source: { type: "SOURCE" } }, "source.id is required"],
    ["a source that does not exist", { source: { id: "2c9180835d191a86015d28455b4a0999" } }, "The source"],
    ["another source's entitlement", { source: { id: workday } }, `The entitlement "${vpnUsers}" is not one of`],
    [
      "enabled without an entitlement",
      { entitlements: [] },
      "An enabled access profile needs at least one entitlement.",
    ],
    ["a description over 2,000 characters", { description: "x".repeat(2001) }, "description is longer than 2000"],
  ])("refuses %s with 400 naming the cause, and creates nothing", async (_, overrides, cause) => {
    const before = stub.store.snapshot();
    const { error, response } = await create(profile(overrides));
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ detailCode: "400.1 Bad Request Content" });
    expect(causeOf(error)).toContain(cause);
    expect(stub.store.snapshot()).toEqual(before);
  });

  test("an access profile that is not enabled may have no entitlements", async () => {
    const { data } = await create(profile({ enabled: false, entitlements: undefined }));
    expect(data).toMatchObject({ enabled: false, requestable: true, entitlements: [], segments: [] });
  });

  test("a source sub-admin creates on a source it administers, and only there", async () => {
    const subadmin = { clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] };
    expect((await create(profile(), subadmin)).response.status).toBe(201);
    const refused = await create(
      profile({ name: "Payroll Extras", source: { id: workday }, entitlements: [] }),
      subadmin,
    );
    expect(refused.response.status).toBe(403);
    expect(causeOf(refused.error)).toContain('may not create access profiles of the source "Workday"');
  });

  test("a role admin creates on any source, as the official user levels allow; a helpdesk user on none", async () => {
    expect((await create(profile(), { authorities: ["ROLE_ADMIN"] })).response.status).toBe(201);
    const helpdesk = await create(profile({ name: "Other" }), { clientId: "helpdesk", authorities: ["HELPDESK"] });
    expect(helpdesk.response.status).toBe(403);
  });

  test("a test's lifecycle: create, read and list it, delete it, then reading and deleting it are 404", async () => {
    const sailpoint = await client();
    const { data: created } = await create(profile());
    const id = created!.id!;
    expect((await sailpoint.raw.GET("/access-profiles/{id}", { params: { path: { id } } })).data).toEqual(created);
    const listed = await sailpoint.raw.GET("/access-profiles", { params: { query: { filters: `id eq "${id}"` } } });
    expect(listed.data).toEqual([created]);
    expect((await sailpoint.deleteAccessProfile(id)).response.status).toBe(204);
    const gone = await sailpoint.raw.GET("/access-profiles/{id}", { params: { path: { id } } });
    expect(gone.error).toMatchObject({ detailCode: "404 Not found" });
    expect((await sailpoint.deleteAccessProfile(id)).error?.detailCode).toBe("404 Not found");
  });

  test("what v3 creates, v1 reads and deletes: one state", async () => {
    const { data: created } = await create(profile());
    const v1 = createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken: await token(), retry: false });
    const read = await v1.raw.GET("/access-profiles/v1/{id}", { params: { path: { id: created!.id! } } });
    expect(read.data).toEqual(created);
    expect((await v1.deleteAccessProfileV1(created!.id!)).response.status).toBe(204);
    expect(stub.store.accessProfiles.find(created!.id!)).toBeUndefined();
  });

  test("300 concurrent creates, deletes and lists leave the state the model says", async () => {
    const sailpoint = await client();
    const demoCount = stub.store.accessProfiles.all().length;
    // 100 names, each created twice at once: one create of each pair succeeds, the other is refused.
    const names = Array.from({ length: 100 }, (_, i) => `Concurrent ${String(i).padStart(3, "0")}`);
    const creates = names.flatMap((name) => [create(profile({ name })), create(profile({ name }))]);
    const lists = Array.from({ length: 50 }, () =>
      sailpoint.raw.GET("/access-profiles", { params: { query: { filters: 'name sw "Concurrent"', count: true } } }),
    );
    const created = await Promise.all(creates);
    const listed = await Promise.all(lists);
    const ids = created.flatMap(({ data }) => (data ? [data.id!] : []));
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(created.filter(({ response }) => response.status === 400)).toHaveLength(100);
    // Every list saw a consistent state: its total equals what it listed, never more than were made.
    for (const { data, response } of listed) {
      expect(Number(response.headers.get("x-total-count"))).toBe(data!.length);
      expect(data!.length).toBeLessThanOrEqual(100);
    }
    // Half of them deleted at once, each twice: one 204 and one 404 per id.
    const doomed = ids.filter((_, i) => i % 2 === 0);
    const deletes = await Promise.all(
      doomed.flatMap((id) => [sailpoint.deleteAccessProfile(id), sailpoint.deleteAccessProfile(id)]),
    );
    const statuses = deletes.map(({ response }) => response.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(50);
    expect(statuses.filter((s) => s === 404)).toHaveLength(50);
    // The model: the demo data, plus the 100 made, less the 50 deleted.
    const survivors = ids.filter((_, i) => i % 2 === 1);
    expect(stub.store.accessProfiles.all()).toHaveLength(demoCount + 50);
    const { data, response } = await sailpoint.raw.GET("/access-profiles", {
      params: { query: { filters: 'name sw "Concurrent"', sorters: "name", count: true } },
    });
    expect(response.headers.get("x-total-count")).toBe("50");
    expect(new Set(data!.map((p) => p.id))).toEqual(new Set(survivors));
  });
});
