// An exchange as HAR 1.2 describes it, for the journal's export and the verifier's: the request at
// its absolute URL with its query and body, and the response, or HAR's status 0 when none came.
import { http } from "./node-http.ts";
import type { components } from "../../generated/stub-admin.d.ts";

type HarEntry = components["schemas"]["HarEntry"];
type Headers = Record<string, string>;

const pairs = (headers: Headers) => Object.entries(headers).map(([name, value]) => ({ name, value }));
const asText = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));

/** A request as HAR has it; `body` is JSON, text, or null for none. */
export function harRequest(
  url: URL,
  request: { method: string; headers: Headers; body: unknown },
): HarEntry["request"] {
  const text = request.body === null ? undefined : asText(request.body);
  return {
    method: request.method,
    url: url.href,
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: pairs(request.headers),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    ...(text === undefined
      ? {}
      : { postData: { mimeType: request.headers["content-type"] ?? "application/octet-stream", text } }),
    headersSize: -1,
    bodySize: text === undefined ? 0 : Buffer.byteLength(text),
  };
}

/** A response as HAR has it; null, for a connection closed without one, is status 0. */
export function harResponse(
  response: { status: number; headers: Headers; body: unknown } | null,
): HarEntry["response"] {
  if (!response)
    return {
      status: 0,
      statusText: "",
      httpVersion: "",
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: "x-unknown" },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    };
  const text = response.body === null ? undefined : asText(response.body);
  const size = text === undefined ? 0 : Buffer.byteLength(text);
  return {
    status: response.status,
    statusText: http.STATUS_CODES[response.status] ?? "",
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: pairs(response.headers),
    content: {
      size,
      mimeType: response.headers["content-type"] ?? "x-unknown",
      ...(text === undefined ? {} : { text }),
    },
    redirectURL: "",
    headersSize: -1,
    bodySize: size,
  };
}
