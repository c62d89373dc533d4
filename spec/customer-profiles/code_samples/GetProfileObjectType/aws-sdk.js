import { CustomerProfilesClient, GetProfileObjectTypeCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const output = await client.send(
  new GetProfileObjectTypeCommand({ DomainName: "DemoDomain", ObjectTypeName: "Order" }),
);
console.log(output.Description, Object.keys(output.Keys ?? {}));
