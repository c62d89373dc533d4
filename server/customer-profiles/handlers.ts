// The Customer Profiles operations, typed by the generated `operations`.
import type { components, operations } from "../../generated/customer-profiles.d.ts";
import { newHexId } from "../shared/context.ts";
import type { OperationRequest, OperationResult } from "../shared/operation.ts";
import {
  type CustomerProfilesStore,
  type ObjectTypeDefinition,
  objectTypeProblems,
  type ProfileObjectTypeRecord,
} from "../store.ts";
import { awsError } from "./errors.ts";

type DeleteProfileObject = operations["DeleteProfileObject"];
type PutProfileObjectType = operations["PutProfileObjectType"];
type GetProfileObjectType = operations["GetProfileObjectType"];
type DeleteProfileObjectType = operations["DeleteProfileObjectType"];
type CreateProfile = operations["CreateProfile"];
type DeleteProfile = operations["DeleteProfile"];
type PutProfileObject = operations["PutProfileObject"];
type ListProfileObjects = operations["ListProfileObjects"];

/** Set on every response by the API, so handlers leave it out. */
export type CommonHeaders = "x-amzn-RequestId";

const domainNotFound = (domain: string) => awsError("ResourceNotFoundException", `Domain ${domain} not found.`);
const typeNotFound = (domain: string, type: string) =>
  awsError("ResourceNotFoundException", `Object type ${type} not found in domain ${domain}.`);
const profileNotFound = (domain: string, profileId: string) =>
  awsError("ResourceNotFoundException", `Profile ${profileId} not found in domain ${domain}.`);

export function deleteProfileObject(
  store: CustomerProfilesStore,
  { path, body }: OperationRequest<DeleteProfileObject>,
): OperationResult<DeleteProfileObject, CommonHeaders> {
  const { DomainName } = path;
  const { ProfileId, ObjectTypeName, ProfileObjectUniqueKey } = body;
  switch (store.deleteObject(DomainName, ProfileId, ObjectTypeName, ProfileObjectUniqueKey)) {
    case "deleted":
      return { status: 200, headers: {}, body: { Message: "OK" } };
    case "no-domain":
      return domainNotFound(DomainName);
    case "no-object":
      return awsError(
        "ResourceNotFoundException",
        `Profile object ${ProfileObjectUniqueKey} of type ${ObjectTypeName} not found for profile ${ProfileId} in domain ${DomainName}.`,
      );
  }
}

/** An object type as the API answers it: its definition, its name and its times in seconds. */
function shownType(record: ProfileObjectTypeRecord): components["schemas"]["ProfileObjectType"] {
  const seconds = (at: string | undefined) => (at === undefined ? undefined : Date.parse(at) / 1000);
  return {
    ObjectTypeName: record.objectTypeName,
    ...(record.definition as ObjectTypeDefinition),
    ...(record.createdAt ? { CreatedAt: seconds(record.createdAt) } : {}),
    ...(record.lastUpdatedAt ? { LastUpdatedAt: seconds(record.lastUpdatedAt) } : {}),
  };
}

export function putProfileObjectType(
  store: CustomerProfilesStore,
  { path, body }: OperationRequest<PutProfileObjectType>,
): OperationResult<PutProfileObjectType, CommonHeaders> {
  const { DomainName, ObjectTypeName } = path;
  if (!store.hasDomain(DomainName)) return domainNotFound(DomainName);
  const problems = objectTypeProblems(body);
  if (problems.length > 0)
    return awsError("BadRequestException", `Object type ${ObjectTypeName} is not valid: ${problems.join("; ")}.`);
  return {
    status: 200,
    headers: {},
    body: shownType(store.putObjectType(DomainName, ObjectTypeName, body, new Date())),
  };
}

export function getProfileObjectType(
  store: CustomerProfilesStore,
  { path }: OperationRequest<GetProfileObjectType>,
): OperationResult<GetProfileObjectType, CommonHeaders> {
  const { DomainName, ObjectTypeName } = path;
  if (!store.hasDomain(DomainName)) return domainNotFound(DomainName);
  const record = store.objectType(DomainName, ObjectTypeName);
  if (!record) return typeNotFound(DomainName, ObjectTypeName);
  return { status: 200, headers: {}, body: shownType(record) };
}

export function deleteProfileObjectType(
  store: CustomerProfilesStore,
  { path }: OperationRequest<DeleteProfileObjectType>,
): OperationResult<DeleteProfileObjectType, CommonHeaders> {
  const { DomainName, ObjectTypeName } = path;
  switch (store.deleteObjectType(DomainName, ObjectTypeName)) {
    case "deleted":
      return { status: 200, headers: {}, body: { Message: "OK" } };
    case "no-domain":
      return domainNotFound(DomainName);
    case "no-type":
      return typeNotFound(DomainName, ObjectTypeName);
  }
}

