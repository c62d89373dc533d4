// listAccessProfiles' own behaviour beyond one answer per status: each filter field and operator the
// official spec lists, the composite operators, sorters, paging and the count, what a source
// sub-admin sees, and every refusal. The demo data has six access profiles on three sources.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAccessProfilesClient, createAccessProfilesV1Client } from "../../client/index.ts";
import type { operations } from "../../generated/access-profiles.d.ts";
import { startTestStub, type TestStub } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterAll(async () => {
  await stub.close();
});

const activeDirectory = "2c9180835d191a86015d28455b4a0001";
const workday = "2c9180835d191a86015d28455b4a0002";
const salesforce = "2c9180835d191a86015d28455b4a0003";
const ada = "2c9180a46faadee4016fb4e018c20639";

type Query = NonNullable<operations["listAccessProfiles"]["parameters"]["query"]>;
const list = async (query: Query = {}, claims?: Parameters<typeof token>[0]) => {
  const client = createAccessProfilesClient({
    baseUrl: `${stub.baseUrl}/v3`,
    accessToken: await token(claims),
    retry: false,
  });
  return client.raw.GET("/access-profiles", { params: { query } });
};
const names = async (query: Parameters<typeof list>[0], claims?: Parameters<typeof token>[0]) => {
  const { data, error } = await list(query, claims);
  expect(error).toBeUndefined();
  return data!.map((p) => p.name);
};
const refusal = async (query: Parameters<typeof list>[0]) => {
  const { error, response } = await list(query);
  expect(response.status).toBe(400);
  expect(error).toMatchObject({ detailCode: "400.1 Bad Request Content" });
  return (error as { causes: { text: string }[] }).causes[0]!.text;
};

