import { CustomerProfilesClient, CreateProfileCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const output = await client.send(
  new CreateProfileCommand({
    DomainName: "DemoDomain",
    FirstName: "Ana",
    LastName: "Silva",
    EmailAddress: "ana.silva@example.com",
  }),
);
console.log(output.ProfileId);
