import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { data, error } = await admin.reset();
if (error) throw error;
console.log(data ?? "done");
