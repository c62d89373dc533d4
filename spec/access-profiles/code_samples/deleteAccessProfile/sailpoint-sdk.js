import { AccessProfilesApi, Configuration } from "sailpoint-api-client";

const baseurl = process.env.STUB_URL ?? "http://127.0.0.1:4010"; // your tenant: https://{tenant}.api.identitynow.com
const api = new AccessProfilesApi(
  new Configuration({
    baseurl,
    tokenUrl: `${baseurl}/oauth/token`,
    clientId: "org-admin",
    clientSecret: "stub-secret",
  }),
);

const response = await api.deleteAccessProfile({ id: "2c91808a7813090a017814121919ecca" });
console.log(response.status); // 204
