// The Access Profiles operations, typed by the generated `operations`.
import type { Response } from "express";
import type { operations } from "../../generated/access-profiles.d.ts";
import type { OperationResult, PathParamsOf } from "../shared/operation.ts";
import type { AccessProfilesStore } from "../store.ts";
import type { Principal } from "./auth.ts";
import { dtoError } from "./errors.ts";

type DeleteAccessProfile = operations["deleteAccessProfile"];

export function deleteAccessProfile(
  store: AccessProfilesStore,
  path: PathParamsOf<DeleteAccessProfile>,
  res: Response,
  principal: Principal,
): OperationResult<DeleteAccessProfile> {
  const profile = store.find(path.id);
  // A SOURCE_SUBADMIN (and nothing more) may only touch access profiles of sources it administers.
  const subadminOnly = principal.authorities.includes("SOURCE_SUBADMIN") && !principal.authorities.some((a) => a !== "SOURCE_SUBADMIN" && ["API", "ORG_ADMIN", "SOURCE_ADMIN"].includes(a));
  if (profile && subadminOnly && principal.sourceIds && !principal.sourceIds.includes(profile.sourceId))
    return dtoError(res, "403 Forbidden", "The server understood the request but refuses to authorize it.", [
      `The token may not administer the source of access profile "${path.id}".`,
    ]);
  const result = store.delete(path.id);
  switch (result.outcome) {
    case "deleted":
      return { status: 204, headers: {}, body: undefined };
    case "not-found":
      return dtoError(res, "404 Not found", `The access profile "${path.id}" was not found.`);
    case "in-use":
      return dtoError(
        res,
        "400.2.1.0 Object in use by another",
        `The "${result.profile.name}" access profile can't be deleted because it's in use.`,
        result.users.map(({ kind, user }) => `Used by ${kind} "${user.name}" (${user.id}).`),
      );
  }
}
