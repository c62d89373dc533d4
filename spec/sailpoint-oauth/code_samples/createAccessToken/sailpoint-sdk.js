import { Configuration } from "sailpoint-api-client";

const baseurl = process.env.STUB_URL ?? "http://127.0.0.1:4010";
// The SDK requests a token as soon as it is configured with a client id and secret.
const config = new Configuration({
  baseurl,
  tokenUrl: `${baseurl}/oauth/token`,
  clientId: "org-admin",
  clientSecret: "stub-secret",
});
const token = await config.accessToken;
console.log(token.split(".").length === 3 ? "got a JWT" : token);
