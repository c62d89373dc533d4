// The Access Profiles operations, typed by the generated `operations`.
import type { ValidateFunction } from "ajv/dist/2020.js";
import jsonPatch, { type Operation } from "fast-json-patch";
import type { components, operations } from "../../generated/access-profiles.d.ts";
import type { Principal } from "../sailpoint-oauth/tokens.ts";
import { newAjv } from "../shared/ajv.ts";
import { newHexId } from "../shared/context.ts";
import type { OperationRequest, OperationResult } from "../shared/operation.ts";
import { loadSpec } from "../shared/spec.ts";
import type { AccessProfile, AccessProfilesStore } from "../store.ts";
import { administers, forbiddenText } from "./auth.ts";
import {
  CollectionParameterError,
  type FilterField,
  parseFilters,
  parseSorters,
  type SortFields,
} from "./collection.ts";
import { badRequestText, dtoError } from "./errors.ts";

type DeleteAccessProfile = operations["deleteAccessProfile"];
type GetAccessProfile = operations["getAccessProfile"];
type ListAccessProfiles = operations["listAccessProfiles"];
type CreateAccessProfile = operations["createAccessProfile"];
type DeleteAccessProfilesInBulk = operations["deleteAccessProfilesInBulk"];
type PatchAccessProfile = operations["patchAccessProfile"];
type JsonPatchOperation = components["schemas"]["JsonPatchOperation"];
type AccessProfileDto = components["schemas"]["AccessProfile"];

/** Set on every response by the API, so handlers leave it out. */
export type CommonHeaders = "X-Tracking-Id";

export function deleteAccessProfile(
  store: AccessProfilesStore,
  { path, context }: OperationRequest<DeleteAccessProfile>,
): OperationResult<DeleteAccessProfile, CommonHeaders> {
  const profile = store.find(path.id);
  if (profile && !administers(context.principal!, store, profile.sourceId))
    return dtoError(context, "403 Forbidden", forbiddenText, [
      `The token may not administer the source of access profile "${path.id}".`,
    ]);
  const result = store.delete(path.id);
  switch (result.outcome) {
    case "deleted":
      return { status: 204, headers: {}, body: undefined };
    case "not-found":
      return dtoError(context, "404 Not found", `The access profile "${path.id}" was not found.`);
    case "in-use":
      return dtoError(
        context,
        "400.2.1.0 Object in use by another",
        `The "${result.profile.name}" access profile can't be deleted because it's in use.`,
        result.users.map(({ kind, user }) => `Used by ${kind} "${user.name}" (${user.id}).`),
      );
  }
}

/** Of the levels a read names (the router checked that one is held), all but SOURCE_SUBADMIN read every source's. */
function readsEverySource(reader: Principal): boolean {
  return reader.authorities.some((a) => ["ORG_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN"].includes(a));
}

/** An access profile as the API shows it: its source as a reference (from the source's record), its owner and entitlements typed. */
function shown(store: AccessProfilesStore, profile: AccessProfile): AccessProfileDto {
  const { sourceId, owner, entitlements, ...rest } = profile;
  const source = store.source(sourceId);
  return {
    ...rest,
    owner: { type: "IDENTITY", ...owner },
    source: { id: sourceId, type: "SOURCE", ...(source ? { name: source.name } : {}) },
    ...(entitlements ? { entitlements: entitlements.map((e) => ({ type: "ENTITLEMENT" as const, ...e })) } : {}),
  };
}

/**
 * An access profile by its id. A token whose only authority over it is `SOURCE_SUBADMIN` reads
 * only access profiles of a source it administers.
 */
export function getAccessProfile(
  store: AccessProfilesStore,
  { path, context }: OperationRequest<GetAccessProfile>,
): OperationResult<GetAccessProfile, CommonHeaders> {
  const profile = store.find(path.id);
  if (!profile) return dtoError(context, "404 Not found", `The access profile "${path.id}" was not found.`);
  const reader = context.principal!;
  if (!readsEverySource(reader) && !administers(reader, store, profile.sourceId))
    return dtoError(context, "403 Forbidden", forbiddenText, [
      `The token may not read access profiles of the source of "${path.id}".`,
    ]);
  return { status: 200, headers: {}, body: shown(store, profile) };
}

