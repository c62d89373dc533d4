// PutProfileObject and ListProfileObjects beyond one answer per status: how an object type's keys
// decide the object and its profile, paging, filters, and refusals that change nothing.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createCustomerProfilesClient } from "../../client/index.ts";
import { demoCredentials, startTestStub, type TestStub } from "../support/stub.ts";

let stub: TestStub;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterEach(async () => {
  await stub.close();
});

const DomainName = "DemoDomain";
const jane = "3991a7d959d248bba82546b2d0e0a1b2";
const aws = () =>
  createCustomerProfilesClient({
    baseUrl: stub.baseUrl,
    region: "us-east-1",
    credentials: demoCredentials,
    retry: false,
  }).raw;
const putType = (ObjectTypeName: string, body: { AllowProfileCreation?: boolean; unique?: boolean }) =>
  aws().PUT("/domains/{DomainName}/object-types/{ObjectTypeName}", {
    params: { path: { DomainName, ObjectTypeName } },
    body: {
      Description: "Visits",
      AllowProfileCreation: body.AllowProfileCreation,
      Fields: {
        visitId: { Source: "_source.visitId" },
        email: { Source: "_source.email", Target: "_profile.EmailAddress" },
        name: { Source: "_source.name", Target: "_profile.FirstName" },
        store: { Source: "_source.store" },
      },
      Keys: {
        ...(body.unique === false ? {} : { visitId: [{ StandardIdentifiers: ["UNIQUE"], FieldNames: ["visitId"] }] }),
        email: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["email"] }],
        store: [{ StandardIdentifiers: ["SECONDARY"], FieldNames: ["store"] }],
      },
    },
  });
const put = (ObjectTypeName: string, object: Record<string, string>) =>
  aws().PUT("/domains/{DomainName}/profiles/objects", {
    params: { path: { DomainName } },
    body: { ObjectTypeName, Object: JSON.stringify(object) },
  });
const list = (
  body: { ObjectTypeName: string; ProfileId: string; ObjectFilter?: { KeyName: string; Values: string[] } },
  query: { "max-results"?: number; "next-token"?: string } = {},
) => aws().POST("/domains/{DomainName}/profiles/objects", { params: { path: { DomainName }, query }, body });

