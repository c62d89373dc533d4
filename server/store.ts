// The stub's state: loaded from demo data, held in memory, changed only by the operations.
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { newAjv } from "./shared/ajv.ts";
import type { components as customerProfilesComponents } from "../generated/customer-profiles.d.ts";
import type { components } from "../generated/stub-admin.d.ts";
import { locations } from "./locations.ts";
import { loadSpec } from "./shared/spec.ts";

// The shape of state is defined once, in the admin API's spec (StubState), and used for the
// demo-data file, the admin API and these types alike.
type Schemas = components["schemas"];
type CustomerProfilesSchemas = customerProfilesComponents["schemas"];
export type DemoData = Schemas["StubState"];
export type AwsCredential = Schemas["AwsCredential"];
export type ProfileObject = Schemas["ProfileObject"];
export type ProfileObjectTypeRecord = Schemas["ProfileObjectTypeRecord"];
export type CustomerProfile = Schemas["CustomerProfileRecord"];
/** An object type as PutProfileObjectType takes it. */
export type ObjectTypeDefinition = CustomerProfilesSchemas["PutProfileObjectTypeRequest"];
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

let validateDefinition: ValidateFunction<ObjectTypeDefinition> | undefined;

/**
 * PutProfileObjectType's request schema from the Customer Profiles spec, compiled on first use: an
 * object type in the state is held to what the operation takes, so that reading it back answers
 * what the spec documents.
 */
function definitionValidator(): ValidateFunction<ObjectTypeDefinition> {
  validateDefinition ??= newAjv().compile<ObjectTypeDefinition>({
    components: { schemas: (loadSpec("customer-profiles").components as { schemas: object }).schemas },
    $ref: "#/components/schemas/PutProfileObjectTypeRequest",
  });
  return validateDefinition;
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
    problems.push(...customerProfilesProblems(data.customerProfiles));
  }
  if (problems.length > 0) throw new StateError(origin, problems);
  return data as DemoData;
}

/** What refers to nothing in Customer Profiles state; the lists of types and profiles are checked only when given. */
function customerProfilesProblems(data: DemoData["customerProfiles"]): string[] {
  const problems: string[] = [];
  const domains = new Set(data.domains);
  const types = new Set<string>();
  for (const t of data.objectTypes ?? []) {
    const where = `object type ${t.objectTypeName} of domain ${t.domainName}`;
    if (!domains.has(t.domainName)) problems.push(`${where} is in an unknown domain`);
    if (types.has(pair(t.domainName, t.objectTypeName))) problems.push(`${where} is listed twice`);
    types.add(pair(t.domainName, t.objectTypeName));
    const validate = definitionValidator();
    if (!validate(t.definition))
      for (const e of validate.errors ?? []) problems.push(`${where}: definition${e.instancePath} ${e.message}`);
    else for (const p of objectTypeProblems(t.definition)) problems.push(`${where}: ${p}`);
  }
  const profiles = new Set<string>();
  for (const p of data.profiles ?? []) {
    if (!domains.has(p.domainName)) problems.push(`profile ${p.profileId} is in unknown domain ${p.domainName}`);
    if (profiles.has(pair(p.domainName, p.profileId))) problems.push(`profile ${p.profileId} is listed twice`);
    profiles.add(pair(p.domainName, p.profileId));
  }
  const keys = new Set<string>();
  for (const o of data.profileObjects) {
    if (!domains.has(o.domainName)) problems.push(`profile object ${o.uniqueKey} is in unknown domain ${o.domainName}`);
    else if (data.objectTypes && !types.has(pair(o.domainName, o.objectTypeName)))
      problems.push(`profile object ${o.uniqueKey} is of unknown object type ${o.objectTypeName}`);
    else if (data.profiles && !profiles.has(pair(o.domainName, o.profileId)))
      problems.push(`profile object ${o.uniqueKey} is attached to unknown profile ${o.profileId}`);
    const key = objectKey(o.domainName, o.profileId, o.objectTypeName, o.uniqueKey);
    if (keys.has(key)) problems.push(`profile object ${o.uniqueKey} of type ${o.objectTypeName} is listed twice`);
    keys.add(key);
  }
  return problems;
}

/**
 * What makes an object type's definition unusable, as the service refuses it: a field not read
 * from the object (`_source.<name>`), a key naming a field the type does not have, or a key of no
 * field.
 */
export function objectTypeProblems(definition: ObjectTypeDefinition): string[] {
  const problems: string[] = [];
  const fields = definition.Fields ?? {};
  for (const [name, field] of Object.entries(fields))
    if (!field.Source?.startsWith("_source.") || field.Source.length === "_source.".length)
      problems.push(`field ${name} must have a Source of the form _source.<name>`);
  for (const [name, keys] of Object.entries(definition.Keys ?? {}))
    for (const key of keys) {
      if (!key.FieldNames?.length) problems.push(`key ${name} names no field`);
      for (const field of key.FieldNames ?? [])
        if (!Object.hasOwn(fields, field)) problems.push(`key ${name} names field ${field}, which is not in Fields`);
    }
  return problems;
}