export function createProfile(
  store: CustomerProfilesStore,
  { path, body }: OperationRequest<CreateProfile>,
): OperationResult<CreateProfile, CommonHeaders> {
  const { DomainName } = path;
  if (!store.hasDomain(DomainName)) return domainNotFound(DomainName);
  const profileId = newHexId();
  store.addProfile({ domainName: DomainName, profileId, attributes: structuredClone(body) });
  return { status: 200, headers: {}, body: { ProfileId: profileId } };
}

export function deleteProfile(
  store: CustomerProfilesStore,
  { path, body }: OperationRequest<DeleteProfile>,
): OperationResult<DeleteProfile, CommonHeaders> {
  const { DomainName } = path;
  switch (store.deleteProfile(DomainName, body.ProfileId)) {
    case "deleted":
      return { status: 200, headers: {}, body: { Message: "OK" } };
    case "no-domain":
      return domainNotFound(DomainName);
    case "no-profile":
      return profileNotFound(DomainName, body.ProfileId);
  }
}

/** `Object` parsed: a JSON object, or undefined for anything else. */
function parsedObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function putProfileObject(
  store: CustomerProfilesStore,
  { path, body }: OperationRequest<PutProfileObject>,
): OperationResult<PutProfileObject, CommonHeaders> {
  const { DomainName } = path;
  const { ObjectTypeName } = body;
  const object = parsedObject(body.Object);
  // The domain and the type are looked for first, as they are for an object that parses.
  if (!store.hasDomain(DomainName)) return domainNotFound(DomainName);
  if (!store.objectType(DomainName, ObjectTypeName)) return typeNotFound(DomainName, ObjectTypeName);
  if (!object) return awsError("BadRequestException", "Object must be a JSON object serialized as a string.");
  const result = store.putObject(DomainName, ObjectTypeName, object, newHexId);
  switch (result.outcome) {
    case "put":
      return { status: 200, headers: {}, body: { ProfileObjectUniqueKey: result.uniqueKey } };
    case "no-domain":
      return domainNotFound(DomainName);
    case "no-type":
      return typeNotFound(DomainName, ObjectTypeName);
    case "no-profile-key":
      return awsError(
        "BadRequestException",
        `Object type ${ObjectTypeName} has no PROFILE key, so no object of it can be attached to a profile.`,
      );
    case "no-key-value":
      return awsError(
        "BadRequestException",
        `Object has no value for every field of key ${result.key} of object type ${ObjectTypeName}.`,
      );
    case "no-matching-profile":
      return awsError(
        "ResourceNotFoundException",
        `No profile in domain ${DomainName} matches the object's PROFILE key ${result.key}; object type ${ObjectTypeName} does not allow profile creation.`,
      );
  }
}

/** Where a page starts: the position after which it lists, and the list it belongs to. */
interface PageToken {
  after: number;
  list: string;
}

function listIdentity(domain: string, body: OperationRequest<ListProfileObjects>["body"]): string {
  return JSON.stringify([domain, body.ProfileId, body.ObjectTypeName, body.ObjectFilter ?? null]);
}

function readToken(token: string, list: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageToken;
    return Number.isSafeInteger(parsed.after) && parsed.list === list ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

/** The stub's page size when a request names none; the service documents none. */
export const defaultMaxResults = 20;

export function listProfileObjects(
  store: CustomerProfilesStore,
  { path, query, body }: OperationRequest<ListProfileObjects>,
): OperationResult<ListProfileObjects, CommonHeaders> {
  const { DomainName } = path;
  const list = listIdentity(DomainName, body);
  const token = query["next-token"];
  const after = token === undefined ? undefined : readToken(token, list);
  if (token !== undefined && after === undefined)
    return awsError("BadRequestException", "The next-token is not one this list gave.");
  const result = store.listObjects(DomainName, body.ProfileId, body.ObjectTypeName, {
    after,
    max: query["max-results"] ?? defaultMaxResults,
    filter: body.ObjectFilter,
  });
  switch (result.outcome) {
    case "listed": {
      const Items = result.objects.map((o) => ({
        ObjectTypeName: o.objectTypeName,
        ProfileObjectUniqueKey: o.uniqueKey,
        Object: JSON.stringify(o.fields ?? {}),
      }));
      const next: PageToken | undefined = result.after === undefined ? undefined : { after: result.after, list };
      return {
        status: 200,
        headers: {},
        body: next ? { Items, NextToken: Buffer.from(JSON.stringify(next)).toString("base64url") } : { Items },
      };
    }
    case "no-domain":
      return domainNotFound(DomainName);
    case "no-type":
      return typeNotFound(DomainName, body.ObjectTypeName);
    case "no-profile":
      return profileNotFound(DomainName, body.ProfileId);
    case "unknown-key":
      return awsError(
        "BadRequestException",
        `ObjectFilter's KeyName ${result.key} is not a key of object type ${body.ObjectTypeName}.`,
      );
  }
}
