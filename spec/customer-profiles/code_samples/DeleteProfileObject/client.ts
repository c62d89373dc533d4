import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const { data, error } = await client.deleteProfileObject({
  DomainName: "DemoDomain",
  ObjectTypeName: "MyCustomObjectName",
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
});
if (error) throw error; // error.name is the documented one, e.g. "ResourceNotFoundException"
console.log(data.Message);