function pair(domain: string, name: string): string {
  return `${domain}\0${name}`;
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
export type Missing = "no-domain" | "no-type" | "no-profile";

export type PutObjectOutcome =
  | { outcome: "put"; uniqueKey: string; profileId: string }
  | { outcome: "no-domain" | "no-type" }
  /** The object lacks a value of a field of its type's key `key`. */
  | { outcome: "no-key-value"; key: string }
  /** The type has no PROFILE key, so no object of it can be attached. */
  | { outcome: "no-profile-key" }
  /** No profile matches the PROFILE key `key`, and the type does not create one. */
  | { outcome: "no-matching-profile"; key: string };

export type ListObjectsOutcome =
  | { outcome: "listed"; objects: ProfileObject[]; after?: number }
  | { outcome: Missing }
  | { outcome: "unknown-key"; key: string };

/** A value read from an object or a profile, as a key compares it: strings and numbers, as text. */
function scalar(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

/** The value at a dotted path (`Address.City`) of a parsed object, if it is a scalar. */
function at(object: unknown, path: string): string | undefined {
  let value = object;
  for (const segment of path.split(".")) {
    if (!value || typeof value !== "object" || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return scalar(value);
}

/** The values of a key's fields in an object, joined with `_`; undefined when one is missing. */
function keyValue(definition: ObjectTypeDefinition, fieldNames: string[], object: unknown): string | undefined {
  const values = fieldNames.map((name) => {
    const source = definition.Fields?.[name]?.Source;
    return source ? at(object, source.slice("_source.".length)) : undefined;
  });
  return values.every((v) => v !== undefined) ? values.join("_") : undefined;
}

/** The keys of a type that carry a standard identifier, by name. */
function keysWith(definition: ObjectTypeDefinition, identifier: string): [string, string[]][] {
  return Object.entries(definition.Keys ?? {}).flatMap(([name, keys]) =>
    keys
      .filter((k) => k.StandardIdentifiers?.includes(identifier as never))
      .map((k) => [name, k.FieldNames ?? []] as [string, string[]]),
  );
}

export class CustomerProfilesStore {
  private domains = new Set<string>();
  private types = new Map<string, ProfileObjectTypeRecord>();
  private profiles = new Map<string, CustomerProfile>();
  private objects = new Map<string, ProfileObject>();
  /** The order objects were put in, for paging that deletes do not shift. */
  private sequence = new Map<string, number>();
  private nextSequence = 0;
  private credentials = new Map<string, AwsCredential>();
  /** Whether the state had lists of types and profiles: state written before they existed has neither, and gets none back. */
  private listed = { objectTypes: false, profiles: false };

  load(data: DemoData["customerProfiles"]): void {
    this.listed = { objectTypes: data.objectTypes !== undefined, profiles: data.profiles !== undefined };
    this.domains = new Set(data.domains);
    this.types = new Map(
      (data.objectTypes ?? []).map((t) => [pair(t.domainName, t.objectTypeName), structuredClone(t)]),
    );
    this.profiles = new Map((data.profiles ?? []).map((p) => [pair(p.domainName, p.profileId), structuredClone(p)]));
    this.objects = new Map();
    this.sequence = new Map();
    for (const o of data.profileObjects) this.insert(structuredClone(o));
    this.credentials = new Map(data.credentials.map((c) => [c.accessKeyId, { ...c }]));
  }

  private insert(object: ProfileObject): void {
    const key = objectKey(object.domainName, object.profileId, object.objectTypeName, object.uniqueKey);
    if (!this.sequence.has(key)) this.sequence.set(key, this.nextSequence++);
    this.objects.set(key, object);
  }

  private remove(key: string): boolean {
    this.sequence.delete(key);
    return this.objects.delete(key);
  }

  credential(accessKeyId: string): AwsCredential | undefined {
    return this.credentials.get(accessKeyId);
  }

  hasDomain(domain: string): boolean {
    return this.domains.has(domain);
  }

  objectType(domain: string, name: string): ProfileObjectTypeRecord | undefined {
    return this.types.get(pair(domain, name));
  }

  /** Defines or replaces an object type of a domain the caller has checked exists; its creation time stays. */
  putObjectType(domain: string, name: string, definition: ObjectTypeDefinition, now: Date): ProfileObjectTypeRecord {
    const time = now.toISOString();
    const before = this.types.get(pair(domain, name));
    const record = {
      domainName: domain,
      objectTypeName: name,
      definition: structuredClone(definition),
      createdAt: before?.createdAt ?? time,
      lastUpdatedAt: time,
    };
    this.types.set(pair(domain, name), record);
    return record;
  }

  /** Deletes an object type and every object of it. */
  deleteObjectType(domain: string, name: string): "deleted" | "no-domain" | "no-type" {
    if (!this.domains.has(domain)) return "no-domain";
    if (!this.types.delete(pair(domain, name))) return "no-type";
    for (const [key, o] of this.objects) if (o.domainName === domain && o.objectTypeName === name) this.remove(key);
    return "deleted";
  }

  profile(domain: string, profileId: string): CustomerProfile | undefined {
    return this.profiles.get(pair(domain, profileId));
  }

  /** Adds a profile to a domain the caller has checked exists. */
  addProfile(profile: CustomerProfile): void {
    this.profiles.set(pair(profile.domainName, profile.profileId), structuredClone(profile));
  }

  /** Deletes a profile and every object attached to it. */
  deleteProfile(domain: string, profileId: string): "deleted" | "no-domain" | "no-profile" {
    if (!this.domains.has(domain)) return "no-domain";
    if (!this.profiles.delete(pair(domain, profileId))) return "no-profile";
    for (const [key, o] of this.objects) if (o.domainName === domain && o.profileId === profileId) this.remove(key);
    return "deleted";
  }

  /**
   * Puts an object of a type: its UNIQUE key's values find the object it replaces, its PROFILE
   * key's values the profile it attaches to (a profile with those values at the attributes the
   * key's fields target). `newId` names what is made: a profile the type creates, an object's key.
   */
  putObject(domain: string, typeName: string, object: Record<string, unknown>, newId: () => string): PutObjectOutcome {
    if (!this.domains.has(domain)) return { outcome: "no-domain" };
    const type = this.types.get(pair(domain, typeName));
    if (!type) return { outcome: "no-type" };
    const definition = type.definition as ObjectTypeDefinition;
    const profileKeys = keysWith(definition, "PROFILE");
    if (profileKeys.length === 0) return { outcome: "no-profile-key" };
    // Every check first: a refused object changes nothing, not even a profile it would create.
    for (const [name, fieldNames] of profileKeys)
      if (keyValue(definition, fieldNames, object) === undefined) return { outcome: "no-key-value", key: name };
    const unique = keysWith(definition, "UNIQUE")[0];
    const value = unique && keyValue(definition, unique[1], object);
    if (unique && value === undefined) return { outcome: "no-key-value", key: unique[0] };
    let profileId: string | undefined;
    for (const [, fieldNames] of profileKeys)
      profileId ??= this.matchingProfile(domain, definition, fieldNames, object)?.profileId;
    if (!profileId) {
      if (!definition.AllowProfileCreation) return { outcome: "no-matching-profile", key: profileKeys[0]![0] };
      profileId = newId();
      this.addProfile({ domainName: domain, profileId, attributes: this.profileAttributes(definition, object) });
    }
    let uniqueKey: string | undefined;
    if (unique) {
      for (const [key, o] of this.objects)
        if (
          o.domainName === domain &&
          o.objectTypeName === typeName &&
          keyValue(definition, unique[1], o.fields) === value
        ) {
          uniqueKey = o.uniqueKey;
          // The same object put again replaces the one it was, wherever it is attached now.
          if (o.profileId !== profileId) this.remove(key);
          break;
        }
    }
    uniqueKey ??= newId();
    this.insert({
      domainName: domain,
      profileId,
      objectTypeName: typeName,
      uniqueKey,
      fields: structuredClone(object),
    });
    return { outcome: "put", uniqueKey, profileId };
  }

  /** The first profile of the domain with the object's values of a key at the attributes its fields target. */
  private matchingProfile(
    domain: string,
    definition: ObjectTypeDefinition,
    fieldNames: string[],
    object: unknown,
  ): CustomerProfile | undefined {
    const wanted = fieldNames.map((name) => {
      const field = definition.Fields?.[name];
      const target = field?.Target?.startsWith("_profile.") ? field.Target.slice("_profile.".length) : undefined;
      return { target, value: field?.Source ? at(object, field.Source.slice("_source.".length)) : undefined };
    });
    if (wanted.some((w) => w.target === undefined)) return undefined;
    for (const p of this.profiles.values())
      if (p.domainName === domain && wanted.every((w) => at(p.attributes ?? {}, w.target!) === w.value)) return p;
    return undefined;
  }

  /** A new profile's attributes: the object's values of every field that targets the profile. */
  private profileAttributes(definition: ObjectTypeDefinition, object: unknown): Record<string, unknown> {
    const attributes: Record<string, unknown> = {};
    for (const field of Object.values(definition.Fields ?? {})) {
      const target = field.Target?.startsWith("_profile.") ? field.Target.slice("_profile.".length) : undefined;
      const value = field.Source ? at(object, field.Source.slice("_source.".length)) : undefined;
      if (!target || value === undefined) continue;
      const path = target.split(".");
      let into = attributes;
      for (const segment of path.slice(0, -1)) {
        into[segment] ??= {};
        into = into[segment] as Record<string, unknown>;
      }
      into[path.at(-1)!] = value;
    }
    return attributes;
  }

  /**
   * The objects of a type attached to a profile, in the order they were put, after the position
   * `after` (a page's end, which deletes do not move), at most `max`; `after` in the answer is
   * where the next page starts, when there is one. A filter keeps those whose values of the
   * type's key `KeyName` are among `Values`.
   */
  listObjects(
    domain: string,
    profileId: string,
    typeName: string,
    page: { after?: number; max: number; filter?: { KeyName: string; Values: string[] } },
  ): ListObjectsOutcome {
    if (!this.domains.has(domain)) return { outcome: "no-domain" };
    const type = this.types.get(pair(domain, typeName));
    if (!type) return { outcome: "no-type" };
    if (!this.profiles.has(pair(domain, profileId))) return { outcome: "no-profile" };
    const definition = type.definition as ObjectTypeDefinition;
    const filterKeys = page.filter ? definition.Keys?.[page.filter.KeyName] : undefined;
    if (page.filter && !filterKeys) return { outcome: "unknown-key", key: page.filter.KeyName };
    const values = new Set(page.filter?.Values);
    const objects: ProfileObject[] = [];
    for (const [key, o] of this.objects) {
      if (o.domainName !== domain || o.profileId !== profileId || o.objectTypeName !== typeName) continue;
      const position = this.sequence.get(key)!;
      if (page.after !== undefined && position <= page.after) continue;
      if (filterKeys && !filterKeys.some((k) => values.has(keyValue(definition, k.FieldNames ?? [], o.fields) ?? "")))
        continue;
      if (objects.length === page.max) return { outcome: "listed", objects, after: this.positionOf(objects.at(-1)!) };
      objects.push(structuredClone(o));
    }
    return { outcome: "listed", objects };
  }

  private positionOf(o: ProfileObject): number {
    return this.sequence.get(objectKey(o.domainName, o.profileId, o.objectTypeName, o.uniqueKey))!;
  }

  deleteObject(domain: string, profileId: string, type: string, key: string): DeleteObjectOutcome {
    if (!this.domains.has(domain)) return "no-domain";
    return this.remove(objectKey(domain, profileId, type, key)) ? "deleted" : "no-object";
  }

  snapshot(): DemoData["customerProfiles"] {
    return {
      credentials: [...this.credentials.values()].map((c) => ({ ...c })),
      domains: [...this.domains],
      ...(this.listed.objectTypes || this.types.size > 0
        ? { objectTypes: [...this.types.values()].map((t) => structuredClone(t)) }
        : {}),
      ...(this.listed.profiles || this.profiles.size > 0
        ? { profiles: [...this.profiles.values()].map((p) => structuredClone(p)) }
        : {}),
      profileObjects: [...this.objects.values()].map((o) => structuredClone(o)),
    };
  }
}

export type AccessProfileUsers = { kind: "role" | "application" | "lifecycle state"; user: AccessProfileUser }[];

export type DeleteAccessProfileOutcome =
  | { outcome: "deleted" }
  | { outcome: "not-found" }
  | { outcome: "in-use"; profile: AccessProfile; users: AccessProfileUsers };

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

  /** Replaces an access profile the caller has patched and checked (its id is one the store has). */
  replace(profile: AccessProfile): void {
    this.profiles.set(profile.id, structuredClone(profile));
  }

  source(id: string): Source | undefined {
    return this.sources.get(id);
  }

  /** What uses an access profile: roles, applications and lifecycle states. */
  usersOf(id: string): AccessProfileUsers {
    return [
      ...this.roles.filter((u) => u.accessProfileIds.includes(id)).map((user) => ({ kind: "role" as const, user })),
      ...this.applications
        .filter((u) => u.accessProfileIds.includes(id))
        .map((user) => ({ kind: "application" as const, user })),
      ...this.lifecycleStates
        .filter((u) => u.accessProfileIds.includes(id))
        .map((user) => ({ kind: "lifecycle state" as const, user })),
    ];
  }

  /** Deletes the access profile unless a role, an application or a lifecycle state uses it. */
  delete(id: string): DeleteAccessProfileOutcome {
    const profile = this.profiles.get(id);
    if (!profile) return { outcome: "not-found" };
    const users = this.usersOf(id);
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
