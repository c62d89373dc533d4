import { CustomerProfilesClient, PutProfileObjectCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

// The Order type's PROFILE key is the email field: the object attaches to the profile with that EmailAddress.
const output = await client.send(
  new PutProfileObjectCommand({
    DomainName: "DemoDomain",
    ObjectTypeName: "Order",
    Object: JSON.stringify({ orderId: "1002", email: "jane.doe@example.com", total: "19.90", currency: "EUR" }),
  }),
);
console.log(output.ProfileObjectUniqueKey);
