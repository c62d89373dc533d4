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

const { data } = await api.listAccessProfiles({
  filters: 'source.id eq "2c9180835d191a86015d28455b4a0002"',
  sorters: "name",
});
console.log(data.map((p) => p.name)); // [ 'Expense Reports', 'Payroll Approvers' ]
