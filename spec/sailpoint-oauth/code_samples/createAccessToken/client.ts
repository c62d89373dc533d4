import { createSailPointOAuthClient } from "contract-stubs/client";

const oauth = createSailPointOAuthClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { data, error } = await oauth.createAccessToken({ clientId: "org-admin", clientSecret: "stub-secret" });
if (error) throw error; // error.code is the RFC 6749 code, e.g. "invalid_client"
console.log(data.token_type, data.expires_in);
