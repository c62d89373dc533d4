// Compiled by the package test with strict settings against the installed package: its types must
// resolve (NodeNext and Bundler) and be real; every @ts-expect-error below fails the compile if
// they turn into `any`.
import {
  ListenError,
  StateError,
  startStub,
  summaryText,
  verify,
  type CaseOutcome,
  type RunningStub,
  type StubOptions,
  type StubState,
  type VerifyReport,
} from "contract-stubs";
import {
  createAccessProfilesClient,
  createCustomerProfilesClient,
  type CustomerProfilesError,
  type StubHealth,
} from "contract-stubs/client";

const options: StubOptions = { port: 0, rateLimits: "realistic", quiet: true };
// @ts-expect-error: rateLimits is "off" or "realistic"
const unknownPreset: StubOptions = { rateLimits: "fast" };

const stub: RunningStub = await startStub(options);
// The errors startStub rejects with are classes a consumer can test for, with typed members.
const refused: unknown = await startStub({ port: Number(new URL(stub.url).port) }).catch((e: unknown) => e);
const busy: string | undefined = refused instanceof ListenError ? refused.code : undefined;
const problems: string[] = refused instanceof StateError ? refused.problems : [];
// @ts-expect-error: code is a string
const codeAsNumber: number | undefined = refused instanceof ListenError ? refused.code : undefined;
const health: StubHealth | undefined = (await stub.admin.health()).data;
const ok: "ok" | undefined = health?.status;
// @ts-expect-error: status is always "ok"
const notOk: "starting" | undefined = health?.status;
const state: StubState | undefined = (await stub.admin.getState()).data;

const profiles = createCustomerProfilesClient({
  baseUrl: stub.url,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" },
});
const { error } = await profiles.deleteProfileObject({
  DomainName: "D",
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "T",
  ProfileObjectUniqueKey: "K",
});
const name: CustomerProfilesError["name"] | undefined = error?.name;
// @ts-expect-error: ProfileId is required
await profiles.deleteProfileObject({ DomainName: "D", ObjectTypeName: "T", ProfileObjectUniqueKey: "K" });
// @ts-expect-error: the documented error names only
const impossible: typeof name = "NoSuchError";

const accessProfiles = createAccessProfilesClient({ baseUrl: `${stub.url}/v3`, accessToken: "token" });
const detail: string | undefined = (await accessProfiles.deleteAccessProfile("id")).error?.detailCode;

const report: VerifyReport = await verify({
  api: "access-profiles",
  baseUrl: stub.url,
  client: { clientId: "org-admin", clientSecret: "stub-secret" },
});
const outcome: CaseOutcome | undefined = report.cases[0]?.outcome;
const text: string = summaryText(report);
// @ts-expect-error: verify takes the two APIs only
await verify({ api: "stub-admin", baseUrl: stub.url });
// @ts-expect-error: there is no such outcome
const unknownOutcome: CaseOutcome = "maybe";

await stub.close();
export {
  busy,
  codeAsNumber,
  detail,
  impossible,
  notOk,
  ok,
  outcome,
  problems,
  state,
  text,
  unknownOutcome,
  unknownPreset,
};
