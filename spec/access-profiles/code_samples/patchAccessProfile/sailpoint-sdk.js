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

const { data } = await api.patchAccessProfile({
  id: "2c9180835d191a86015d28455b4a2402",
  jsonPatchOperation: [
    { op: "replace", path: "/description", value: "What every new hire gets on day one, and the VPN." },
    { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" } },
  ],
});
console.log(data.entitlements?.length); // 2
