// The control for the redaction tests: with redaction taken out of the stub, the secrets those tests
// look for are in the journal and the HAR. Their checks can fail, and would, were redaction lost.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createStubAdminClient } from "../client/index.ts";
import { startTestStub, type TestStub } from "./support/stub.ts";

vi.mock(import("../server/shared/redact.ts"), async (original) => ({
  ...(await original()),
  redactHeader: (_name: string, value: string) => value,
  redactUrl: (url: string) => url,
  redactValue: (value: unknown) => value,
  redactText: (text: string) => text,
}));

let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => {
  await stub.close();
});

test("without redaction, a bearer token, a client secret and a secret in the query reach the journal and the HAR", async () => {
  await fetch(`${stub.baseUrl}/v3/access-profiles/x?api_key=s3cr3t-query`, {
    method: "DELETE",
    headers: { authorization: "Bearer s3cr3t-token" },
  });
  await fetch(`${stub.baseUrl}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "api", client_secret: "s3cr3t-form" }),
  });
  const admin = createStubAdminClient({ baseUrl: stub.baseUrl });
  const journal = JSON.stringify((await admin.requests()).data);
  const har = JSON.stringify((await admin.requestsHar()).data);
  for (const secret of ["s3cr3t-token", "s3cr3t-form", "s3cr3t-query"]) {
    expect(journal).toContain(secret);
    expect(har).toContain(secret);
  }
});
