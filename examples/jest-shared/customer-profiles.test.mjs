// Another file of the Jest suite, in a worker of its own: the object it deletes is one it put,
// under an order number of its own.
import { randomUUID } from "node:crypto";
import { expect, test } from "@jest/globals";
import { createCustomerProfilesClient } from "contract-stubs/client";

const customerProfiles = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});
const DomainName = "DemoDomain";

test("a profile object this test put is deleted once, then is not found", async () => {
  const { data: put, error } = await customerProfiles.raw.PUT("/domains/{DomainName}/profiles/objects", {
    params: { path: { DomainName } },
    body: { ObjectTypeName: "Order", Object: JSON.stringify({ orderId: randomUUID(), email: "jane.doe@example.com" }) },
  });
  expect(error).toBeUndefined();
  const object = {
    DomainName,
    ProfileId: "3991a7d959d248bba82546b2d0e0a1b2", // the demo profile with that address
    ObjectTypeName: "Order",
    ProfileObjectUniqueKey: put.ProfileObjectUniqueKey,
  };

  expect((await customerProfiles.deleteProfileObject(object)).data?.Message).toBe("OK");
  const again = await customerProfiles.deleteProfileObject(object);
  expect(again.error?.name).toBe("ResourceNotFoundException");
});
