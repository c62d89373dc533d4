// createAccessProfileV1: createAccessProfile's scenarios, through the v1 client's typed `raw`.
import { createScenarios } from "./createAccessProfile.contract.ts";

export const scenarios = createScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointV1Client(accessToken).raw.POST("/access-profiles/v1", request),
);