describe("GET /access-profiles", () => {
  test("without parameters: every access profile, in the order they were created", async () => {
    expect(await names({})).toEqual([
      "Help Desk Tools",
      "Payroll Approvers",
      "Sales Console",
      "New Hire Basics",
      "Legacy VPN",
      "Expense Reports",
    ]);
  });

  test.each<[string, string, string[]]>([
    ["id eq", 'id eq "2c9180835d191a86015d28455b4a2401"', ["Sales Console"]],
    [
      "id in",
      'id in ("2c9180835d191a86015d28455b4a2401", "2c9180835d191a86015d28455b4a2403")',
      ["Sales Console", "Legacy VPN"],
    ],
    ["name eq, without regard to case", 'name eq "payroll approvers"', ["Payroll Approvers"]],
    ["name sw", 'name sw "Sa"', ["Sales Console"]],
    ["created gt", "created gt 2025-05-01T00:00:00Z", ["Sales Console", "Expense Reports"]],
    ["created ge, quoted", 'created ge "2025-05-12T10:00:00.000Z"', ["Sales Console", "Expense Reports"]],
    ["created le", "created le 2024-11-05T08:00:00.000Z", ["Help Desk Tools", "Legacy VPN"]],
    ["modified lt", "modified lt 2025-06-01T00:00:00Z", ["Sales Console", "Legacy VPN"]],
    ["modified gt", "modified gt 2025-09-01T00:00:00Z", ["Payroll Approvers", "New Hire Basics"]],
    ["owner.id eq", `owner.id eq "${ada}"`, ["Payroll Approvers", "Sales Console", "Expense Reports"]],
    ["requestable eq", "requestable eq false", ["New Hire Basics", "Legacy VPN"]],
    ["source.id eq", `source.id eq "${workday}"`, ["Payroll Approvers", "Expense Reports"]],
    [
      "source.id in",
      `source.id in ("${workday}", "${salesforce}")`,
      ["Payroll Approvers", "Sales Console", "Expense Reports"],
    ],
    [
      "and binds tighter than or",
      `source.id eq "${activeDirectory}" and requestable eq true or name eq "Sales Console"`,
      ["Help Desk Tools", "Sales Console"],
    ],
    [
      "parentheses",
      `source.id eq "${activeDirectory}" and (requestable eq false or name sw "Help")`,
      ["Help Desk Tools", "New Hire Basics", "Legacy VPN"],
    ],
    ["a quote escaped in a string", 'name eq "Payroll \\"Approvers\\""', []],
  ])("filters by %s", async (_, filters, expected) => {
    expect(await names({ filters })).toEqual(expected);
  });

  test("sorts by name, by created descending, and by several fields", async () => {
    expect(await names({ sorters: "name" })).toEqual([
      "Expense Reports",
      "Help Desk Tools",
      "Legacy VPN",
      "New Hire Basics",
      "Payroll Approvers",
      "Sales Console",
    ]);
    expect((await names({ sorters: "-created" }))[0]).toBe("Expense Reports");
    const { data } = await list({ sorters: "-modified,name" });
    const modified = data!.map((p) => p.modified!);
    expect(modified).toEqual([...modified].sort().reverse());
  });

  test("pages with offset and limit; count=true gives the total before paging in X-Total-Count", async () => {
    const { data, response } = await list({ sorters: "name", offset: 2, limit: 2, count: true });
    expect(data!.map((p) => p.name)).toEqual(["Legacy VPN", "New Hire Basics"]);
    expect(response.headers.get("x-total-count")).toBe("6");
    const filtered = await list({ filters: `source.id eq "${workday}"`, limit: 1, count: true });
    expect(filtered.data).toHaveLength(1);
    expect(filtered.response.headers.get("x-total-count")).toBe("2");
    // Without count=true, no total.
    expect((await list({})).response.headers.get("x-total-count")).toBeNull();
    expect(await names({ offset: 10 })).toEqual([]);
    expect(await names({ limit: 0 })).toEqual([]);
  });

  test("a source sub-admin sees only the access profiles of the sources it administers", async () => {
    const subadmin = { clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] };
    expect(await names({}, subadmin)).toEqual(["Help Desk Tools", "Sales Console", "New Hire Basics", "Legacy VPN"]);
    // for-subadmin narrows an admin's list to what that sub-admin sees; "me" is the caller.
    const sue = "2c9180a46faadee4016fb4e018c20641";
    expect(await names({ "for-subadmin": sue, filters: 'name sw "S"' })).toEqual(["Sales Console"]);
    expect(
      await names({ "for-subadmin": "me" }, { ...subadmin, identity: { id: sue, name: "Sue Subadmin" } }),
    ).toHaveLength(4);
  });

  test("segments: for-segment-ids with or without the unsegmented ones", async () => {
    expect(await names({ "for-segment-ids": "f7b1b8a3-5fed-4fd4-ad29-82014e137e19" })).toHaveLength(6);
    expect(
      await names({ "for-segment-ids": "f7b1b8a3-5fed-4fd4-ad29-82014e137e19", "include-unsegmented": false }),
    ).toEqual([]);
  });

  test.each<[string, Parameters<typeof list>[0], RegExp]>([
    [
      "a field the list does not filter on",
      { filters: 'description eq "x"' },
      /^Invalid filters: filtering on description is not supported; supported: id \(eq, in\)/,
    ],
    [
      "an operator a field does not take",
      { filters: 'name co "Pay"' },
      /the operator co is not supported for name; it takes eq, sw/,
    ],
    [
      "created lt, which the official spec does not list",
      { filters: "created lt 2025-01-01T00:00:00Z" },
      /the operator lt is not supported for created/,
    ],
    ["not", { filters: 'not name eq "x"' }, /the composite operator not is not supported/],
    ["a string not closed", { filters: 'name eq "Pay' }, /is not closed/],
    ["an unquoted string", { filters: "name eq Payroll" }, /must be a string in double quotes/],
    ["a date that is none", { filters: "created gt yesterday" }, /takes an ISO 8601 date-time/],
    ["a boolean that is none", { filters: "requestable eq yes" }, /takes true or false/],
    ["a parenthesis not closed", { filters: '(name eq "x"' }, /a parenthesis is not closed/],
    ["trailing words", { filters: 'name eq "x" name' }, /unexpected name/],
    [
      "a sorter the list does not take",
      { sorters: "description" },
      /^Invalid sorters: sorting on description is not supported; supported: name, created, modified$/,
    ],
    ["an identity that is no sub-admin", { "for-subadmin": ada }, /is not a ROLE_SUBADMIN or SOURCE_SUBADMIN/],
    ["include-unsegmented=false alone", { "include-unsegmented": false }, /needs for-segment-ids/],
  ])("refuses %s with 400, saying what it takes", async (_, query, cause) => {
    expect(await refusal(query)).toMatch(cause);
  });

  test("v1 lists the same state", async () => {
    const v1 = createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken: await token(), retry: false });
    const { data } = await v1.raw.GET("/access-profiles/v1", { params: { query: { sorters: "name", limit: 1 } } });
    expect(data!.map((p) => p.name)).toEqual(["Expense Reports"]);
  });
});
