// Public entry of the clients.
export * from "./access-profiles.ts";
export * from "./access-profiles-v1.ts";
export * from "./customer-profiles.ts";
export * from "./sailpoint-oauth.ts";
export { attemptsHeader, awsStandardRetry, retrying, sailpointSdkRetry, type RetryPolicy } from "./retry.ts";
export { synthesizedBodyHeader } from "./shaping.ts";
export * from "./stub-admin.ts";