/** The fields and operators the official spec lists for `filters`. */
const filterFields: Record<string, FilterField<AccessProfile>> = {
  id: { type: "string", operators: ["eq", "in"], value: (p) => p.id },
  name: { type: "string", operators: ["eq", "sw"], value: (p) => p.name },
  created: { type: "date-time", operators: ["gt", "ge", "le"], value: (p) => p.created },
  modified: { type: "date-time", operators: ["gt", "lt", "ge", "le"], value: (p) => p.modified },
  "owner.id": { type: "string", operators: ["eq", "in"], value: (p) => p.owner.id },
  requestable: { type: "boolean", operators: ["eq"], value: (p) => p.requestable ?? true },
  "source.id": { type: "string", operators: ["eq", "in"], value: (p) => p.sourceId },
};

const sortFields: SortFields<AccessProfile> = {
  name: (p) => p.name,
  created: (p) => p.created ?? "",
  modified: (p) => p.modified ?? "",
};

const subadminLevels = ["SOURCE_SUBADMIN", "ROLE_SUBADMIN"];

/**
 * Access profiles, as `filters`, `sorters`, `offset` and `limit` select them; with `count=true`,
 * the total before paging in `X-Total-Count`. A source sub-admin (and `for-subadmin`) sees only
 * the sources the sub-admin administers.
 */
export function listAccessProfiles(
  store: AccessProfilesStore,
  { query, context }: OperationRequest<ListAccessProfiles>,
): OperationResult<ListAccessProfiles, CommonHeaders> {
  const invalid = (cause: string) => dtoError(context, "400.1 Bad Request Content", badRequestText, [cause]);
  const reader = context.principal!;
  let visible = (p: AccessProfile) => readsEverySource(reader) || administers(reader, store, p.sourceId);
  const forSubadmin = query["for-subadmin"];
  if (forSubadmin !== undefined) {
    const identityId = forSubadmin === "me" ? reader.identityId : forSubadmin;
    const subadmin = identityId ? store.clientOfIdentity(identityId) : undefined;
    if (!subadmin?.authorities.some((a) => subadminLevels.includes(a)))
      return invalid(`for-subadmin: the identity "${forSubadmin}" is not a ROLE_SUBADMIN or SOURCE_SUBADMIN.`);
    const sources = new Set(subadmin.sourceIds ?? []);
    const readerSees = visible;
    visible = (p) => readerSees(p) && sources.has(p.sourceId);
  }
  const segmentIds = query["for-segment-ids"]
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const unsegmented = query["include-unsegmented"] ?? true;
  if (!unsegmented && !segmentIds?.length)
    return invalid("include-unsegmented=false needs for-segment-ids: the list would be empty by definition.");
  const inSegments = (p: AccessProfile) =>
    !segmentIds?.length || (p.segments?.length ? p.segments.some((s) => segmentIds.includes(s)) : unsegmented);
  let matches: (p: AccessProfile) => boolean = () => true;
  let order: ((a: AccessProfile, b: AccessProfile) => number) | undefined;
  try {
    if (query.filters !== undefined) matches = parseFilters(query.filters, filterFields);
  } catch (error) {
    if (error instanceof CollectionParameterError) return invalid(`Invalid filters: ${error.message}`);
    throw error;
  }
  try {
    if (query.sorters !== undefined) order = parseSorters(query.sorters, sortFields);
  } catch (error) {
    if (error instanceof CollectionParameterError) return invalid(`Invalid sorters: ${error.message}`);
    throw error;
  }
  const found = store.all().filter((p) => visible(p) && inSegments(p) && matches(p));
  if (order) found.sort(order);
  const offset = query.offset ?? 0;
  const page = found.slice(offset, offset + (query.limit ?? 250));
  return {
    status: 200,
    headers: query.count ? { "X-Total-Count": found.length } : {},
    body: page.map((p) => shown(store, p)),
  };
}

/** The most characters a new description may have, as the official spec says. */
const descriptionLimit = 2000;

type Refusal = ReturnType<typeof dtoError<"400.1 Bad Request Content">> | ReturnType<typeof dtoError<"403 Forbidden">>;
type Made = Pick<
  AccessProfile,
  "name" | "description" | "sourceId" | "owner" | "enabled" | "requestable" | "entitlements" | "segments"
>;

/**
 * What a create and a patch both hold the access profile they would make to: its owner an
 * identity the state knows, its source one that exists and the caller may administer, its
 * entitlements the source's, its name no other's (`self` is the one patched). The record's
 * members, with the owner's and entitlements' names the state's, or the refusal.
 */
