// The APIs the stub serves, each described once (see shared/api.ts). The app mounts them, the
// readiness probe warms them up, the health check and /openapi list them, and the journal records
// the services among them, all from this list.
import { accessProfiles, accessProfilesV1 } from "./access-profiles/api.ts";
import { customerProfiles } from "./customer-profiles/api.ts";
import { sailpointOAuth } from "./sailpoint-oauth/api.ts";
import type { StubServices } from "./services.ts";
import type { AnyApiDescription } from "./shared/api.ts";
import { stubAdmin } from "./stub-admin/api.ts";

export const apis: readonly AnyApiDescription<StubServices>[] = [
  customerProfiles,
  accessProfiles,
  accessProfilesV1,
  sailpointOAuth,
  stubAdmin,
];
