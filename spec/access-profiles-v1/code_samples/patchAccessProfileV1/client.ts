import { clientCredentialsToken, createAccessProfilesV1Client } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesV1Client({
  baseUrl: host,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { data, error } = await client.raw.PATCH("/access-profiles/v1/{id}", {
  params: { path: { id: "2c9180835d191a86015d28455b4a2402" } },
  headers: { "Content-Type": "application/json-patch+json" },
  body: [
    { op: "replace", path: "/description", value: "What every new hire gets on day one, and the VPN." },
    { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" } },
  ],
});
if (error) throw error; // e.g. error.detailCode === "400.1 Bad Request Content" for /source without /entitlements
console.log(data.entitlements?.length); // 2
