import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const { data, error } = await client.raw.POST("/domains/{DomainName}/profiles", {
  params: { path: { DomainName: "DemoDomain" } },
  body: { FirstName: "Ana", LastName: "Silva", EmailAddress: "ana.silva@example.com" },
});
if (error) throw new Error(error.Message);
console.log(data.ProfileId);
