import { clientCredentialsToken, createAccessProfilesV1Client } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesV1Client({
  baseUrl: host,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { data, error } = await client.raw.POST("/access-profiles/v1", {
  body: {
    name: "Contractor VPN",
    owner: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20640" },
    source: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0001" },
    entitlements: [{ type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" }],
    enabled: true,
  },
});
if (error) throw error; // e.g. error.detailCode === "400.1 Bad Request Content" for a name already taken
console.log(data.id, data.source.name); // a new ID, Active Directory
