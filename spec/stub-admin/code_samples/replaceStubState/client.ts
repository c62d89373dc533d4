import { createStubAdminClient } from "contract-stubs/client";

const admin = createStubAdminClient({ baseUrl: process.env.STUB_URL ?? "http://127.0.0.1:4010" });
const current = await admin.getState();
if (current.error) throw current.error;
const state = current.data;
state.customerProfiles.domains.push("AnotherDomain");
const { error } = await admin.replaceState(state);
if (error) throw error; // error.details lists every problem
console.log("replaced");
