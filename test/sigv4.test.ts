// SigV4 verification: every way a signature can be wrong is refused with 403 AccessDeniedException.
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { verifySigV4, type SignedRequest } from "../server/customer-profiles/auth.ts";
import { StubStore } from "../server/store.ts";
import { demoCredentials, demoData } from "./support/stub.ts";

const store = new StubStore(demoData()).customerProfiles;
const now = new Date("2026-11-21T12:00:00Z");
const body = JSON.stringify({
  ProfileId: "3991a7d959d248bba82546b2d0e0a1b2",
  ObjectTypeName: "T",
  ProfileObjectUniqueKey: "k",
});
const path = "/domains/Demo%20Domain/profiles/objects/delete";

async function signed(
  options: {
    secret?: string;
    service?: string;
    date?: Date;
    sessionToken?: string;
    accessKeyId?: string;
    unsigned?: string[];
  } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: options.service ?? "profile",
    region: "eu-west-2",
    credentials: {
      accessKeyId: options.accessKeyId ?? demoCredentials.accessKeyId,
      secretAccessKey: options.secret ?? demoCredentials.secretAccessKey,
      sessionToken: options.sessionToken,
    },
    sha256: Hash.bind(null, "sha256"),
  });
  const request = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4010,
      path,
      headers: { host: "127.0.0.1:4010", "content-type": "application/json" },
      body,
    },
    { signingDate: options.date ?? now, unsignableHeaders: new Set(options.unsigned) },
  );
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: "POST", url: path, headers, body: Buffer.from(body) };
}

const refusal = async (request: SignedRequest, at = now) => {
  const outcome = await verifySigV4(request, store, at);
  return outcome.ok ? "accepted" : outcome.message;
};

describe("SigV4 verification", () => {
  test("accepts a request signed with the demo credentials, in any region", async () => {
    expect(await verifySigV4(await signed(), store, now)).toEqual({
      ok: true,
      accessKeyId: demoCredentials.accessKeyId,
      region: "eu-west-2",
    });
  });

  test("refuses a tampered body", async () => {
    const request = await signed();
    expect(await refusal({ ...request, body: Buffer.from(body.replace('"k"', '"K"')) })).toMatch(
      /x-amz-content-sha256/,
    );
  });

  test("refuses a tampered body whose declared hash was changed to match", async () => {
    const request = await signed();
    const tampered = Buffer.from(body.replace('"k"', '"K"'));
    const { createHash } = await import("node:crypto");
    const headers = { ...request.headers, "x-amz-content-sha256": createHash("sha256").update(tampered).digest("hex") };
    expect(await refusal({ ...request, headers, body: tampered })).toMatch(/signature we calculated does not match/);
  });

  test("refuses a tampered path", async () => {
    const request = await signed();
    expect(await refusal({ ...request, url: path.replace("Demo%20Domain", "Other") })).toMatch(/does not match/);
  });

  test("refuses a tampered signed header", async () => {
    const request = await signed();
    expect(
      await refusal({ ...request, headers: { ...request.headers, "content-type": "application/x-amz-json-1.1" } }),
    ).toMatch(/does not match/);
  });

  test("refuses a signed header that was removed", async () => {
    const request = await signed();
    const { "content-type": _, ...headers } = request.headers;
    expect(await refusal({ ...request, headers })).toMatch(/names header 'content-type'/);
  });

  test("refuses the wrong secret", async () => {
    expect(await refusal(await signed({ secret: "wrong" }))).toMatch(/does not match/);
  });

  test("refuses an unknown access key", async () => {
    expect(await refusal(await signed({ accessKeyId: "AKIAUNKNOWNKEY000000" }))).toMatch(
      /security token included in the request is invalid/,
    );
  });

  test("refuses a signature scoped to another service", async () => {
    expect(await refusal(await signed({ service: "s3" }))).toMatch(/scoped to correct service: 'profile'/);
  });

  test("refuses a date more than 15 minutes from the server clock, either way", async () => {
    expect(await refusal(await signed({ date: new Date(now.getTime() - 16 * 60_000) }))).toMatch(/Signature expired/);
    expect(await refusal(await signed({ date: new Date(now.getTime() + 16 * 60_000) }))).toMatch(/Signature expired/);
    expect(await refusal(await signed({ date: new Date(now.getTime() - 14 * 60_000) }))).toBe("accepted");
  });

  test("refuses a header that is not SigV4, and a missing one", async () => {
    const request = await signed();
    expect(await refusal({ ...request, headers: { ...request.headers, authorization: "Bearer abc" } })).toMatch(
      /AWS4-HMAC-SHA256/,
    );
    const { authorization: _, ...unsigned } = request.headers;
    expect(await refusal({ ...request, headers: unsigned })).toMatch(/Missing Authentication Token/);
  });

  test("refuses a request without X-Amz-Date, which a signature is over", async () => {
    const { "x-amz-date": _, ...undated } = (await signed()).headers;
    expect(await refusal({ ...(await signed()), headers: undated })).toMatch(
      /requires existence of either a 'X-Amz-Date' or a 'Date' header/,
    );
  });

  test("refuses an X-Amz-Date of another day than the credential's scope, even within the allowed skew", async () => {
    const beforeMidnight = new Date("2026-11-21T23:59:00Z");
    const request = await signed({ date: beforeMidnight });
    // Two minutes later, a day later: the scope still says 20261121.
    const headers = { ...request.headers, "x-amz-date": "20261122T000100Z" };
    expect(await refusal({ ...request, headers }, new Date("2026-11-22T00:00:00Z"))).toMatch(
      /scoped to a valid date, not '20261121'/,
    );
  });

  test("refuses a signature that leaves the Host header out, however right it is otherwise", async () => {
    const request = await signed({ unsigned: ["host"] });
    expect(request.headers.authorization).toMatch(/SignedHeaders=content-type;x-amz-content-sha256;x-amz-date,/);
    expect(await refusal(request)).toBe("The host header must be signed.");
  });

  test("refuses a session token the credentials do not have, and accepts the configured one", async () => {
    expect(await refusal(await signed({ sessionToken: "made-up" }))).toMatch(/security token/);
    const data = demoData();
    data.customerProfiles.credentials[0]!.sessionToken = "session-123";
    const withToken = new StubStore(data).customerProfiles;
    expect((await verifySigV4(await signed({ sessionToken: "session-123" }), withToken, now)).ok).toBe(true);
    expect((await verifySigV4(await signed(), withToken, now)).ok).toBe(false);
  });
});

