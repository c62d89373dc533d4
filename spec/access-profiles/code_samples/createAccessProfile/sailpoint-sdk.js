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

const { data } = await api.createAccessProfile({
  accessProfile: {
    name: "Contractor VPN",
    owner: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20640" },
    source: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0001" },
    entitlements: [{ type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" }],
    enabled: true,
  },
});
console.log(data.id, data.name); // a new ID, Contractor VPN
