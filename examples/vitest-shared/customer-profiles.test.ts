// Another file of the suite that shares one stub (global-setup.ts), in a worker of its own: the
// object it deletes is one it put, under an order number of its own, so it needs no reset.
import { randomUUID } from "node:crypto";
import { createCustomerProfilesClient } from "contract-stubs/client";
import { expect, inject, test } from "vitest";

const customerProfiles = createCustomerProfilesClient({
  baseUrl: inject("stubUrl"),
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
    ProfileObjectUniqueKey: put!.ProfileObjectUniqueKey!,
  };

  expect((await customerProfiles.deleteProfileObject(object)).data?.Message).toBe("OK");
  const again = await customerProfiles.deleteProfileObject(object);
  expect(again.error?.name).toBe("ResourceNotFoundException");
});
