// Jest calls this once, in its own process, before any worker starts. The workers inherit its
// environment, so STUB_URL reaches every test file; the stub itself stays on globalThis, which
// only the teardown shares with this file.
import { startStub } from "contract-stubs";

export default async function globalSetup() {
  const stub = await startStub();
  process.env.STUB_URL = stub.url;
  globalThis.contractStub = stub;
}
