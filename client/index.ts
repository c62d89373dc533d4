// Public entry of the clients.
export * from "./access-profiles.ts";
export * from "./customer-profiles.ts";
export * from "./sailpoint-oauth.ts";
export { synthesizedBodyHeader } from "./shaping.ts";
