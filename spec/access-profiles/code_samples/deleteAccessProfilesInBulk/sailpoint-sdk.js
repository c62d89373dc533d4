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

const { status, data } = await api.deleteAccessProfilesInBulk({
  accessProfileBulkDeleteRequest: { accessProfileIds: ["2c91808a7813090a017814121919ecca"], bestEffortOnly: false },
});
console.log(status, data.pending, data.inUse); // 202 when something is being deleted
