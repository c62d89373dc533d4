import { clientCredentialsToken, createAccessProfilesV1Client } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesV1Client({
  baseUrl: host,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { data, error, response } = await client.raw.GET("/access-profiles/v1", {
  params: { query: { filters: 'source.id eq "2c9180835d191a86015d28455b4a0002"', sorters: "name", count: true } },
});
if (error) throw error; // e.g. error.detailCode === "400.1 Bad Request Content" for a filter it does not support
console.log(
  response.headers.get("x-total-count"),
  data.map((p) => p.name),
); // 2 [ 'Expense Reports', 'Payroll Approvers' ]
