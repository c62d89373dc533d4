// One stub for a whole vitest run: vitest calls this once, before the first test file, in its main
// process, and the function it returns after the last. Test files, in their own workers, get the
// stub's address with inject("stubUrl").
import { startStub } from "contract-stubs";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    stubUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stub = await startStub();
  project.provide("stubUrl", stub.url);
  return () => stub.close();
}
