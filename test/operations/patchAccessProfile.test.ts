// patchAccessProfile's own behaviour beyond one answer per status: what may be patched, each
// refusal leaving the state as it was, the RFC 6902 operations, who may move a profile where,
// and concurrent patches of one name.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAccessProfilesClient, createAccessProfilesV1Client } from "../../client/index.ts";
import type { components } from "../../generated/access-profiles.d.ts";
import { startTestStub, type TestStub, unusedAccessProfile } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

let stub: TestStub;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterEach(async () => {
  await stub.close();
});

type JsonPatch = components["schemas"]["JsonPatch"];
const helpDeskTools = unusedAccessProfile; // Active Directory, entitlement HelpDesk
const helpDesk = "2c9180835d191a86015d28455b4e0101";
const vpnUsers = "2c9180835d191a86015d28455b4e0103";
const workday = "2c9180835d191a86015d28455b4a0002";
const salesforce = "2c9180835d191a86015d28455b4a0003";
const salesCloudUser = "2c9180835d191a86015d28455b4e0301";
const entitlement = (id: string) => ({ type: "ENTITLEMENT", id });

const client = async (claims?: Parameters<typeof token>[0]) =>
  createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token(claims), retry: false });
const patch = async (body: JsonPatch, claims?: Parameters<typeof token>[0], id = helpDeskTools) =>
  (await client(claims)).raw.PATCH("/access-profiles/{id}", {
    params: { path: { id } },
    headers: { "Content-Type": "application/json-patch+json" },
    body,
  });
const causesOf = (error: unknown) => ((error as { causes?: { text: string }[] }).causes ?? []).map((c) => c.text);

