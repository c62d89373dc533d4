// Compile-time checks, run by `npm run typecheck`: handler results are tied to the generated
// operations. Each @ts-expect-error must stay an error; if the types loosen, tsc fails here.
import type { operations as aws } from "../../generated/customer-profiles.d.ts";
import type { operations as sailpoint } from "../../generated/access-profiles.d.ts";
import type { OperationResult } from "../../server/shared/operation.ts";

type DeleteProfileObjectResult = OperationResult<aws["DeleteProfileObject"], "x-amzn-RequestId">;
type DeleteAccessProfileResult = OperationResult<sailpoint["deleteAccessProfile"], "X-Tracking-Id">;

export const documented: DeleteProfileObjectResult[] = [
  { status: 200, headers: {}, body: { Message: "OK" } },
  { status: 404, headers: { "x-amzn-ErrorType": "ResourceNotFoundException" }, body: { Message: "gone" } },
];

// @ts-expect-error 201 is not a documented status
export const undocumentedStatus: DeleteProfileObjectResult = { status: 201, headers: {}, body: { Message: "OK" } };

// @ts-expect-error a 404 must name ResourceNotFoundException in x-amzn-ErrorType
export const wrongErrorType: DeleteProfileObjectResult = {
  status: 404,
  headers: { "x-amzn-ErrorType": "AccessDeniedException" },
  body: { Message: "x" },
};

// @ts-expect-error an error must carry x-amzn-ErrorType at all
export const missingErrorType: DeleteProfileObjectResult = { status: 400, headers: {}, body: { Message: "x" } };

// @ts-expect-error the 200 body has no member Extra
export const extraMember: DeleteProfileObjectResult = { status: 200, headers: {}, body: { Message: "OK", Extra: 1 } };

// @ts-expect-error AWS error bodies require Message
export const noMessage: DeleteProfileObjectResult = {
  status: 500,
  headers: { "x-amzn-ErrorType": "InternalServerException" },
  body: {},
};

// @ts-expect-error 204 has no body
export const bodyOn204: DeleteAccessProfileResult = { status: 204, headers: {}, body: { done: true } };

// @ts-expect-error 401 is {error}, not an ErrorResponseDto
export const dtoOn401: DeleteAccessProfileResult = { status: 401, headers: {}, body: { detailCode: "401" } };
