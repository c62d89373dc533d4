import { clientCredentialsToken, createAccessProfilesV1Client } from "contract-stubs/client";

const host = process.env.STUB_URL ?? "http://127.0.0.1:4010";
const client = createAccessProfilesV1Client({
  baseUrl: host,
  accessToken: clientCredentialsToken({ baseUrl: host, clientId: "org-admin", clientSecret: "stub-secret" }),
});

const { error } = await client.deleteAccessProfileV1("2c91808a7813090a017814121919ecca");
if (error) throw error; // e.g. error.detailCode === "400.2.1.0 Object in use by another"
console.log("deleted");
