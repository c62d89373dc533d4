// The official SDKs, unchanged, pointed at the stub: they are the real users of the contract.
// @aws-sdk/client-customer-profiles and sailpoint-api-client must see what they see from the real
// services: success, each documented error as their named error, the token flow, and retries.
import { readFileSync } from "node:fs";
import {
  AccessDeniedException,
  BadRequestException,
  CreateProfileCommand,
  CustomerProfilesClient,
  DeleteProfileCommand,
  DeleteProfileObjectCommand,
  DeleteProfileObjectTypeCommand,
  GetProfileObjectTypeCommand,
  ListProfileObjectsCommand,
  PutProfileObjectCommand,
  PutProfileObjectTypeCommand,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
} from "@aws-sdk/client-customer-profiles";
import { AccessProfilesApi, Configuration } from "sailpoint-api-client";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  clientCredentialsToken,
  createAccessProfilesClient,
  createCustomerProfilesClient,
  createStubAdminClient,
} from "../client/index.ts";
import { demoCredentials, demoObject, type TestStub, startTestStub, unusedAccessProfile } from "./support/stub.ts";
import { token } from "./support/tokens.ts";

let stub: TestStub | undefined;
let seen: string[] = [];
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function start(options: Parameters<typeof startTestStub>[0] = {}) {
  seen = [];
  stub = await startTestStub({ exerciser: "official SDK", ...options, requestLog: (line) => seen.push(line) });
  return { stub, admin: createStubAdminClient({ baseUrl: stub.baseUrl }) };
}

/** How many requests reached an API's handlers, answered or not. */
const hits = (api: string) => seen.filter((line) => line.includes(` ${api} `)).length;

const sample = demoObject;
const unused = unusedAccessProfile;

/**
 * The version of an SDK these tests run: the one package.json pins, or the one `npm run sdk-matrix`
 * aliased in (SDK_MATRIX_ALIAS names its directory); each suite checks its requests say so.
 */
function versionUnderTest(pkg: string): string {
  const aliased: Record<string, string> = JSON.parse(process.env.SDK_MATRIX_ALIAS ?? "{}");
  const manifest = aliased[pkg] ? `${aliased[pkg]}/package.json` : new URL("../package.json", import.meta.url);
  const json = JSON.parse(readFileSync(manifest, "utf8"));
  return aliased[pkg] ? json.version : json.devDependencies[pkg];
}

