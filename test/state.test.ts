// Deletes really delete, exactly what they name and nothing else; in-use access profiles stay.
import { afterEach, describe, expect, test } from "vitest";
import {
  clientCredentialsToken,
  createAccessProfilesClient,
  createAccessProfilesV1Client,
  createCustomerProfilesClient,
} from "../client/index.ts";
import { StubStore } from "../server/store.ts";
import { demoCredentials, demoData, demoObject, type TestStub, startTestStub } from "./support/stub.ts";
import { token } from "./support/tokens.ts";

let stub: TestStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const sample = demoObject;

describe("POST /domains/{DomainName}/profiles/objects/delete", () => {
  test("deletes once, then answers 404, and touches no other object", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "eu-central-1",
      credentials: demoCredentials,
    });
    const before = stub.store.snapshot();

    expect((await client.deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
    expect((await client.deleteProfileObject(sample)).error?.name).toBe("ResourceNotFoundException");

    const after = stub.store.snapshot();
    const removed = before.customerProfiles.profileObjects.filter(
      (o) =>
        !after.customerProfiles.profileObjects.some(
          (a) => a.uniqueKey === o.uniqueKey && a.objectTypeName === o.objectTypeName,
        ),
    );
    expect(removed.map((o) => o.uniqueKey)).toEqual(["UniqueKeyOfTheProfileObject"]);
    expect({ ...after, customerProfiles: { ...after.customerProfiles, profileObjects: [] } }).toEqual({
      ...before,
      customerProfiles: { ...before.customerProfiles, profileObjects: [] },
    });
  });

  test("matches all four of domain, profile, type and key", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
    });
    for (const wrong of [
      { DomainName: "RetailDomain" },
      { ProfileId: "0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b" },
      { ObjectTypeName: "CTR" },
      { ProfileObjectUniqueKey: "contact-0001" },
    ]) {
      const { error } = await client.deleteProfileObject({ ...sample, ...wrong });
      expect(error?.name, JSON.stringify(wrong)).toBe("ResourceNotFoundException");
    }
    expect(stub.store.snapshot()).toEqual(new StubStore(demoData()).snapshot());
  });

  test("tells a missing domain from a missing object", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createCustomerProfilesClient({
      baseUrl: stub.baseUrl,
      region: "us-east-1",
      credentials: demoCredentials,
    });
    expect((await client.deleteProfileObject({ ...sample, DomainName: "NoSuchDomain" })).error?.message).toBe(
      "Domain NoSuchDomain not found.",
    );
  });
});

