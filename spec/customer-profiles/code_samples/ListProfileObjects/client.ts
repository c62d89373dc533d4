import { createCustomerProfilesClient } from "contract-stubs/client";

const client = createCustomerProfilesClient({
  baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
});

let next: string | undefined;
do {
  const { data, error } = await client.raw.POST("/domains/{DomainName}/profiles/objects", {
    params: { path: { DomainName: "DemoDomain" }, query: { "max-results": 10, "next-token": next } },
    body: { ObjectTypeName: "CTR", ProfileId: "3991a7d959d248bba82546b2d0e0a1b2" },
  });
  if (error) throw new Error(error.Message);
  for (const item of data.Items ?? []) console.log(item.ProfileObjectUniqueKey, JSON.parse(item.Object ?? "{}"));
  next = data.NextToken;
} while (next);
