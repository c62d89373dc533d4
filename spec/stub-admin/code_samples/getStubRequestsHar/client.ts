import { writeFileSync } from "node:fs";
import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const { data, error } = await admin.requestsHar({ status: 429 });
if (error) throw error;
writeFileSync("throttled.har", JSON.stringify(data, null, 2));
console.log(`${data.log.entries.length} entries written to throttled.har`);
