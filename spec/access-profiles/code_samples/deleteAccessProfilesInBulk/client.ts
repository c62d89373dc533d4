import { clientCredentialsToken, createAccessProfilesClient } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesClient({
  baseUrl: `${host}/v3`,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { data, error, response } = await client.raw.POST("/access-profiles/bulk-delete", {
  body: { accessProfileIds: ["2c91808a7813090a017814121919ecca"], bestEffortOnly: false },
});
if (error) throw error; // e.g. error.detailCode === "400.1.404 Referenced object not found"
// 202: being deleted (pending); 200: nothing deleted, since some are in use (inUse).
console.log(response.status, data.pending, data.inUse);
