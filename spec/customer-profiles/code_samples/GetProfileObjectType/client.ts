import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const { data, error } = await client.raw.GET("/domains/{DomainName}/object-types/{ObjectTypeName}", {
  params: { path: { DomainName: "DemoDomain", ObjectTypeName: "Order" } },
});
if (error) throw new Error(error.Message);
console.log(data.Description, Object.keys(data.Keys ?? {}));
