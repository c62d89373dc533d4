// A consumer's suite asking the stub's request journal what its code sent: how many requests, in
// what order, how long apart. The code under test here is the services' official SDKs, unchanged.
import { CustomerProfilesClient, DeleteProfileObjectCommand } from "@aws-sdk/client-customer-profiles";
import { startStub, type RunningStub } from "contract-stubs";
import { AccessProfilesApi, Configuration } from "sailpoint-api-client";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";

let stub: RunningStub;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());
beforeEach(async () => {
  await stub.admin.reset(); // the journal is emptied with the state
});

test("the AWS SDK retries a throttled DeleteProfileObject once, after Retry-After", async () => {
  await stub.admin.addFault({ operationId: "DeleteProfileObject", count: 1, status: 429 });
  const aws = new CustomerProfilesClient({
    endpoint: stub.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
  });
  const input = {
    DomainName: "DemoDomain",
    ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
    ObjectTypeName: "MyCustomObjectName",
    ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
  };
  expect((await aws.send(new DeleteProfileObjectCommand(input))).Message).toBe("OK");

  const { requests } = await stub.requests({ operationId: "DeleteProfileObject" });
  expect(requests.map((entry) => entry.response?.status)).toEqual([429, 200]);
  const [throttled, retried] = requests;
  const retryAfterMs = Number(throttled!.response!.headers["retry-after"]) * 1000;
  const answeredAt = Date.parse(throttled!.time) + throttled!.durationMs;
  expect(Date.parse(retried!.time) - answeredAt).toBeGreaterThanOrEqual(retryAfterMs - 5);
  expect(retried!.request.body).toEqual(throttled!.request.body);
});

test("the SailPoint SDK fetches one token and reuses it for every delete", async () => {
  const sailpoint = new AccessProfilesApi(
    new Configuration({
      baseurl: stub.url,
      tokenUrl: `${stub.url}/oauth/token`,
      clientId: "org-admin",
      clientSecret: "stub-secret",
    }),
  );
  await sailpoint.deleteAccessProfile({ id: "2c91808a7813090a017814121919ecca" });
  await sailpoint.deleteAccessProfile({ id: "2c9180835d191a86015d28455b4a2403" });

  const { requests } = await stub.requests();
  expect(requests.map((entry) => [entry.operationId, entry.response?.status])).toEqual([
    ["createAccessToken", 200],
    ["deleteAccessProfile", 204],
    ["deleteAccessProfile", 204],
  ]);
  // Secrets never reach the journal: what the token request and the deletes carried is redacted.
  expect(requests[0]!.request.body).toMatchObject({ client_id: "org-admin", client_secret: "[REDACTED]" });
  expect(requests[1]!.request.headers.authorization).toBe("Bearer [REDACTED]");
});

test("a request to a path the API does not have is recorded as matching no operation", async () => {
  await fetch(`${stub.url}/v3/access-profile/2c91808a7813090a017814121919ecca`, { method: "DELETE" });
  const { requests } = await stub.requests({ api: "access-profiles" });
  expect(requests).toMatchObject([{ operationId: null, request: { method: "DELETE" }, response: { status: 401 } }]);
});
