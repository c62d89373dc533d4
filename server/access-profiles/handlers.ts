// The Access Profiles operations, typed by the generated `operations`.
import type { operations } from "../../generated/access-profiles.d.ts";
import type { OperationRequest, OperationResult } from "../shared/operation.ts";
import type { AccessProfilesStore } from "../store.ts";
import { administers, forbiddenText } from "./auth.ts";
import { dtoError } from "./errors.ts";

type DeleteAccessProfile = operations["deleteAccessProfile"];
type GetAccessProfile = operations["getAccessProfile"];

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

/**
 * An access profile as the v3 API shows it: its source as a reference (from the source's record),
 * its owner and entitlements typed. A token whose only authority over it is `SOURCE_SUBADMIN` reads
 * only access profiles of a source it administers.
 */
export function getAccessProfile(
  store: AccessProfilesStore,
  { path, context }: OperationRequest<GetAccessProfile>,
): OperationResult<GetAccessProfile, CommonHeaders> {
  const profile = store.find(path.id);
  if (!profile) return dtoError(context, "404 Not found", `The access profile "${path.id}" was not found.`);
  const reader = context.principal!;
  // Of the levels the operation names (the router checked that one is held), all but
  // SOURCE_SUBADMIN read every source's.
  const readsAll = reader.authorities.some((a) =>
    ["ORG_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN"].includes(a),
  );
  if (!readsAll && !administers(reader, store, profile.sourceId))
    return dtoError(context, "403 Forbidden", forbiddenText, [
      `The token may not read access profiles of the source of "${path.id}".`,
    ]);
  const { sourceId, owner, entitlements, ...shown } = profile;
  const source = store.source(sourceId);
  return {
    status: 200,
    headers: {},
    body: {
      ...shown,
      owner: { type: "IDENTITY", ...owner },
      source: { id: sourceId, type: "SOURCE", ...(source ? { name: source.name } : {}) },
      ...(entitlements ? { entitlements: entitlements.map((e) => ({ type: "ENTITLEMENT" as const, ...e })) } : {}),
    },
  };
}
