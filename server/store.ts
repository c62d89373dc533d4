// The stub's state: loaded from demo data, held in memory, changed only by the operations.
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { newAjv } from "./shared/ajv.ts";
import type { components } from "../generated/stub-admin.d.ts";
import { locations } from "./locations.ts";
import { loadSpec } from "./shared/spec.ts";

// The shape of state is defined once, in the admin API's spec (StubState), and used for the
// demo-data file, the admin API and these types alike.
type Schemas = components["schemas"];
export type DemoData = Schemas["StubState"];
export type AwsCredential = Schemas["AwsCredential"];
export type ProfileObject = Schemas["ProfileObject"];
export type OAuthClient = Schemas["OAuthClient"];
export type Source = Schemas["Source"];
export type AccessProfile = Schemas["AccessProfileRecord"];
/** A role, an application or a lifecycle state: something that can keep an access profile in use. */
export type AccessProfileUser = Schemas["AccessProfileUser"];

let validateData: ValidateFunction<DemoData> | undefined;

/**
 * The StubState schema, compiled on first use: a stub starting from the demo data it ships (which
 * the test suite checks) never needs it, and compiling it is a noticeable part of a start. Only the
 * spec's schemas are compiled (their refs, #/components/schemas/…, resolve within this small root),
 * and not checked against JSON Schema's own meta-schema first (validateSchema: false): that costs
 * more than the rest, and the spec is linted before it ships.
 */
function stateValidator(): ValidateFunction<DemoData> {
  validateData ??= newAjv().compile<DemoData>({
    components: { schemas: (loadSpec("stub-admin").components as { schemas: object }).schemas },
    $ref: "#/components/schemas/StubState",
  });
  return validateData;
}

/**
 * State that cannot be used: a file that cannot be read as JSON (its error as `cause`), or state that
 * breaks its schema or refers to records that do not exist. `problems` lists every one.
 */
export class StateError extends Error {
  override readonly name = "StateError";
  constructor(
    readonly origin: string,
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(`${origin} is not valid:\n  ${problems.join("\n  ")}`, options);
  }
}

