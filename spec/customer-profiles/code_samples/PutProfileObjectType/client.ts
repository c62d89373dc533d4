import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const { data, error } = await client.raw.PUT("/domains/{DomainName}/object-types/{ObjectTypeName}", {
  params: { path: { DomainName: "DemoDomain", ObjectTypeName: "Subscription" } },
  body: {
    Description: "Subscriptions of a customer",
    Fields: {
      subscriptionId: { Source: "_source.subscriptionId", ContentType: "STRING" },
      email: { Source: "_source.email", Target: "_profile.EmailAddress", ContentType: "EMAIL_ADDRESS" },
    },
    Keys: {
      subscriptionId: [{ StandardIdentifiers: ["UNIQUE"], FieldNames: ["subscriptionId"] }],
      email: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["email"] }],
    },
  },
});
if (error) throw new Error(error.Message);
console.log(data.ObjectTypeName, data.CreatedAt);
