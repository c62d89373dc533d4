// The options of the command (camelCased) and of startStub, apart from the code that reads them, so
// that the package's public declarations need nothing but the generated types.
import type { components } from "../generated/stub-admin.d.ts";

export type StubState = components["schemas"]["StubState"];

/** The options of `contract-stubs` (camelCased) and of `startStub`. */
export interface StubOptions {
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 4010 for the command, 0 for `startStub`. */
  port?: number;
  /**
   * The state to start from and reset to: a demo-data JSON file, or (in-process) the state itself.
   * Default: the bundled demo data.
   */
  data?: string | StubState;
  /** Largest request body accepted, in bytes; larger ones are refused before they are read. Default 524288 (512 KiB: PutProfileObject takes an Object of up to 256,000 characters). */
  bodyLimit?: number;
  /** `off` (default): no rate limits; `realistic`: per-credential limits answering 429 with Retry-After. */
  rateLimits?: "off" | "realistic";
  /**
   * Token the admin API requires as `Authorization: Bearer <token>`; required (and made up if not
   * given) beyond loopback.
   */
  adminToken?: string;
  /** No per-request log lines on stdout. Default false for the command, true for `startStub`. */
  quiet?: boolean;
  /** How many requests the journal (`GET /__stub/requests`) keeps, the oldest dropped first; 0 turns it off. Default 1000. */
  journalSize?: number;
  /**
   * Build the checks of the deletes (and of the token endpoint and the health probe) before
   * listening, so that their first request is served at full speed. Default true for the command,
   * false for `startStub`: there, each operation's checks are built on its first request (15-45 ms,
   * once per process), and a test file pays only for the operations it calls.
   */
  warmUp?: boolean;
}
