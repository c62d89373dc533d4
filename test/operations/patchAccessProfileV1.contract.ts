// patchAccessProfileV1: patchAccessProfile's scenarios, through the v1 client's typed `raw`.
import { patchScenarios } from "./patchAccessProfile.contract.ts";

export const scenarios = patchScenarios(
  (ctx, accessToken) => (request) => ctx.sailpointV1Client(accessToken).raw.PATCH("/access-profiles/v1/{id}", request),
);
