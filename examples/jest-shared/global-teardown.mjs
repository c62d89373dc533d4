// After the last test file: stop the stub the global setup started.
export default async function globalTeardown() {
  await globalThis.contractStub?.close();
}
