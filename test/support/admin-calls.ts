// One representative call per admin operation, valid and invalid, for suites that walk every
// operation of every spec.
import type { StubAdminClient } from "../../client/index.ts";
import { demoData } from "./stub.ts";

export const adminCalls: Record<string, (admin: StubAdminClient) => Promise<{ response: Response }>> = {
  getStubHealth: (admin) => admin.health(),
  resetStub: (admin) => admin.reset(),
  getStubState: (admin) => admin.getState(),
  replaceStubState: (admin) => admin.replaceState(demoData()),
  listStubFaults: (admin) => admin.listFaults(),
  addStubFault: (admin) => admin.addFault({ api: "access-profiles", count: 1, status: 500 }),
  clearStubFaults: (admin) => admin.clearFaults(),
  getStubLimits: (admin) => admin.getLimits(),
  setStubLimits: (admin) => admin.setLimits({ accessProfiles: { requestsPerSecond: 5, burst: 5 } }),
  listStubRequests: (admin) => admin.requests({ api: "access-profiles" }),
  clearStubRequests: (admin) => admin.clearRequests(),
  getStubRequestsHar: (admin) => admin.requestsHar({ limit: 10 }),
};

/** Calls the admin API refuses with 400, for the operations that document it. */
export const invalidAdminCalls: Record<
  string,
  (admin: StubAdminClient) => Promise<{ response: Response; error?: { details: string[] } }>
> = {
  replaceStubState: (admin) => {
    const data = demoData();
    data.accessProfiles.accessProfiles[0]!.sourceId = "no-such-source";
    return admin.replaceState(data);
  },
  addStubFault: (admin) => admin.addFault({ api: "access-profiles", count: 0 }),
  setStubLimits: (admin) => admin.setLimits({ accessProfiles: { requestsPerSecond: 0, burst: 1 } }),
  listStubRequests: (admin) => admin.requests({ status: 99 }),
  getStubRequestsHar: (admin) => admin.requestsHar({ limit: 0 }),
};

/** A fetch that adds a header to every request. */
export function withHeader(name: string, value: string, inner: typeof fetch): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    request.headers.set(name, value);
    return inner(request);
  };
}

/** A fetch that adds a Prefer header to every request. */
export const preferring = (prefer: string, inner: typeof fetch): typeof fetch => withHeader("prefer", prefer, inner);