describe("DELETE /access-profiles/{id}", () => {
  test("deletes once, then answers 404, and touches nothing else", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token() });
    const before = stub.store.snapshot();
    expect((await client.deleteAccessProfile("2c91808a7813090a017814121919ecca")).response.status).toBe(204);
    expect((await client.deleteAccessProfile("2c91808a7813090a017814121919ecca")).error?.name).toBe("NotFound");
    const after = stub.store.snapshot();
    expect(after.accessProfiles.accessProfiles).toEqual(
      before.accessProfiles.accessProfiles.filter((p) => p.id !== "2c91808a7813090a017814121919ecca"),
    );
    expect({ ...after.accessProfiles, accessProfiles: [] }).toEqual({ ...before.accessProfiles, accessProfiles: [] });
    expect(after.customerProfiles).toEqual(before.customerProfiles);
  });

  test.each([
    ["a role", "2c9180835d191a86015d28455b4a2329", 'role "Payroll Team"'],
    ["an application", "2c9180835d191a86015d28455b4a2401", 'application "Sales Cloud"'],
    ["a lifecycle state", "2c9180835d191a86015d28455b4a2402", 'lifecycle state "Active"'],
  ])("returns 400 while %s uses it, and deletes it once nothing does", async (_kind, id, user) => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token() });
    const refused = await client.deleteAccessProfile(id);
    expect(refused.error?.detailCode).toBe("400.2.1.0 Object in use by another");
    expect(JSON.stringify(refused.error?.body)).toContain(user.replace(/"/g, '\\"'));
    expect(stub.store.accessProfiles.find(id)).toBeDefined();
    await stub.close();

    const data = demoData();
    for (const users of [
      data.accessProfiles.roles,
      data.accessProfiles.applications,
      data.accessProfiles.lifecycleStates,
    ])
      for (const u of users) u.accessProfileIds = u.accessProfileIds.filter((x) => x !== id);
    stub = await startTestStub({ exerciser: "client", data });
    const freed = createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token() });
    expect((await freed.deleteAccessProfile(id)).response.status).toBe(204);
  });

  test("lets a SOURCE_SUBADMIN delete only access profiles of sources it administers (demo: Active Directory, Salesforce)", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createAccessProfilesClient({
      baseUrl: `${stub.baseUrl}/v3`,
      accessToken: await token({ clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] }),
    });
    expect((await client.deleteAccessProfile("2c9180835d191a86015d28455b4a2404")).error?.detailCode).toBe(
      "403 Forbidden",
    );
    expect(stub.store.accessProfiles.find("2c9180835d191a86015d28455b4a2404")).toBeDefined();
    expect((await client.deleteAccessProfile("2c9180835d191a86015d28455b4a2403")).response.status).toBe(204);
  });

  test.each([
    ["ORG_ADMIN", "org-admin"],
    ["SOURCE_ADMIN", "source-admin"],
    ["SOURCE_SUBADMIN", "source-subadmin"],
  ])("accepts a user's token with the %s authority", async (authority, clientId) => {
    stub = await startTestStub({ exerciser: "client" });
    const client = createAccessProfilesClient({
      baseUrl: `${stub.baseUrl}/v3`,
      accessToken: await token({ clientId, authorities: [authority] }),
    });
    expect((await client.deleteAccessProfile("2c91808a7813090a017814121919ecca")).response.status).toBe(204);
  });

  test("serves v3 and v1 from one state: deleted through one, gone from the other", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const accessToken = await token();
    const v3 = createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken });
    const v1 = createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken });
    expect((await v1.deleteAccessProfileV1("2c91808a7813090a017814121919ecca")).response.status).toBe(204);
    expect((await v3.deleteAccessProfile("2c91808a7813090a017814121919ecca")).error?.detailCode).toBe("404 Not found");
    expect((await v3.deleteAccessProfile("2c9180835d191a86015d28455b4a2403")).response.status).toBe(204);
    const { response } = await v1.raw.GET("/access-profiles/v1/{id}", {
      params: { path: { id: "2c9180835d191a86015d28455b4a2403" } },
    });
    expect(response.status).toBe(404);
  });

  test("refuses the token of an API client that belongs to no user, whatever its authorities, in both versions", async () => {
    stub = await startTestStub({ exerciser: "client" });
    const userless = { clientId: "api", clientSecret: "stub-secret" };
    const accessToken = clientCredentialsToken({ baseUrl: stub.baseUrl, ...userless });
    const v3 = createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken });
    const v1 = createAccessProfilesV1Client({ baseUrl: stub.baseUrl, accessToken });
    const forged = createAccessProfilesClient({
      baseUrl: `${stub.baseUrl}/v3`,
      accessToken: await token({ clientId: "api", authorities: ["ORG_ADMIN"], identity: null }),
    });
    for (const { error } of [
      await v3.deleteAccessProfile("2c91808a7813090a017814121919ecca"),
      await v1.deleteAccessProfileV1("2c91808a7813090a017814121919ecca"),
      await forged.deleteAccessProfile("2c91808a7813090a017814121919ecca"),
    ]) {
      expect(error?.status).toBe(403);
      expect(error?.detailCode).toBe("403 Forbidden");
      expect(error?.body).toMatchObject({ causes: [{ text: expect.stringMatching(/no user owns/) }] });
    }
    expect(stub.store.accessProfiles.find("2c91808a7813090a017814121919ecca")).toBeDefined();
  });
});

describe("demo data", () => {
  test("is refused with every problem listed when it is inconsistent", () => {
    const data = demoData();
    data.accessProfiles.roles[0]!.accessProfileIds.push("missing-profile");
    data.customerProfiles.profileObjects[0]!.domainName = "Elsewhere";
    expect(() => new StubStore(data)).toThrow(
      /uses unknown access profile missing-profile[\s\S]*unknown domain Elsewhere/,
    );
  });

  test("is refused when an object type is not one PutProfileObjectType takes, or its keys name fields it lacks", () => {
    const data = demoData();
    const [custom, ctr] = data.customerProfiles.objectTypes!;
    (custom!.definition as Record<string, unknown>).Colour = "blue";
    ctr!.definition.Keys = { phone: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["mobile"] }] };
    expect(() => new StubStore(data)).toThrow(
      /MyCustomObjectName of domain DemoDomain: definition must NOT have additional properties[\s\S]*CTR of domain DemoDomain: key phone names field mobile, which is not in Fields/,
    );
  });

  test("is refused when it breaks its schema", () => {
    expect(() => new StubStore({ customerProfiles: {}, accessProfiles: {} } as never)).toThrow(
      /must have required property 'credentials'/,
    );
  });

  test("reset returns to the loaded data, and a bad replacement changes nothing", () => {
    const store = new StubStore(demoData());
    const initial = store.snapshot();
    store.accessProfiles.delete("2c91808a7813090a017814121919ecca");
    const changed = store.snapshot();
    expect(() => store.replace({ ...changed, accessProfiles: { ...changed.accessProfiles, sources: [] } })).toThrow(
      /unknown source/,
    );
    expect(store.snapshot()).toEqual(changed);
    store.reset();
    expect(store.snapshot()).toEqual(initial);
  });
});
