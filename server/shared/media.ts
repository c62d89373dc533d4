// Which media types are JSON: `application/json` and the `+json` ones (RFC 6839), such as a JSON
// Patch's `application/json-patch+json`, with or without parameters (`; charset=utf-8`).

/** A Content-Type header or a spec's media type that is JSON. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType);
}
