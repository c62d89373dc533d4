import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { error } = await admin.clearRequests();
if (error) throw error;
console.log("the journal is empty");
