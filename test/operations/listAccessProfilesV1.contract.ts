// listAccessProfilesV1: listAccessProfiles's scenarios, through the v1 client's typed `raw`.
import { listScenarios } from "./listAccessProfiles.contract.ts";

export const scenarios = listScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointV1Client(accessToken).raw.GET("/access-profiles/v1", request),
);