describe("@aws-sdk/client-customer-profiles against the stub", () => {
  const sdk = (baseUrl: string, secretAccessKey = demoCredentials.secretAccessKey) =>
    new CustomerProfilesClient({
      endpoint: baseUrl,
      region: "eu-west-1",
      credentials: { ...demoCredentials, secretAccessKey },
    });
  const { DomainName, ...body } = sample;
  const command = (overrides: Partial<typeof sample> = {}) =>
    new DeleteProfileObjectCommand({ DomainName, ...body, ...overrides });

  test("is the version under test, as its requests name it", async () => {
    const { stub, admin } = await start();
    await sdk(stub.baseUrl).send(command());
    const { data } = await admin.requests({ api: "customer-profiles" });
    expect(data?.requests[0]?.client).toMatchObject({
      name: "aws-sdk-js",
      version: versionUnderTest("@aws-sdk/client-customer-profiles"),
    });
  });

  test("deletes, and reads x-amzn-RequestId as $metadata.requestId", async () => {
    const { stub } = await start();
    const output = await sdk(stub.baseUrl).send(command());
    expect(output.Message).toBe("OK");
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(seen[0]).toContain(`id=${output.$metadata.requestId}`);
  });

  test.each([
    ["BadRequestException", BadRequestException, { ProfileId: "3991a7d959d248bba82546b2dEXAMPLE" }, undefined],
    ["ResourceNotFoundException", ResourceNotFoundException, { ProfileObjectUniqueKey: "NoSuchObjectKey" }, undefined],
    ["AccessDeniedException", AccessDeniedException, {}, "wrong-secret"],
  ])("throws %s as its named class, with the stub's message", async (name, errorClass, overrides, secret) => {
    const { stub } = await start();
    const error = await sdk(stub.baseUrl, secret)
      .send(command(overrides))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ name, $fault: "client" });
    expect((error as Error).message.length).toBeGreaterThan(0);
  });

  test("defines a type and a profile, puts an object, lists it, deletes it; then listing shows it gone and deleting it again is not found", async () => {
    const { stub } = await start();
    const client = sdk(stub.baseUrl);
    const type = await client.send(
      new PutProfileObjectTypeCommand({
        DomainName,
        ObjectTypeName: "Subscription",
        Description: "Subscriptions of a customer",
        Fields: {
          subscriptionId: { Source: "_source.subscriptionId", ContentType: "STRING" },
          email: { Source: "_source.email", Target: "_profile.EmailAddress", ContentType: "EMAIL_ADDRESS" },
        },
        Keys: {
          subscriptionId: [{ StandardIdentifiers: ["UNIQUE"], FieldNames: ["subscriptionId"] }],
          email: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["email"] }],
        },
      }),
    );
    // restJson1 timestamps are epoch seconds on the wire; the SDK makes them Dates.
    expect(type.CreatedAt).toBeInstanceOf(Date);
    expect(
      (await client.send(new GetProfileObjectTypeCommand({ DomainName, ObjectTypeName: "Subscription" }))).Keys,
    ).toEqual(type.Keys);
    const { ProfileId } = await client.send(
      new CreateProfileCommand({ DomainName, FirstName: "Ana", EmailAddress: "ana.silva@example.com" }),
    );
    const subscription = { subscriptionId: "sub-1", email: "ana.silva@example.com", plan: "monthly" };
    const { ProfileObjectUniqueKey } = await client.send(
      new PutProfileObjectCommand({ DomainName, ObjectTypeName: "Subscription", Object: JSON.stringify(subscription) }),
    );
    const list = () =>
      client.send(new ListProfileObjectsCommand({ DomainName, ObjectTypeName: "Subscription", ProfileId: ProfileId! }));
    expect((await list()).Items).toEqual([
      { ObjectTypeName: "Subscription", ProfileObjectUniqueKey, Object: JSON.stringify(subscription) },
    ]);
    const object = {
      DomainName,
      ObjectTypeName: "Subscription",
      ProfileId: ProfileId!,
      ProfileObjectUniqueKey: ProfileObjectUniqueKey!,
    };
    expect((await client.send(new DeleteProfileObjectCommand(object))).Message).toBe("OK");
    expect((await list()).Items).toEqual([]);
    expect(await client.send(new DeleteProfileObjectCommand(object)).catch((e: unknown) => e)).toBeInstanceOf(
      ResourceNotFoundException,
    );
    // The profile and the type go the same way, and what they held with them.
    expect((await client.send(new DeleteProfileCommand({ DomainName, ProfileId: ProfileId! }))).Message).toBe("OK");
    expect(
      (await client.send(new DeleteProfileObjectTypeCommand({ DomainName, ObjectTypeName: "Subscription" }))).Message,
    ).toBe("OK");
    expect(
      await client
        .send(new GetProfileObjectTypeCommand({ DomainName, ObjectTypeName: "Subscription" }))
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ResourceNotFoundException);
    expect(seen.filter((line) => / customer-profiles /.test(line)).map((line) => line.split(" ")[4])).toEqual([
      "200",
      "200",
      "200",
      "200",
      "200",
      "200",
      "200",
      "404",
      "200",
      "200",
      "404",
    ]);
  });

  test("pages through a profile's objects with NextToken, and a delete between pages moves nothing", async () => {
    const { stub } = await start();
    const client = sdk(stub.baseUrl);
    const jane = "3991a7d959d248bba82546b2d0e0a1b2";
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const object = { contactId: `contact-10${i}`, phone: "+15555550100", channel: "CHAT", queue: "BasicQueue" };
      const put = await client.send(
        new PutProfileObjectCommand({ DomainName, ObjectTypeName: "CTR", Object: JSON.stringify(object) }),
      );
      keys.push(put.ProfileObjectUniqueKey!);
    }
    const page = (NextToken?: string) =>
      client.send(
        new ListProfileObjectsCommand({ DomainName, ObjectTypeName: "CTR", ProfileId: jane, MaxResults: 2, NextToken }),
      );
    const first = await page();
    expect(first.Items?.map((i) => i.ProfileObjectUniqueKey)).toEqual(["contact-0001", keys[0]]);
    // The last object of the first page and the first of the next go before the next page is read.
    for (const key of [keys[0]!, keys[1]!])
      await client.send(
        new DeleteProfileObjectCommand({
          DomainName,
          ObjectTypeName: "CTR",
          ProfileId: jane,
          ProfileObjectUniqueKey: key,
        }),
      );
    const second = await page(first.NextToken);
    expect(second.Items?.map((i) => i.ProfileObjectUniqueKey)).toEqual([keys[2], keys[3]]);
    const third = await page(second.NextToken);
    expect(third.Items?.map((i) => i.ProfileObjectUniqueKey)).toEqual([keys[4]]);
    expect(third.NextToken).toBeUndefined();
  });

  test("throws InternalServerException after 3 attempts of 500", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "customer-profiles", count: 3, status: 500 });
    const error = await sdk(stub.baseUrl)
      .send(command())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error).toMatchObject({ $metadata: { attempts: 3, httpStatusCode: 500 } });
    expect(hits("customer-profiles")).toBe(3);
  });

  test("retries 500 and succeeds on the third attempt", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "customer-profiles", count: 2, status: 500 });
    const output = await sdk(stub.baseUrl).send(command());
    expect(output.$metadata.attempts).toBe(3);
    expect(output.Message).toBe("OK");
  });

  test("throws ThrottlingException after 3 throttled attempts", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "customer-profiles", count: 3, status: 429 });
    const error = await sdk(stub.baseUrl)
      .send(command())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({ $metadata: { attempts: 3 } });
  });

  describe("with the stub's clock 20 minutes ahead (Prefer: clock-offset=1200)", () => {
    const preferring = (client: CustomerProfilesClient) => {
      client.middlewareStack.add(
        (next) => (args) => {
          (args.request as { headers: Record<string, string> }).headers.prefer = "clock-offset=1200";
          return next(args);
        },
        { step: "build", name: "preferClockOffset" },
      );
      return client;
    };

    test("is refused once, reads the service's Date, signs again and succeeds", async () => {
      const { stub } = await start();
      const output = await preferring(sdk(stub.baseUrl)).send(command());
      expect(output.Message).toBe("OK");
      expect(output.$metadata.attempts).toBe(2);
      expect(seen.filter((line) => / 403 /.test(line))).toHaveLength(1);
    });

    test("is served at once when the client's clock is set 20 minutes ahead too", async () => {
      const { stub } = await start();
      const client = new CustomerProfilesClient({
        endpoint: stub.baseUrl,
        region: "eu-west-1",
        credentials: demoCredentials,
        systemClockOffset: 1_200_000,
      });
      const output = await preferring(client).send(command());
      expect(output.$metadata.attempts).toBe(1);
    });
  });

  test("waits out Retry-After of a real rate limit and then succeeds", async () => {
    const { stub } = await start({ rateLimits: { customerProfiles: { requestsPerSecond: 1, burst: 1 } } });
    const client = sdk(stub.baseUrl);
    await client.send(command({ ProfileObjectUniqueKey: "spend-the-token" })).catch(() => undefined);
    const output = await client.send(command());
    expect(output.Message).toBe("OK");
    expect(output.$metadata.attempts).toBe(2);
    expect(seen.filter((line) => / 429 /.test(line))).toHaveLength(1);
  });
});