function checked(
  store: AccessProfilesStore,
  context: OperationRequest<CreateAccessProfile>["context"],
  given: AccessProfileDto,
  self?: string,
): Made | Refusal {
  const act = self ? "move access profiles to" : "create access profiles of";
  const invalid = (cause: string) => dtoError(context, "400.1 Bad Request Content", badRequestText, [cause]);
  if (given.name.trim() === "") return invalid("name must not be blank.");
  if (!given.owner.id) return invalid("owner.id is required: the owner is an identity, named by its ID.");
  if (!given.source.id) return invalid("source.id is required: an access profile is of one source.");
  const owner = store.identity(given.owner.id);
  if (!owner) return invalid(`The owner's identity "${given.owner.id}" was not found.`);
  const source = store.source(given.source.id);
  if (!source) return invalid(`The source "${given.source.id}" was not found.`);
  const caller = context.principal!;
  const broader = caller.authorities.some((a) => ["ORG_ADMIN", "ROLE_ADMIN", "SOURCE_ADMIN"].includes(a));
  if (!broader && !administers(caller, store, source.id))
    return dtoError(context, "403 Forbidden", forbiddenText, [
      `The token may not ${act} the source "${source.name}" (${source.id}).`,
    ]);
  const entitlements = [];
  for (const e of given.entitlements ?? []) {
    const entitlement = source.entitlements?.find((s) => s.id === e.id);
    if (!entitlement)
      return invalid(`The entitlement "${e.id}" is not one of the source "${source.name}" (${source.id}).`);
    entitlements.push(entitlement);
  }
  const enabled = given.enabled ?? false;
  if (enabled && entitlements.length === 0) return invalid("An enabled access profile needs at least one entitlement.");
  if ((given.description?.length ?? 0) > descriptionLimit)
    return invalid(`description is longer than ${descriptionLimit} characters.`);
  const taken = store.named(given.name);
  if (taken && taken.id !== self)
    return invalid(`An access profile named "${given.name}" already exists (${taken.id}).`);
  return {
    name: given.name,
    description: given.description ?? null,
    sourceId: source.id,
    owner: { id: owner.id, name: owner.name },
    enabled,
    requestable: given.requestable ?? true,
    entitlements: structuredClone(entitlements),
    segments: given.segments ?? [],
  };
}

const refused = (made: Made | Refusal): made is Refusal => "status" in made;

/** A new access profile, as `checked` allows it. The id and both dates are the stub's. */
export function createAccessProfile(
  store: AccessProfilesStore,
  { body, context }: OperationRequest<CreateAccessProfile>,
): OperationResult<CreateAccessProfile, CommonHeaders> {
  const made = checked(store, context, body);
  if (refused(made)) return made;
  const now = new Date().toISOString();
  const profile: AccessProfile = { id: newHexId(), ...made, created: now, modified: now };
  store.add(profile);
  return { status: 201, headers: {}, body: shown(store, profile) };
}

/** What a patch may change (the stub's members of the service's patchable ones). */
const patchable = ["name", "description", "enabled", "owner", "requestable", "segments", "entitlements", "source"];
/** What the service patches and the stub does not keep. */
const unkept = ["additionalOwners", "accessRequestConfig", "revokeRequestConfig", "provisioningCriteria"];

/** Why an operation may not be applied, or undefined: the member its path (and `from`) name. */
function unpatchable({ op, path, from }: JsonPatchOperation): string | undefined {
  // A move or copy without `from` is the patch library's to refuse, in its own words.
  const pointers = (op === "move" || op === "copy") && from !== undefined ? [path, from] : [path];
  for (const pointer of pointers) {
    const member = pointer.split("/")[1]?.replaceAll("~1", "/").replaceAll("~0", "~");
    if (pointer === "" || pointer === "/" || member === undefined)
      return "the whole access profile cannot be patched: a path names one of its members.";
    if (unkept.includes(member)) return `the stub does not keep ${member}, which the service patches.`;
    if (!patchable.includes(member))
      return `${member} cannot be patched. The stub patches ${patchable.slice(0, -1).join(", ")} and ${patchable.at(-1)}.`;
  }
  return undefined;
}

/** fast-json-patch's reasons, in words that name no internals. */
const patchErrors: Record<string, string> = {
  OPERATION_PATH_UNRESOLVABLE: "its path names nothing in the access profile.",
  OPERATION_FROM_UNRESOLVABLE: "its from names nothing in the access profile.",
  OPERATION_PATH_CANNOT_ADD: "nothing can be added at its path.",
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: "its path has an array index that is not a number.",
  OPERATION_VALUE_OUT_OF_BOUNDS: "its array index is past the end of the array.",
  OPERATION_VALUE_REQUIRED: "it needs a value.",
  OPERATION_FROM_REQUIRED: "it needs from.",
  TEST_OPERATION_FAILED: "the test failed: the value differs.",
};

