// A test file of a Jest suite that shares one stub (global-setup.mjs). Like the vitest example, it
// creates what it deletes, under a name of its own, so files in other workers never see it and
// nothing needs a reset.
import { randomUUID } from "node:crypto";
import { expect, test } from "@jest/globals";
import { clientCredentialsToken, createAccessProfilesClient } from "contract-stubs/client";

const url = process.env.STUB_URL;
const accessProfiles = createAccessProfilesClient({
  baseUrl: `${url}/v3`,
  accessToken: clientCredentialsToken({ baseUrl: url, clientId: "org-admin", clientSecret: "stub-secret" }),
});

test("an access profile this test created is deleted once, then reads and deletes as not found", async () => {
  const { data: created, error } = await accessProfiles.raw.POST("/access-profiles", {
    body: {
      name: `Contract test ${randomUUID()}`,
      owner: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20640" },
      source: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0001" },
      entitlements: [{ type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0101" }],
    },
  });
  expect(error).toBeUndefined();
  const { id } = created;

  expect((await accessProfiles.deleteAccessProfile(id)).response.status).toBe(204);
  const read = await accessProfiles.raw.GET("/access-profiles/{id}", { params: { path: { id } } });
  expect(read.response.status).toBe(404);
  expect((await accessProfiles.deleteAccessProfile(id)).error?.name).toBe("NotFound");
});
