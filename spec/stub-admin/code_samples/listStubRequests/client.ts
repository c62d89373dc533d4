import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { data, error } = await admin.requests({ api: "access-profiles", limit: 20 });
if (error) throw error;
for (const entry of data.requests)
  console.log(entry.id, entry.request.method, entry.request.url, entry.response?.status ?? "dropped");