describe("sailpoint-api-client against the stub", () => {
  const api = (baseUrl: string, credentials: { clientId?: string; clientSecret?: string; accessToken?: string } = {}) =>
    new AccessProfilesApi(
      new Configuration({
        baseurl: baseUrl,
        tokenUrl: `${baseUrl}/oauth/token`,
        clientId: credentials.clientId ?? "org-admin",
        clientSecret: credentials.clientSecret ?? "stub-secret",
        accessToken: credentials.accessToken,
      } as never),
    );
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable("should have failed"),
      (e: { response?: { status: number; data: any } }) => e.response!,
    );

  test("is the version under test, as its requests name it", async () => {
    const { stub, admin } = await start();
    await api(stub.baseUrl).deleteAccessProfile({ id: unused });
    const { data } = await admin.requests({ api: "access-profiles" });
    expect(data?.requests[0]?.client).toEqual({
      name: "sailpoint-typescript",
      version: versionUnderTest("sailpoint-api-client"),
    });
  });

  test("gets a token from client id and secret (multipart), then deletes with 204", async () => {
    const { stub } = await start();
    const response = await api(stub.baseUrl).deleteAccessProfile({ id: unused });
    expect(response.status).toBe(204);
    expect(seen.some((line) => / sailpoint-oauth POST \/oauth\/token 200 /.test(line))).toBe(true);
    expect(stub.store.accessProfiles.find(unused)).toBeUndefined();
  });

  test("creates one, reads and lists it, deletes it; then reading and deleting it reject with 404", async () => {
    const { stub } = await start();
    const sdk = api(stub.baseUrl);
    const { status, data: created } = await sdk.createAccessProfile({
      accessProfile: {
        name: "Contractor VPN",
        owner: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20640" },
        source: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0001" },
        entitlements: [{ type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" }],
        enabled: true,
      },
    });
    expect(status).toBe(201);
    expect(created.source.name).toBe("Active Directory");
    const id = created.id!;
    expect((await sdk.getAccessProfile({ id })).data.name).toBe("Contractor VPN");
    // axios sends the filter's spaces as "+" and its quotes as they are: the stub takes both.
    const listed = await sdk.listAccessProfiles({ filters: 'name eq "Contractor VPN"', count: true });
    expect(listed.data.map((p) => p.id)).toEqual([id]);
    expect(listed.headers["x-total-count"]).toBe("1");
    expect((await sdk.deleteAccessProfile({ id })).status).toBe(204);
    expect((await failure(sdk.getAccessProfile({ id }))).status).toBe(404);
    expect((await failure(sdk.deleteAccessProfile({ id }))).status).toBe(404);
    expect(seen.filter((line) => / access-profiles /.test(line)).map((line) => line.split(" ")[4])).toEqual([
      "201",
      "200",
      "200",
      "204",
      "404",
      "404",
    ]);
  });

  test("patches one with a JSON Patch (200, read back), and a source without entitlements rejects with 400", async () => {
    const { stub } = await start();
    const sdk = api(stub.baseUrl);
    const { status, data } = await sdk.patchAccessProfile({
      id: unused,
      jsonPatchOperation: [
        { op: "replace", path: "/description", value: "Patched by the SDK." },
        { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" } },
      ],
    });
    expect(status).toBe(200);
    expect(data.entitlements?.map((e) => e.id).at(-1)).toBe("2c9180835d191a86015d28455b4e0103");
    expect((await sdk.getAccessProfile({ id: unused })).data.description).toBe("Patched by the SDK.");
    const sourceAlone = await failure(
      sdk.patchAccessProfile({
        id: unused,
        jsonPatchOperation: [
          { op: "replace", path: "/source", value: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0003" } },
        ],
      }),
    );
    expect(sourceAlone).toMatchObject({ status: 400, data: { detailCode: "400.1 Bad Request Content" } });
    expect(seen.filter((line) => / access-profiles /.test(line)).map((line) => line.split(" ")[4])).toEqual([
      "200",
      "200",
      "400",
    ]);
  });

  test("deletes in bulk: all or nothing (200), best effort (202, the in-use one named by its role), an unknown id rejected with 400", async () => {
    const { stub } = await start();
    const sdk = api(stub.baseUrl);
    const payroll = "2c9180835d191a86015d28455b4a2329";
    const allOrNothing = await sdk.deleteAccessProfilesInBulk({
      accessProfileBulkDeleteRequest: { accessProfileIds: [unused, payroll], bestEffortOnly: false },
    });
    expect(allOrNothing.status).toBe(200);
    expect(allOrNothing.data.inUse?.[0]?.usedBy).toEqual([
      { type: "ROLE", id: "2c9180835d191a86015d28455b4a2330", name: "Payroll Team" },
    ]);
    expect(stub.store.accessProfiles.find(unused)).toBeDefined();
    const bestEffort = await sdk.deleteAccessProfilesInBulk({
      accessProfileBulkDeleteRequest: { accessProfileIds: [unused, payroll], bestEffortOnly: true },
    });
    expect(bestEffort.status).toBe(202);
    expect(bestEffort.data).toMatchObject({ taskId: expect.any(String), pending: [unused] });
    expect((await failure(sdk.getAccessProfile({ id: unused }))).status).toBe(404);
    const again = await failure(
      sdk.deleteAccessProfilesInBulk({ accessProfileBulkDeleteRequest: { accessProfileIds: [unused] } }),
    );
    expect(again).toMatchObject({ status: 400, data: { detailCode: "400.1.404 Referenced object not found" } });
  });

  test("rejects with 400 and the ErrorResponseDto when the access profile is in use", async () => {
    const { stub } = await start();
    const response = await failure(api(stub.baseUrl).deleteAccessProfile({ id: "2c9180835d191a86015d28455b4a2329" }));
    expect(response.status).toBe(400);
    expect(response.data.detailCode).toBe("400.2.1.0 Object in use by another");
  });

  test("rejects with 401 {error} for an expired token", async () => {
    const { stub } = await start();
    const response = await failure(
      api(stub.baseUrl, { accessToken: await token({ expiresIn: -5 }) }).deleteAccessProfile({ id: unused }),
    );
    expect(response).toMatchObject({ status: 401, data: { error: "JWT validation failed: JWT is expired" } });
  });

  test("rejects with 403 for the helpdesk client, whose token has none of the authorities", async () => {
    const { stub } = await start();
    const response = await failure(api(stub.baseUrl, { clientId: "helpdesk" }).deleteAccessProfile({ id: unused }));
    expect(response.status).toBe(403);
    expect(response.data.detailCode).toBe("403 Forbidden");
  });

  test("rejects with 403 for the api client, which belongs to no user (its token is granted)", async () => {
    const { stub } = await start();
    const response = await failure(api(stub.baseUrl, { clientId: "api" }).deleteAccessProfile({ id: unused }));
    expect(response.status).toBe(403);
    expect(response.data.causes[0].text).toMatch(/no user owns/);
    expect(hits("sailpoint-oauth")).toBe(1);
    expect(stub.store.accessProfiles.find(unused)).toBeDefined();
  });

  test("rejects with 404 for an id that names nothing", async () => {
    const { stub } = await start();
    expect(
      (await failure(api(stub.baseUrl).deleteAccessProfile({ id: "2c91808a7813090a0178141219190000" }))).status,
    ).toBe(404);
  });

  test("fails to get a token with a wrong secret, and never calls the API", async () => {
    const { stub } = await start();
    // The SDK says so on the console itself; expected here, so kept out of the test output.
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(api(stub.baseUrl, { clientSecret: "wrong" }).deleteAccessProfile({ id: unused })).rejects.toThrow();
    expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(/Unable to fetch access token/));
    consoleError.mockRestore();
    expect(hits("access-profiles")).toBe(0);
    expect(seen.some((line) => / \/oauth\/token 401 /.test(line))).toBe(true);
  });

  test("does not retry 429", async () => {
    const { stub } = await start({ rateLimits: { accessProfiles: { requestsPerSecond: 0.001, burst: 1 } } });
    const client = api(stub.baseUrl);
    await client.deleteAccessProfile({ id: "2c9180835d191a86015d28455b4a2403" });
    const response = await failure(client.deleteAccessProfile({ id: unused }));
    expect(response).toMatchObject({ status: 429, data: { message: " Rate Limit Exceeded " } });
    expect(hits("access-profiles")).toBe(2);
  });

  test("retries 500 on DELETE at once, and succeeds on the fourth attempt", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "access-profiles", count: 3, status: 500 });
    expect((await api(stub.baseUrl).deleteAccessProfile({ id: unused })).status).toBe(204);
    expect(hits("access-profiles")).toBe(4);
  });

  test("gives up with 500 after three retries", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "access-profiles", count: 4, status: 500 });
    const response = await failure(api(stub.baseUrl).deleteAccessProfile({ id: unused }));
    expect(response.status).toBe(500);
    expect(response.data.detailCode).toBe("500.0 Internal Fault");
    expect(hits("access-profiles")).toBe(4);
  });
});

