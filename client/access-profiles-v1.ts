// Typed client for SailPoint's per-resource Access Profiles API v1 (deleteAccessProfileV1), on
// openapi-fetch: the API the 2.x SDKs call. Its errors are v3's, read by the same AccessProfilesError.
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/access-profiles-v1.d.ts";
import {
  type AccessProfilesClientOptions,
  type AccessProfilesResult,
  deleteResult,
  sailpointClient,
} from "./access-profiles.ts";

export interface AccessProfilesV1ClientOptions extends AccessProfilesClientOptions {
  /** The tenant's API host, without a version: `http://127.0.0.1:4010`, or `https://{tenant}.api.identitynow.com`. */
  baseUrl: string;
}

export interface AccessProfilesV1Client {
  /** The underlying openapi-fetch client, typed by the v1 spec's `paths`. */
  raw: Client<paths>;
  deleteAccessProfileV1(id: string, init?: { headers?: Record<string, string> }): Promise<AccessProfilesResult>;
}

/**
 * A client for SailPoint Access Profiles v1.
 *
 * @example
 * const client = createAccessProfilesV1Client({ baseUrl: "http://127.0.0.1:4010", accessToken: token });
 * const { error } = await client.deleteAccessProfileV1("2c91808a7813090a017814121919ecca");
 */
export function createAccessProfilesV1Client(options: AccessProfilesV1ClientOptions): AccessProfilesV1Client {
  const raw = sailpointClient<paths>(options);
  return {
    raw,
    deleteAccessProfileV1: async (id, init) =>
      deleteResult(await raw.DELETE("/access-profiles/v1/{id}", { params: { path: { id } }, headers: init?.headers })),
  };
}
