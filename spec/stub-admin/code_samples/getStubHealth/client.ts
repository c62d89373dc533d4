import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { data, error } = await admin.health();
if (error) throw error;
console.log(`contract-stubs ${data.version} is ready: ${data.apis.map((api) => api.name).join(", ")}`);
