import { clientCredentialsToken, createAccessProfilesV1Client } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesV1Client({
  baseUrl: host,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { data, error } = await client.raw.GET("/access-profiles/v1/{id}", {
  params: { path: { id: "2c9180835d191a86015d28455b4a2329" } },
});
if (error) throw error; // e.g. error.detailCode === "404 Not found"
console.log(data.name, data.source.name); // Payroll Approvers Workday
