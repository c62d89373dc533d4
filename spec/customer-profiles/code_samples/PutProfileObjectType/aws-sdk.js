import { CustomerProfilesClient, PutProfileObjectTypeCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

const output = await client.send(
  new PutProfileObjectTypeCommand({
    DomainName: "DemoDomain",
    ObjectTypeName: "Subscription",
    Description: "Subscriptions of a customer",
    Fields: {
      subscriptionId: { Source: "_source.subscriptionId", ContentType: "STRING" },
      email: { Source: "_source.email", Target: "_profile.EmailAddress", ContentType: "EMAIL_ADDRESS" },
    },
    Keys: {
      subscriptionId: [{ StandardIdentifiers: ["UNIQUE"], FieldNames: ["subscriptionId"] }],
      email: [{ StandardIdentifiers: ["PROFILE"], FieldNames: ["email"] }],
    },
  }),
);
console.log(output.ObjectTypeName, output.CreatedAt);
