// getAccessProfileV1: getAccessProfile's scenarios, through the v1 client's typed `raw`.
import { getScenarios } from "./getAccessProfile.contract.ts";

export const scenarios = getScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointV1Client(accessToken).raw.GET("/access-profiles/v1/{id}", request),
);
