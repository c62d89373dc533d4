// deleteAccessProfileV1: deleteAccessProfile's scenarios, through the v1 client (the API of the 2.x SDKs).
import { deleteScenarios } from "./deleteAccessProfile.contract.ts";

export const scenarios = deleteScenarios(
  (ctx, accessToken) => (id, init) => ctx.sailpointV1Client(accessToken).deleteAccessProfileV1(id, init),
);