/** Percent-encoding as the AWS SDK puts a path segment or a query component on the wire (RFC 3986). */
const wireEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe("SigV4 verification agrees with the SDK's signer", () => {
  // The stub verifies with aws4, the SDK signs with @smithy/signature-v4: any request the SDK can
  // sign must verify, whatever its path, query, headers, body and region.
  const segment = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((s) => s !== "." && s !== "..");
  const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,12}$/);
  const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
  const request = fc.record({
    segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
    trailingSlash: fc.boolean(),
    query: fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8, unit: "grapheme" })), {
      maxLength: 4,
    }),
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
    userAgentSigned: fc.boolean(),
    body: fc.option(fc.string({ maxLength: 64, unit: "grapheme" }), { nil: undefined }),
    region: fc.constantFrom("us-east-1", "eu-west-2", "ap-southeast-1"),
  });

  test("any request the SDK's signer signs is accepted, and the same request with another body is not", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = `/${r.segments.map(wireEncode).join("/")}${r.trailingSlash ? "/" : ""}`;
        const query: Record<string, string | string[]> = {};
        for (const [key, value] of r.query) {
          if (key === "") continue;
          const prior = query[key];
          query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
        }
        const search = Object.entries(query)
          .flatMap(([key, values]) => [values].flat().map((value) => `${wireEncode(key)}=${wireEncode(value)}`))
          .join("&");
        const signer = new SignatureV4({
          service: "profile",
          region: r.region,
          credentials: demoCredentials,
          sha256: Hash.bind(null, "sha256"),
        });
        const headers: Record<string, string> = { host: "127.0.0.1:4010", ...r.headers, "user-agent": "sdk/1 (x)" };
        const signedRequest = await signer.sign(
          { method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 4010, path, query, headers, body: r.body },
          // Like the SDK, which leaves user-agent unsigned unless told otherwise.
          { signingDate: now, unsignableHeaders: r.userAgentSigned ? new Set() : new Set(["user-agent"]) },
        );
        const received: SignedRequest = {
          method: "POST",
          url: search ? `${path}?${search}` : path,
          headers: Object.fromEntries(Object.entries(signedRequest.headers).map(([k, v]) => [k.toLowerCase(), v])),
          body: r.body === undefined ? undefined : Buffer.from(r.body),
        };
        expect(await refusal(received)).toBe("accepted");
        expect(await refusal({ ...received, body: Buffer.from(`${r.body ?? ""}.`) })).not.toBe("accepted");
      }),
      { numRuns: 300 },
    );
  });
});
