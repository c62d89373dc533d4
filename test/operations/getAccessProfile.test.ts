// getAccessProfile's own behaviour beyond one answer per status: who may read what, and a read after a delete.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAccessProfilesClient } from "../../client/index.ts";
import { startTestStub, type TestStub, unusedAccessProfile } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

let stub: TestStub;
beforeEach(async () => {
  stub = await startTestStub({ exerciser: "client" });
});
afterEach(async () => {
  await stub.close();
});

const client = async (claims?: Parameters<typeof token>[0]) =>
  createAccessProfilesClient({ baseUrl: `${stub.baseUrl}/v3`, accessToken: await token(claims), retry: false });
const read = async (id: string, claims?: Parameters<typeof token>[0]) =>
  (await client(claims)).raw.GET("/access-profiles/{id}", { params: { path: { id } } });

describe("GET /access-profiles/{id}", () => {
  test("a source sub-admin reads the access profiles of the sources it administers", async () => {
    const subadmin = { clientId: "source-subadmin", authorities: ["SOURCE_SUBADMIN"] };
    const { data } = await read(unusedAccessProfile, subadmin);
    expect(data?.source).toMatchObject({ name: "Active Directory" });
  });

  test("a role admin reads every source's, as the service's user levels allow", async () => {
    const { data } = await read("2c9180835d191a86015d28455b4a2329", { authorities: ["ROLE_ADMIN"] });
    expect(data?.name).toBe("Payroll Approvers");
  });

  test("answers 404 once the access profile is deleted, and the delete again 404 too", async () => {
    expect((await read(unusedAccessProfile)).response.status).toBe(200);
    const sailpoint = await client();
    expect((await sailpoint.deleteAccessProfile(unusedAccessProfile)).response.status).toBe(204);
    expect((await read(unusedAccessProfile)).error).toMatchObject({ detailCode: "404 Not found" });
    expect((await sailpoint.deleteAccessProfile(unusedAccessProfile)).response.status).toBe(404);
  });
});
