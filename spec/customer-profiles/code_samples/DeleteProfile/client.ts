import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const { data, error } = await client.raw.POST("/domains/{DomainName}/profiles/delete", {
  params: { path: { DomainName: "DemoDomain" } },
  body: { ProfileId: "0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b" },
});
if (error) throw new Error(error.Message); // ResourceNotFoundException when there is no such profile
console.log(data.Message);