describe("PATCH /access-profiles/{id}", () => {
  test.each<[string, JsonPatch, string]>([
    ["the id", [{ op: "replace", path: "/id", value: "x" }], "Operation 0 (replace /id): id cannot be patched."],
    ["created", [{ op: "remove", path: "/created" }], "created cannot be patched."],
    ["a member the model does not have", [{ op: "add", path: "/colour", value: "red" }], "colour cannot be patched."],
    ["the whole document", [{ op: "replace", path: "", value: {} }], "the whole access profile cannot be patched"],
    [
      "a member the service patches and the stub does not keep",
      [{ op: "replace", path: "/accessRequestConfig", value: { commentsRequired: true } }],
      "the stub does not keep accessRequestConfig",
    ],
    ["a move from the id", [{ op: "move", from: "/id", path: "/name" }], "id cannot be patched."],
    [
      "the source alone",
      [{ op: "replace", path: "/source", value: { type: "SOURCE", id: salesforce } }],
      "/source can be patched only together with /entitlements",
    ],
    [
      "a path that does not exist",
      [{ op: "remove", path: "/entitlements/5" }],
      "Operation 0 (remove /entitlements/5): its path names nothing in the access profile.",
    ],
    [
      "a test that fails",
      [
        { op: "test", path: "/name", value: "Something Else" },
        { op: "replace", path: "/name", value: "Renamed" },
      ],
      "Operation 0 (test /name): the test failed",
    ],
    ["a move without from", [{ op: "move", path: "/name" }], "it needs from."],
    [
      "a value of the wrong type",
      [{ op: "replace", path: "/enabled", value: "yes" }],
      "The patched access profile's /enabled must be boolean.",
    ],
    ["a blank name", [{ op: "replace", path: "/name", value: " " }], "name must not be blank."],
    [
      "a name another has",
      [{ op: "replace", path: "/name", value: "Payroll Approvers" }],
      'An access profile named "Payroll Approvers" already exists',
    ],
    [
      "an owner no identity is",
      [{ op: "replace", path: "/owner", value: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c29999" } }],
      "The owner's identity",
    ],
    [
      "an entitlement of another source",
      [{ op: "add", path: "/entitlements/-", value: entitlement(salesCloudUser) }],
      `The entitlement "${salesCloudUser}" is not one of the source "Active Directory"`,
    ],
    [
      "a new source with the old source's entitlements",
      [
        { op: "replace", path: "/source", value: { type: "SOURCE", id: salesforce } },
        { op: "replace", path: "/entitlements", value: [entitlement(helpDesk)] },
      ],
      `The entitlement "${helpDesk}" is not one of the source "Salesforce"`,
    ],
    [
      "the last entitlement of an enabled profile removed",
      [{ op: "remove", path: "/entitlements/0" }],
      "An enabled access profile needs at least one entitlement.",
    ],
    [
      "a description over 2,000 characters",
      [{ op: "replace", path: "/description", value: "x".repeat(2001) }],
      "description is longer than 2000",
    ],
  ])("refuses %s with 400 naming the cause, and changes nothing", async (_, body, cause) => {
    const before = stub.store.snapshot();
    const { error, response } = await patch(body);
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ detailCode: "400.1 Bad Request Content" });
    expect(causesOf(error).join("\n")).toContain(cause);
    expect(stub.store.snapshot()).toEqual(before);
  });

  test("every operation RFC 6902 defines applies in order: test, add, copy, move, remove, replace", async () => {
    const { data, error } = await patch([
      { op: "test", path: "/name", value: "Help Desk Tools" },
      { op: "add", path: "/entitlements/0", value: entitlement(vpnUsers) },
      { op: "copy", from: "/name", path: "/description" },
      { op: "add", path: "/segments/-", value: "emea" },
      { op: "move", from: "/segments/0", path: "/segments/-" },
      { op: "remove", path: "/entitlements/1" },
      { op: "replace", path: "/requestable", value: false },
    ]);
    expect(error).toBeUndefined();
    expect(data).toMatchObject({
      name: "Help Desk Tools",
      description: "Help Desk Tools",
      entitlements: [{ id: vpnUsers, name: "CN=VPN-Users,OU=Groups,DC=demo,DC=local" }],
      segments: ["emea"],
      requestable: false,
    });
  });

  test("a new source with its own entitlements moves the profile; the read shows it", async () => {
    const { data } = await patch([
      { op: "replace", path: "/source", value: { type: "SOURCE", id: salesforce } },
      { op: "replace", path: "/entitlements", value: [entitlement(salesCloudUser)] },
    ]);
    expect(data).toMatchObject({ source: { id: salesforce, name: "Salesforce" } });
    const read = await (await client()).raw.GET("/access-profiles/{id}", { params: { path: { id: helpDeskTools } } });
    expect(read.data).toEqual(data);
  });

  test("the owner is the state's identity: its name comes from the state, not the patch", async () => {
    const { data } = await patch([
      { op: "replace", path: "/owner", value: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20639", name: "X" } },
    ]);
    expect(data?.owner).toEqual({ type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20639", name: "Ada Admin" });
  });

  test("a source sub-admin patches on its sources, and may not move a profile to one it does not administer", async () => {
    const subadmin = { clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] };
    expect((await patch([{ op: "replace", path: "/description", value: "Mine." }], subadmin)).response.status).toBe(
      200,
    );
    const before = stub.store.snapshot();
    const moved = await patch(
      [
        { op: "replace", path: "/source", value: { type: "SOURCE", id: workday } },
        { op: "replace", path: "/entitlements", value: [entitlement("2c9180835d191a86015d28455b4e0201")] },
      ],
      subadmin,
    );
    expect(moved.response.status).toBe(403);
    expect(causesOf(moved.error)[0]).toContain('may not move access profiles to the source "Workday"');
    expect(stub.store.snapshot()).toEqual(before);
  });

  test("a body sent as application/json is refused with 400 naming the media type, and changes nothing", async () => {
    const before = stub.store.snapshot();
    const response = await fetch(`${stub.baseUrl}/v3/access-profiles/${helpDeskTools}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${await token()}`, "Content-Type": "application/json" },
      body: JSON.stringify([{ op: "replace", path: "/name", value: "Renamed" }]),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ detailCode: "400.1 Bad Request Content" });
    expect(causesOf(body).join("\n")).toContain("application/json");
    expect(stub.store.snapshot()).toEqual(before);
  });

  test("what v1 patches, v3 reads: one state", async () => {
    const v1 = createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken: await token(), retry: false });
    const { data } = await v1.raw.PATCH("/access-profiles/v1/{id}", {
      params: { path: { id: helpDeskTools } },
      headers: { "Content-Type": "application/json-patch+json" },
      body: [{ op: "replace", path: "/name", value: "Help Desk Tools (v1)" }],
    });
    const read = await (await client()).raw.GET("/access-profiles/{id}", { params: { path: { id: helpDeskTools } } });
    expect(read.data).toEqual(data);
    expect(read.data?.name).toBe("Help Desk Tools (v1)");
  });

  test("100 concurrent renames of two profiles to one name: exactly one wins, and the state agrees", async () => {
    const other = "2c9180835d191a86015d28455b4a2403"; // Legacy VPN
    const renames = Array.from({ length: 100 }, (_, i) =>
      patch([{ op: "replace", path: "/name", value: "Contested" }], undefined, i % 2 ? helpDeskTools : other),
    );
    const answers = await Promise.all(renames);
    const winners = new Set(answers.flatMap(({ data }) => (data ? [data.id] : [])));
    expect(winners.size).toBe(1);
    expect(answers.filter(({ response }) => response.status === 400).length).toBeGreaterThan(0);
    expect(
      stub.store.accessProfiles
        .all()
        .filter((p) => p.name === "Contested")
        .map((p) => p.id),
    ).toEqual([...winners]);
  });
});