describe("our clients, same retry matrix", () => {
  const aws = (baseUrl: string) =>
    createCustomerProfilesClient({ baseUrl, region: "eu-west-1", credentials: demoCredentials });
  const sailpoint = (baseUrl: string, clientId = "org-admin") =>
    createAccessProfilesClient({
      baseUrl: `${baseUrl}/v3`,
      accessToken: clientCredentialsToken({ baseUrl, clientId, clientSecret: "stub-secret" }),
    });

  test("Customer Profiles: InternalServerException after 3 attempts; success on the third", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "customer-profiles", count: 3, status: 500 });
    expect((await aws(stub.baseUrl).deleteProfileObject(sample)).error).toMatchObject({
      name: "InternalServerException",
      attempts: 3,
    });
    await admin.addFault({ api: "customer-profiles", count: 2, status: 500 });
    const ok = await aws(stub.baseUrl).deleteProfileObject(sample);
    expect(ok.data).toEqual({ Message: "OK" });
    expect(hits("customer-profiles")).toBe(6);
  });

  test("Customer Profiles: waits out Retry-After of a real rate limit and then succeeds", async () => {
    const { stub } = await start({ rateLimits: { customerProfiles: { requestsPerSecond: 1, burst: 1 } } });
    const client = aws(stub.baseUrl);
    await client.deleteProfileObject({ ...sample, ProfileObjectUniqueKey: "spend-the-token" });
    const { data, response } = await client.deleteProfileObject(sample);
    expect(data).toEqual({ Message: "OK" });
    expect(response.headers.get("x-client-attempts")).toBe("2");
  });

  test("Customer Profiles: retries a dropped connection", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "customer-profiles", count: 1, drop: true });
    expect((await aws(stub.baseUrl).deleteProfileObject(sample)).data).toEqual({ Message: "OK" });
    expect(hits("customer-profiles")).toBe(2);
  });

  test("Access Profiles: retries 500 three times at once; does not retry 429", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "access-profiles", count: 3, status: 500 });
    expect((await sailpoint(stub.baseUrl).deleteAccessProfile(unused)).response.status).toBe(204);
    expect(hits("access-profiles")).toBe(4);
    await admin.addFault({ api: "access-profiles", count: 1, status: 429 });
    expect((await sailpoint(stub.baseUrl).deleteAccessProfile(unused)).error).toMatchObject({
      name: "TooManyRequests",
      attempts: 1,
    });
    expect(hits("access-profiles")).toBe(5);
  });

  test("Access Profiles: gives up with 500 after three retries", async () => {
    const { stub, admin } = await start();
    await admin.addFault({ api: "access-profiles", count: 4, status: 500 });
    expect((await sailpoint(stub.baseUrl).deleteAccessProfile(unused)).error).toMatchObject({
      name: "InternalServerError",
      attempts: 4,
    });
  });
});
