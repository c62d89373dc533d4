// A consumer's own vitest suite with the stub started in-process: one stub for the file, its state
// reset before each test. The code under test here is the package's own client; in your suite it is
// your code, pointed at `stub.url`.
import { startStub, type RunningStub } from "contract-stubs";
import { clientCredentialsToken, createAccessProfilesClient } from "contract-stubs/client";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

let stub: RunningStub;
beforeAll(async () => {
  stub = await startStub(); // 127.0.0.1, a free port, ready when it resolves
});
afterAll(() => stub.close());
beforeEach(async () => {
  await stub.admin.reset(); // back to the demo data, faults dropped
});

const unusedProfile = "2c91808a7813090a017814121919ecca";

function accessProfiles() {
  const accessToken = clientCredentialsToken({ baseUrl: stub.url, clientId: "org-admin", clientSecret: "stub-secret" });
  return createAccessProfilesClient({ baseUrl: `${stub.url}/v3`, accessToken });
}

describe("deleting an access profile", () => {
  test("succeeds once, then the profile is gone", async () => {
    const first = await accessProfiles().deleteAccessProfile(unusedProfile);
    expect(first.response.status).toBe(204);
    const second = await accessProfiles().deleteAccessProfile(unusedProfile);
    expect(second.error?.name).toBe("NotFound");
  });

  test("gives up after the SDK's three retries when the service keeps failing", async () => {
    await stub.admin.addFault({ api: "access-profiles", operationId: "deleteAccessProfile", count: 4, status: 500 });
    const { error } = await accessProfiles().deleteAccessProfile(unusedProfile);
    expect(error?.status).toBe(500);
    expect(error?.attempts).toBe(4);
  });
});
