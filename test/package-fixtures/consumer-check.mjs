// Run by examples/ci/with-stub.sh in the package test, as a consumer's suite would be: plain ESM
// JavaScript, no loader. The official SDKs come from this repository's dev dependencies (named by
// SDK_RESOLVE_FROM); the client comes from the installed contract-stubs package.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { createAccessProfilesClient, createCustomerProfilesClient, createStubAdminClient } from "contract-stubs/client";

const url = process.env.STUB_URL;
console.log(`node ${process.version}`);
const sdks = createRequire(process.env.SDK_RESOLVE_FROM);
const { CustomerProfilesClient, DeleteProfileObjectCommand, ResourceNotFoundException } = sdks(
  "@aws-sdk/client-customer-profiles",
);
const { AccessProfilesApi, Configuration } = sdks("sailpoint-api-client");
const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const object = {
  DomainName: "DemoDomain",
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "MyCustomObjectName",
  ProfileObjectUniqueKey: "UniqueKeyOfTheProfileObject",
};

// The official SDKs, unchanged: the happy path of both operations (the SailPoint one fetching its token).
const aws = new CustomerProfilesClient({ endpoint: url, region: "us-east-1", credentials });
assert.equal((await aws.send(new DeleteProfileObjectCommand(object))).Message, "OK");
await assert.rejects(aws.send(new DeleteProfileObjectCommand(object)), ResourceNotFoundException);
const sailpoint = new AccessProfilesApi(
  new Configuration({
    baseurl: url,
    tokenUrl: `${url}/oauth/token`,
    clientId: "org-admin",
    clientSecret: "stub-secret",
  }),
);
assert.equal((await sailpoint.deleteAccessProfile({ id: "2c91808a7813090a017814121919ecca" })).status, 204);
console.log("official SDKs: ok");

// The typed clients from the package.
const admin = createStubAdminClient({ baseUrl: url });
const health = await admin.health();
assert.equal(health.data?.status, "ok");
assert.deepEqual(
  health.data?.apis.map((api) => api.name),
  ["customer-profiles", "access-profiles", "access-profiles-v1", "sailpoint-oauth", "stub-admin"],
);
assert.equal((await admin.reset()).response.status, 204);
const profiles = createCustomerProfilesClient({ baseUrl: url, region: "eu-west-1", credentials });
assert.deepEqual((await profiles.deleteProfileObject(object)).data, { Message: "OK" });
const missing = await createAccessProfilesClient({
  baseUrl: `${url}/v3`,
  accessToken: "not-a-jwt",
}).deleteAccessProfile("x");
assert.equal(missing.error?.name, "Unauthorized");
console.log(`contract-stubs ${health.data?.version} clients: ok`);

// The docs and specs it serves, from the package's own files.
assert.match(await (await fetch(`${url}/docs/`)).text(), /Contract stub — admin API/);
assert.equal(
  (await fetch(`${url}/openapi/access-profiles.yaml`)).headers.get("content-type"),
  "application/yaml; charset=utf-8",
);
console.log("docs and specs: ok");
