// Stateful property: any sequence of deletes, frees (a role, application or lifecycle state stops
// using an access profile, through the admin API) and resets gives the answers a simple model of
// the state predicts: success once, then not-found; in use refused until its users are gone.
import fc from "fast-check";
import { createAccessProfilesClient, createCustomerProfilesClient, createStubAdminClient } from "../../client/index.ts";
import type { DemoData } from "../../server/store.ts";
import { demoCredentials } from "../support/stub.ts";
import { token } from "../support/tokens.ts";

interface Model {
  objects: Set<string>;
  profiles: Set<string>;
  /** How many roles, applications and lifecycle states use each access profile. */
  users: Map<string, number>;
}

interface Real {
  aws: ReturnType<typeof createCustomerProfilesClient>;
  sailpoint: ReturnType<typeof createAccessProfilesClient>;
  admin: ReturnType<typeof createStubAdminClient>;
}

type ObjectRef = { DomainName: string; ProfileId: string; ObjectTypeName: string; ProfileObjectUniqueKey: string };
const keyOf = (o: ObjectRef) => `${o.DomainName}/${o.ProfileId}/${o.ObjectTypeName}/${o.ProfileObjectUniqueKey}`;

function modelOf(data: DemoData): Model {
  const users = new Map<string, number>();
  const ap = data.accessProfiles;
  for (const u of [...ap.roles, ...ap.applications, ...ap.lifecycleStates])
    for (const id of u.accessProfileIds) users.set(id, (users.get(id) ?? 0) + 1);
  return {
    objects: new Set(
      data.customerProfiles.profileObjects.map((o) =>
        keyOf({
          DomainName: o.domainName,
          ProfileId: o.profileId,
          ObjectTypeName: o.objectTypeName,
          ProfileObjectUniqueKey: o.uniqueKey,
        }),
      ),
    ),
    profiles: new Set(ap.accessProfiles.map((p) => p.id)),
    users,
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The real state must be exactly what the model says: nothing else changes. */
async function expectMatches(model: Model, real: Real): Promise<void> {
  const { data } = await real.admin.getState();
  const actual = modelOf(data!);
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  if (!same(actual.objects, model.objects))
    fail(`profile objects differ from the model: ${[...actual.objects]} vs ${[...model.objects]}`);
  if (!same(actual.profiles, model.profiles))
    fail(`access profiles differ from the model: ${[...actual.profiles]} vs ${[...model.profiles]}`);
  for (const id of model.profiles)
    if ((actual.users.get(id) ?? 0) !== (model.users.get(id) ?? 0)) fail(`users of ${id} differ from the model`);
}

class DeleteObject implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ref: ObjectRef) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { data, error } = await real.aws.deleteProfileObject(this.ref);
    const existed = model.objects.delete(keyOf(this.ref));
    if (existed && data?.Message !== "OK") fail(`delete of existing ${keyOf(this.ref)} answered ${error?.name}`);
    if (!existed && error?.name !== "ResourceNotFoundException")
      fail(`delete of missing ${keyOf(this.ref)} answered ${error?.name ?? "success"}`);
    await expectMatches(model, real);
  }
  toString = () => `DeleteObject(${keyOf(this.ref)})`;
}

class DeleteProfile implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { error, response } = await real.sailpoint.deleteAccessProfile(this.id);
    if (!model.profiles.has(this.id)) {
      if (error?.detailCode !== "404 Not found") fail(`delete of missing ${this.id} answered ${response.status}`);
    } else if ((model.users.get(this.id) ?? 0) > 0) {
      if (error?.detailCode !== "400.2.1.0 Object in use by another")
        fail(`delete of in-use ${this.id} answered ${response.status}`);
    } else {
      if (response.status !== 204) fail(`delete of free ${this.id} answered ${response.status}`);
      model.profiles.delete(this.id);
    }
    await expectMatches(model, real);
  }
  toString = () => `DeleteProfile(${this.id})`;
}

class FreeProfile implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { data } = await real.admin.getState();
    const state = data!;
    for (const users of [
      state.accessProfiles.roles,
      state.accessProfiles.applications,
      state.accessProfiles.lifecycleStates,
    ])
      for (const u of users) u.accessProfileIds = u.accessProfileIds.filter((x) => x !== this.id);
    const { error } = await real.admin.replaceState(state);
    if (error) fail(`freeing ${this.id} was refused: ${error.details}`);
    model.users.set(this.id, 0);
    await expectMatches(model, real);
  }
  toString = () => `FreeProfile(${this.id})`;
}

class Reset implements fc.AsyncCommand<Model, Real> {
  constructor(readonly initial: DemoData) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await real.admin.reset();
    Object.assign(model, modelOf(this.initial));
    await expectMatches(model, real);
  }
  toString = () => "Reset";
}

export async function fuzzState(
  baseUrl: string,
  initial: DemoData,
  options: { runs: number; seed: number },
): Promise<void> {
  const objects: ObjectRef[] = initial.customerProfiles.profileObjects.map((o) => ({
    DomainName: o.domainName,
    ProfileId: o.profileId,
    ObjectTypeName: o.objectTypeName,
    ProfileObjectUniqueKey: o.uniqueKey,
  }));
  objects.push(
    { ...objects[0]!, ProfileObjectUniqueKey: "never-existed" },
    { ...objects[0]!, DomainName: "NoSuchDomain" },
  );
  const ids = [...initial.accessProfiles.accessProfiles.map((p) => p.id), "2c91808a7813090a0178141219190000"];
  const commands = [
    fc.constantFrom(...objects).map((o) => new DeleteObject(o)),
    fc.constantFrom(...ids).map((id) => new DeleteProfile(id)),
    fc.constantFrom(...ids).map((id) => new FreeProfile(id)),
    fc.constant(new Reset(initial)),
  ];
  const real: Real = {
    aws: createCustomerProfilesClient({ baseUrl, region: "us-east-1", credentials: demoCredentials, retry: false }),
    sailpoint: createAccessProfilesClient({ baseUrl: `${baseUrl}/v3`, accessToken: await token(), retry: false }),
    admin: createStubAdminClient({ baseUrl }),
  };
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
      await real.admin.reset();
      await fc.asyncModelRun(() => ({ model: modelOf(initial), real }), cmds);
    }),
    { numRuns: options.runs, seed: options.seed },
  );
}
