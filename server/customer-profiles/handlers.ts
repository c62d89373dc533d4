// The Customer Profiles operations, typed by the generated `operations`.
import type { operations } from "../../generated/customer-profiles.d.ts";
import type { OperationRequest, OperationResult } from "../shared/operation.ts";
import type { CustomerProfilesStore } from "../store.ts";
import { awsError } from "./errors.ts";

type DeleteProfileObject = operations["DeleteProfileObject"];

/** Set on every response by the API, so handlers leave it out. */
export type CommonHeaders = "x-amzn-RequestId";

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
      return awsError("ResourceNotFoundException", `Domain ${DomainName} not found.`);
    case "no-object":
      return awsError(
        "ResourceNotFoundException",
        `Profile object ${ProfileObjectUniqueKey} of type ${ObjectTypeName} not found for profile ${ProfileId} in domain ${DomainName}.`,
      );
  }
}