let validatePatched: ValidateFunction<AccessProfileDto> | undefined;
/** The access-profile schema the patched profile is held to, compiled when first needed. */
function patchedValidator(): ValidateFunction<AccessProfileDto> {
  validatePatched ??= newAjv().compile<AccessProfileDto>({
    components: { schemas: (loadSpec("access-profiles").components as { schemas: object }).schemas },
    $ref: "#/components/schemas/AccessProfile",
  });
  return validatePatched;
}

/**
 * An access profile changed by a JSON Patch, all or nothing: each operation's path a member the
 * stub patches, `source` only with `entitlements`, every operation applicable, and the result
 * what a create would accept. `modified` is the stub's.
 */
export function patchAccessProfile(
  store: AccessProfilesStore,
  { path, body, context }: OperationRequest<PatchAccessProfile>,
): OperationResult<PatchAccessProfile, CommonHeaders> {
  const invalid = (causes: string[]) => dtoError(context, "400.1 Bad Request Content", badRequestText, causes);
  const profile = store.find(path.id);
  if (!profile) return dtoError(context, "404 Not found", `The access profile "${path.id}" was not found.`);
  if (!administers(context.principal!, store, profile.sourceId))
    return dtoError(context, "403 Forbidden", forbiddenText, [
      `The token may not administer the source of access profile "${path.id}".`,
    ]);
  const described = (o: JsonPatchOperation, i: number) => `Operation ${i} (${o.op} ${o.path})`;
  const refusals = body.flatMap((o, i) => {
    const why = unpatchable(o);
    return why ? [`${described(o, i)}: ${why}`] : [];
  });
  if (refusals.length > 0) return invalid(refusals);
  const touches = (member: string) => body.some((o) => o.path === `/${member}` || o.path.startsWith(`/${member}/`));
  if (touches("source") && !touches("entitlements"))
    return invalid([
      "/source can be patched only together with /entitlements, in the same request, with entitlements of the new source.",
    ]);
  let patched: AccessProfileDto;
  try {
    patched = jsonPatch.applyPatch(shown(store, profile), body as Operation[], true, true).newDocument;
  } catch (error) {
    if (!(error instanceof jsonPatch.JsonPatchError)) throw error;
    const i = error.index ?? 0;
    return invalid([`${described(body[i]!, i)}: ${patchErrors[error.name] ?? "it cannot be applied."}`]);
  }
  const validate = patchedValidator();
  if (!validate(patched))
    return invalid(
      (validate.errors ?? []).map((e) => `The patched access profile's ${e.instancePath || "body"} ${e.message}.`),
    );
  const made = checked(store, context, patched, profile.id);
  if (refused(made)) return made;
  const updated: AccessProfile = { ...profile, ...made, modified: new Date().toISOString() };
  store.replace(updated);
  return { status: 200, headers: {}, body: shown(store, updated) };
}

/**
 * Up to 50 access profiles deleted at once: all or nothing when any is in use, unless
 * `bestEffortOnly`, which leaves those and deletes the rest. An ID of no access profile, or one
 * the token may not administer, refuses the whole request, and nothing is deleted.
 */
export function deleteAccessProfilesInBulk(
  store: AccessProfilesStore,
  { body, context }: OperationRequest<DeleteAccessProfilesInBulk>,
): OperationResult<DeleteAccessProfilesInBulk, CommonHeaders> {
  const ids = [...new Set(body.accessProfileIds)];
  const unknown = ids.filter((id) => !store.find(id));
  if (unknown.length > 0)
    return dtoError(
      context,
      "400.1.404 Referenced object not found",
      badRequestText,
      unknown.map((id) => `No access profile has the ID "${id}".`),
    );
  const foreign = ids.filter((id) => !administers(context.principal!, store, store.find(id)!.sourceId));
  if (foreign.length > 0)
    return dtoError(
      context,
      "403 Forbidden",
      forbiddenText,
      foreign.map((id) => `The token may not administer the source of access profile "${id}".`),
    );
  const inUse = ids.flatMap((id) => {
    const users = store.usersOf(id);
    if (users.length === 0) return [];
    // The official schema names roles only; what else uses it makes it in use all the same.
    const usedBy = users.flatMap(({ kind, user }) =>
      kind === "role" ? [{ type: "ROLE" as const, id: user.id, name: user.name }] : [],
    );
    return [{ accessProfileId: id, usedBy }];
  });
  const free = ids.filter((id) => !inUse.some((u) => u.accessProfileId === id));
  if ((inUse.length > 0 && !body.bestEffortOnly) || free.length === 0)
    return { status: 200, headers: {}, body: { pending: [], inUse } };
  for (const id of free) store.delete(id);
  return { status: 202, headers: {}, body: { taskId: newHexId(), pending: free, inUse } };
}
