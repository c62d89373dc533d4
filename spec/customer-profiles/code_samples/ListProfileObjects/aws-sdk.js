import { CustomerProfilesClient, ListProfileObjectsCommand } from "@aws-sdk/client-customer-profiles";

const client = new CustomerProfilesClient({
  endpoint: process.env.STUB_URL ?? "http://127.0.0.1:4010", // leave out to call AWS itself
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

let NextToken;
do {
  const page = await client.send(
    new ListProfileObjectsCommand({
      DomainName: "DemoDomain",
      ObjectTypeName: "CTR",
      ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
      MaxResults: 10,
      NextToken,
    }),
  );
  for (const item of page.Items ?? []) console.log(item.ProfileObjectUniqueKey, JSON.parse(item.Object));
  NextToken = page.NextToken;
} while (NextToken);