describe("PutProfileObject", () => {
  test("the same UNIQUE values put again replace the object and keep its key", async () => {
    await putType("Visit", {});
    const first = await put("Visit", { visitId: "v-1", email: "jane.doe@example.com", store: "Lisbon" });
    const again = await put("Visit", { visitId: "v-1", email: "jane.doe@example.com", store: "Porto" });
    expect(again.data?.ProfileObjectUniqueKey).toBe(first.data?.ProfileObjectUniqueKey);
    const { data } = await list({ ObjectTypeName: "Visit", ProfileId: jane });
    expect(data?.Items?.map((i) => JSON.parse(i.Object!).store)).toEqual(["Porto"]);
  });

  test("a type without a UNIQUE key makes a new object of every put", async () => {
    await putType("Visit", { unique: false });
    await put("Visit", { visitId: "v-1", email: "jane.doe@example.com" });
    await put("Visit", { visitId: "v-1", email: "jane.doe@example.com" });
    expect((await list({ ObjectTypeName: "Visit", ProfileId: jane })).data?.Items).toHaveLength(2);
  });

  test("AllowProfileCreation makes a profile from the object's _profile fields when none matches", async () => {
    await putType("Visit", { AllowProfileCreation: true });
    const before = stub.store.customerProfiles.snapshot().profiles!.length;
    const { data } = await put("Visit", { visitId: "v-9", email: "new.customer@example.com", name: "Noor" });
    expect(data?.ProfileObjectUniqueKey).toBeDefined();
    const profiles = stub.store.customerProfiles.snapshot().profiles!;
    expect(profiles).toHaveLength(before + 1);
    expect(profiles.at(-1)).toMatchObject({
      domainName: DomainName,
      attributes: { EmailAddress: "new.customer@example.com", FirstName: "Noor" },
    });
    // The next object with that address attaches to the same profile.
    await put("Visit", { visitId: "v-10", email: "new.customer@example.com" });
    expect(stub.store.customerProfiles.snapshot().profiles).toHaveLength(before + 1);
  });

  test.each([
    ["is not a JSON object", "Order", "42", /^Object must be a JSON object/],
    ["lacks its UNIQUE key's field", "Order", JSON.stringify({ email: "jane.doe@example.com" }), /key orderId/],
    ["lacks its PROFILE key's field", "Order", JSON.stringify({ orderId: "7" }), /key email/],
  ])("an Object that %s is a BadRequestException, and nothing changes", async (_, ObjectTypeName, text, message) => {
    const before = stub.store.snapshot();
    const { error, response } = await aws().PUT("/domains/{DomainName}/profiles/objects", {
      params: { path: { DomainName } },
      body: { ObjectTypeName, Object: text },
    });
    expect(response.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    expect(error).toEqual({ Message: expect.stringMatching(message) });
    expect(stub.store.snapshot()).toEqual(before);
  });
});

test("a type that creates profiles creates none for an object it refuses", async () => {
  await putType("Visit", { AllowProfileCreation: true });
  const before = stub.store.snapshot();
  const { response } = await put("Visit", { email: "new.customer@example.com", name: "Noor" });
  expect(response.headers.get("x-amzn-errortype")).toBe("BadRequestException");
  expect(stub.store.snapshot()).toEqual(before);
});

describe("ListProfileObjects", () => {
  test("ObjectFilter keeps the objects whose values of a key are among those given", async () => {
    await putType("Visit", {});
    for (const [visitId, store] of [
      ["v-1", "Lisbon"],
      ["v-2", "Porto"],
      ["v-3", "Lisbon"],
    ])
      await put("Visit", { visitId: visitId!, email: "jane.doe@example.com", store: store! });
    const { data } = await list({
      ObjectTypeName: "Visit",
      ProfileId: jane,
      ObjectFilter: { KeyName: "store", Values: ["Lisbon"] },
    });
    expect(data?.Items?.map((i) => JSON.parse(i.Object!).visitId)).toEqual(["v-1", "v-3"]);
    const unknown = await list({
      ObjectTypeName: "Visit",
      ProfileId: jane,
      ObjectFilter: { KeyName: "city", Values: ["x"] },
    });
    expect(unknown.error).toEqual({ Message: "ObjectFilter's KeyName city is not a key of object type Visit." });
  });

  test("a next-token is only for the list that gave it", async () => {
    await putType("Visit", {});
    for (const visitId of ["v-1", "v-2"]) await put("Visit", { visitId, email: "jane.doe@example.com" });
    const first = await list({ ObjectTypeName: "Visit", ProfileId: jane }, { "max-results": 1 });
    expect(first.data?.NextToken).toBeDefined();
    const other = await list({ ObjectTypeName: "CTR", ProfileId: jane }, { "next-token": first.data!.NextToken! });
    expect(other.error).toEqual({ Message: "The next-token is not one this list gave." });
    const next = await list({ ObjectTypeName: "Visit", ProfileId: jane }, { "next-token": first.data!.NextToken! });
    expect(next.data?.Items?.map((i) => JSON.parse(i.Object!).visitId)).toEqual(["v-2"]);
    expect(next.data?.NextToken).toBeUndefined();
  });
});

describe("under concurrent calls", () => {
  const remove = (ObjectTypeName: string, ProfileObjectUniqueKey: string) =>
    aws().POST("/domains/{DomainName}/profiles/objects/delete", {
      params: { path: { DomainName } },
      body: { ProfileId: jane, ObjectTypeName, ProfileObjectUniqueKey },
    });
  const listed = async () => {
    const { data } = await list({ ObjectTypeName: "Visit", ProfileId: jane }, { "max-results": 100 });
    return (data?.Items ?? []).map((i) => i.ProfileObjectUniqueKey!);
  };

  test("300 concurrent puts, deletes and lists leave the objects the model says", async () => {
    await putType("Visit", {});
    // 100 visits, each put twice at once: the same UNIQUE values, so one object and one key per visit.
    const visits = Array.from({ length: 100 }, (_, i) => `v-${String(i).padStart(3, "0")}`);
    const puts = visits.flatMap((visitId) =>
      [0, 1].map(() => put("Visit", { visitId, email: "jane.doe@example.com" })),
    );
    const lists = Array.from({ length: 50 }, () => listed());
    const answers = await Promise.all(puts);
    const seen = await Promise.all(lists);
    expect(answers.every(({ response }) => response.status === 200)).toBe(true);
    const keys = answers.map(({ data }) => data!.ProfileObjectUniqueKey!);
    for (let i = 0; i < visits.length; i++) expect(keys[2 * i]).toBe(keys[2 * i + 1]);
    const unique = [...new Set(keys)];
    expect(unique).toHaveLength(100);
    // Every list saw a consistent state: no object twice, none the puts did not make.
    for (const page of seen) {
      expect(new Set(page).size).toBe(page.length);
      expect(page.every((k) => unique.includes(k))).toBe(true);
    }
    // Half of them deleted at once, each twice: one success and one ResourceNotFoundException per key.
    const doomed = unique.filter((_, i) => i % 2 === 0);
    const deletes = await Promise.all(doomed.flatMap((k) => [remove("Visit", k), remove("Visit", k)]));
    const statuses = deletes.map(({ response }) => response.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 404)).toHaveLength(50);
    // The model: the 100 made, less the 50 deleted.
    expect(new Set(await listed())).toEqual(new Set(unique.filter((_, i) => i % 2 === 1)));
  });
});
