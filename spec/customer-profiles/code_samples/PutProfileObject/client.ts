import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

// The Order type's PROFILE key is the email field: the object attaches to the profile with that EmailAddress.
const { data, error } = await client.raw.PUT("/domains/{DomainName}/profiles/objects", {
  params: { path: { DomainName: "DemoDomain" } },
  body: {
    ObjectTypeName: "Order",
    Object: JSON.stringify({ orderId: "1002", email: "jane.doe@example.com", total: "19.90", currency: "EUR" }),
  },
});
if (error) throw new Error(error.Message);
console.log(data.ProfileObjectUniqueKey);
