// deleteAccessProfilesInBulkV1: deleteAccessProfilesInBulk's scenarios, through the v1 client's typed `raw`.
import { bulkDeleteScenarios } from "./deleteAccessProfilesInBulk.contract.ts";

export const scenarios = bulkDeleteScenarios(
  (ctx, accessToken) => (request) =>
    ctx.sailpointV1Client(accessToken).raw.POST("/access-profiles/v1/bulk-delete", request),
);