/** Checks demo data against its schema and its cross-references; throws with every problem listed. */
export function checkDemoData(data: unknown, origin = "demo data"): DemoData {
  const problems: string[] = [];
  const validate = stateValidator();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || "/"} ${e.message}`);
  } else {
    const ap = data.accessProfiles;
    const sources = new Set(ap.sources.map((s) => s.id));
    const entitlementsOf = new Map(
      ap.sources.flatMap((s) => (s.entitlements ? [[s.id, new Set(s.entitlements.map((e) => e.id))] as const] : [])),
    );
    for (const c of ap.oauthClients)
      for (const id of c.sourceIds ?? [])
        if (!sources.has(id)) problems.push(`OAuth client ${c.clientId} administers unknown source ${id}`);
    const profiles = new Set<string>();
    for (const p of ap.accessProfiles) {
      if (profiles.has(p.id)) problems.push(`access profile ${p.id} is listed twice`);
      profiles.add(p.id);
      if (!sources.has(p.sourceId)) problems.push(`access profile ${p.id} names unknown source ${p.sourceId}`);
      // A source that lists its entitlements holds every access profile of it to them.
      const known = entitlementsOf.get(p.sourceId);
      for (const e of p.entitlements ?? [])
        if (known && !known.has(e.id))
          problems.push(`access profile ${p.id} has entitlement ${e.id}, which its source ${p.sourceId} does not list`);
    }
    for (const [kind, users] of Object.entries({
      role: ap.roles,
      application: ap.applications,
      "lifecycle state": ap.lifecycleStates,
    }))
      for (const u of users)
        for (const id of u.accessProfileIds)
          if (!profiles.has(id)) problems.push(`${kind} ${u.id} uses unknown access profile ${id}`);
    const domains = new Set(data.customerProfiles.domains);
    const keys = new Set<string>();
    for (const o of data.customerProfiles.profileObjects) {
      if (!domains.has(o.domainName))
        problems.push(`profile object ${o.uniqueKey} is in unknown domain ${o.domainName}`);
      const key = objectKey(o.domainName, o.profileId, o.objectTypeName, o.uniqueKey);
      if (keys.has(key)) problems.push(`profile object ${o.uniqueKey} of type ${o.objectTypeName} is listed twice`);
      keys.add(key);
    }
  }
  if (problems.length > 0) throw new StateError(origin, problems);
  return data as DemoData;
}

function parseDemoData(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StateError(`the demo data ${file}`, [`cannot be read as JSON: ${(error as Error).message}`], {
      cause: error,
    });
  }
}

/** Reads a demo-data file and checks it; throws with every problem listed. */
export function readDemoData(file: string): DemoData {
  return checkDemoData(parseDemoData(file), file);
}

/** The demo data shipped with the stub, not checked again: test/state.test.ts checks it. */
export function packagedDemoData(): DemoData {
  return parseDemoData(locations.demoData) as DemoData;
}

function objectKey(domain: string, profileId: string, type: string, key: string): string {
  // NUL cannot occur in any of the four (they are JSON strings from validated requests), so keys never collide.
  return `${domain}\0${profileId}\0${type}\0${key}`;
}

export type DeleteObjectOutcome = "deleted" | "no-domain" | "no-object";

export class CustomerProfilesStore {
  private domains = new Set<string>();
  private objects = new Map<string, ProfileObject>();
  private credentials = new Map<string, AwsCredential>();

  load(data: DemoData["customerProfiles"]): void {
    this.domains = new Set(data.domains);
    this.objects = new Map(
      data.profileObjects.map((o) => [
        objectKey(o.domainName, o.profileId, o.objectTypeName, o.uniqueKey),
        structuredClone(o),
      ]),
    );
    this.credentials = new Map(data.credentials.map((c) => [c.accessKeyId, { ...c }]));
  }

  credential(accessKeyId: string): AwsCredential | undefined {
    return this.credentials.get(accessKeyId);
  }

  deleteObject(domain: string, profileId: string, type: string, key: string): DeleteObjectOutcome {
    if (!this.domains.has(domain)) return "no-domain";
    return this.objects.delete(objectKey(domain, profileId, type, key)) ? "deleted" : "no-object";
  }

  snapshot(): DemoData["customerProfiles"] {
    return {
      credentials: [...this.credentials.values()].map((c) => ({ ...c })),
      domains: [...this.domains],
      profileObjects: [...this.objects.values()].map((o) => structuredClone(o)),
    };
  }
}

export type DeleteAccessProfileOutcome =
  | { outcome: "deleted" }
  | { outcome: "not-found" }
  | {
      outcome: "in-use";
      profile: AccessProfile;
      users: { kind: "role" | "application" | "lifecycle state"; user: AccessProfileUser }[];
    };

export class AccessProfilesStore {
  private oauthClients = new Map<string, OAuthClient>();
  private sources = new Map<string, Source>();
  private profiles = new Map<string, AccessProfile>();
  private roles: AccessProfileUser[] = [];
  private applications: AccessProfileUser[] = [];
  private lifecycleStates: AccessProfileUser[] = [];

  load(data: DemoData["accessProfiles"]): void {
    this.oauthClients = new Map(data.oauthClients.map((c) => [c.clientId, structuredClone(c)]));
    this.sources = new Map(data.sources.map((s) => [s.id, structuredClone(s)]));
    // Records are kept whole, as the admin spec's schema shapes them, and copied deep: a richer
    // record is a change of the schema and of the demo data alone.
    this.profiles = new Map(data.accessProfiles.map((p) => [p.id, structuredClone(p)]));
    this.roles = structuredClone(data.roles);
    this.applications = structuredClone(data.applications);
    this.lifecycleStates = structuredClone(data.lifecycleStates);
  }

  oauthClient(clientId: string): OAuthClient | undefined {
    return this.oauthClients.get(clientId);
  }

  find(id: string): AccessProfile | undefined {
    return this.profiles.get(id);
  }

  /** Every access profile, in the order they were loaded or created. */
  all(): AccessProfile[] {
    return [...this.profiles.values()];
  }

  /** The access profile of this name, if one has it. */
  named(name: string): AccessProfile | undefined {
    for (const p of this.profiles.values()) if (p.name === name) return p;
    return undefined;
  }

  /** The OAuth client whose token is this identity's, if one is. */
  clientOfIdentity(identityId: string): OAuthClient | undefined {
    for (const c of this.oauthClients.values()) if (c.identity?.id === identityId) return c;
    return undefined;
  }

  /** An identity the state knows: a token's user or an access profile's owner. */
  identity(id: string): AccessProfile["owner"] | undefined {
    const user = this.clientOfIdentity(id)?.identity;
    if (user) return user;
    for (const p of this.profiles.values()) if (p.owner.id === id) return p.owner;
    return undefined;
  }

  /** Adds an access profile the caller has checked (its source exists, its id is new). */
  add(profile: AccessProfile): void {
    this.profiles.set(profile.id, structuredClone(profile));
  }

  source(id: string): Source | undefined {
    return this.sources.get(id);
  }

  /** Deletes the access profile unless a role, an application or a lifecycle state uses it. */
  delete(id: string): DeleteAccessProfileOutcome {
    const profile = this.profiles.get(id);
    if (!profile) return { outcome: "not-found" };
    const users = [
      ...this.roles.filter((u) => u.accessProfileIds.includes(id)).map((user) => ({ kind: "role" as const, user })),
      ...this.applications
        .filter((u) => u.accessProfileIds.includes(id))
        .map((user) => ({ kind: "application" as const, user })),
      ...this.lifecycleStates
        .filter((u) => u.accessProfileIds.includes(id))
        .map((user) => ({ kind: "lifecycle state" as const, user })),
    ];
    if (users.length > 0) return { outcome: "in-use", profile, users };
    this.profiles.delete(id);
    return { outcome: "deleted" };
  }

  snapshot(): DemoData["accessProfiles"] {
    return {
      oauthClients: [...this.oauthClients.values()].map((c) => structuredClone(c)),
      sources: [...this.sources.values()].map((s) => structuredClone(s)),
      accessProfiles: [...this.profiles.values()].map((p) => structuredClone(p)),
      roles: structuredClone(this.roles),
      applications: structuredClone(this.applications),
      lifecycleStates: structuredClone(this.lifecycleStates),
    };
  }
}

/** All state of the stub. `reset()` returns to the data it was created with. */
export class StubStore {
  readonly customerProfiles = new CustomerProfilesStore();
  readonly accessProfiles = new AccessProfilesStore();
  private initial: DemoData;

  /** Starts from `data` (and resets to it), checked first unless the caller already has. */
  constructor(data: DemoData, options: { checked?: boolean } = {}) {
    this.initial = structuredClone(options.checked ? data : checkDemoData(data));
    this.reset();
  }

  reset(): void {
    this.load(this.initial);
  }

  /** Replaces all state at once; the data is checked first, so a bad replacement changes nothing. */
  replace(data: DemoData): void {
    this.load(checkDemoData(structuredClone(data)));
  }

  private load(data: DemoData): void {
    this.customerProfiles.load(data.customerProfiles);
    this.accessProfiles.load(data.accessProfiles);
  }

  snapshot(): DemoData {
    return { customerProfiles: this.customerProfiles.snapshot(), accessProfiles: this.accessProfiles.snapshot() };
  }
}
