// What the verifier knows of each API beyond its spec: how its credentials work, and how its errors
// name themselves on the wire (AWS in the `x-amzn-ErrorType` header, SailPoint in `detailCode` with
// a `trackingId`).
import type { DocumentedResponse } from "../shared/spec.ts";

/** A response as the checks read it: status, headers, the body's text. */
export interface ReceivedResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface ApiWire {
  /** How requests are authenticated: SigV4, or a bearer token from the client-credentials grant. */
  auth: "sigv4" | "client-credentials";
  /** The error name or code a response carries, if any. */
  errorCode(response: ReceivedResponse, body: unknown): string | undefined;
  /** The header that carries it, if a header does: its value is checked as the error code, not again by its schema. */
  codeHeader?: string;
  /** The codes the spec documents for a response: all of them, or the named example's. */
  documentedCodes(response: DocumentedResponse, example?: string): string[];
  /** What the API's error format requires beyond the body's schema. */
  errorFormatProblems(response: DocumentedResponse, body: unknown): string[];
  /** What to check when the target refuses the credentials the run was given. */
  credentialsHint: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const customerProfiles: ApiWire = {
  auth: "sigv4",
  errorCode: (response) => response.headers.get("x-amzn-errortype") ?? undefined,
  codeHeader: "x-amzn-errortype",
  documentedCodes: (response) => {
    const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === "x-amzn-errortype");
    const name = header?.[1].schema.const;
    return typeof name === "string" ? [name] : [];
  },
  // The header is a documented, required header: its presence is checked with the others.
  errorFormatProblems: () => [],
  credentialsHint:
    "Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (temporary credentials expire) and the Region, and that they may call the operation.",
};

const accessProfiles: ApiWire = {
  auth: "client-credentials",
  errorCode: (_response, body) => (isObject(body) && typeof body.detailCode === "string" ? body.detailCode : undefined),
  documentedCodes: (response, example) => {
    const named = Object.entries(response.examples).filter(([name]) => example === undefined || name === example);
    return named.flatMap(([, value]) =>
      isObject(value) && typeof value.detailCode === "string" ? [value.detailCode] : [],
    );
  },
  // An ErrorResponseDto (its examples carry a detailCode) must say which error and which request it was.
  errorFormatProblems: (response, body) => {
    const isDto = Object.values(response.examples).some((value) => isObject(value) && "detailCode" in value);
    if (!isDto) return [];
    const problems: string[] = [];
    for (const field of ["detailCode", "trackingId"])
      if (!isObject(body) || typeof body[field] !== "string" || body[field] === "")
        problems.push(`body has no ${field}, which SailPoint's ErrorResponseDto always carries`);
    return problems;
  },
  credentialsHint:
    "The token endpoint granted a token for SAIL_CLIENT_ID, but the API refused it: check that the client has the operation's scopes and authority.",
};

/** The APIs verify runs, each with its wire format: both versions of Access Profiles speak SailPoint's. */
export const wires = {
  "customer-profiles": customerProfiles,
  "access-profiles": accessProfiles,
  "access-profiles-v1": accessProfiles,
} as const satisfies Record<string, ApiWire>;

export type VerifiedApi = keyof typeof wires;
export const verifiedApis = Object.keys(wires) as VerifiedApi[];
