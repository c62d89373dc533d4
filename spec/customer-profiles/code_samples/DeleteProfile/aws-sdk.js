import { CustomerProfilesClient, DeleteProfileCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const output = await client.send(
  new DeleteProfileCommand({ DomainName: "DemoDomain", ProfileId: "0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b" }),
);
console.log(output.Message);
