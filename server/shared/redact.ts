// Secrets out of everything the stub shows of a request (the journal, its HAR export, the request
// log), by one rule on names rather than a list of places: a header, a query parameter (its name
// decoded first), a form or multipart field, or a JSON property at any depth, whose name is a
// credential (or a customer's data the service marks sensitive), has its value replaced. What
// helps debugging stays: an Authorization header keeps its scheme, and a SigV4 one its access key
// id, credential scope and signed header names.

export const redacted = "[REDACTED]";

/**
 * Whether a name names a credential: authorization, cookies, API keys, or anything naming a token,
 * secret, password, signature, assertion or session. Also `Object`, the member of PutProfileObject
 * and ListProfileObjects that Customer Profiles' model marks sensitive: a customer's own data.
 */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === "object" ||
    /^(proxy-)?authorization$/.test(n) ||
    /^(set-)?cookie2?$/.test(n) ||
    /api[-_ ]?key/.test(n) ||
    /token|secret|passw(or)?d|signature|assertion|session/.test(n)
  );
}

/**
 * An Authorization (or Proxy-Authorization) value without its secret. A scheme is a word with
 * credentials after it (`Bearer <token>`); a value of one word alone has no scheme and is wholly a
 * secret, as clients that send a bare token do.
 */
export function redactAuthorization(value: string): string {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9._~+/-]{0,31})\s+\S/.exec(value)?.[1];
  if (scheme && /^AWS4-(HMAC-SHA256|ECDSA-P256-SHA256)$/i.test(scheme))
    // Everything after Signature= up to the next parameter, spaces included.
    return value.replace(/(Signature\s*=)[^,]*/gi, `$1${redacted}`);
  return scheme ? `${scheme} ${redacted}` : redacted;
}

/** Cookie names stay, their values go. */
function redactCookies(value: string): string {
  return value
    .split(";")
    .map((pair) => {
      const at = pair.indexOf("=");
      return at < 0 ? pair : `${pair.slice(0, at)}=${redacted}`;
    })
    .join(";");
}

/** A header's value, redacted if its name is a credential's. */
export function redactHeader(name: string, value: string): string {
  const n = name.toLowerCase();
  if (n === "authorization" || n === "proxy-authorization") return redactAuthorization(value);
  if (n === "cookie" || n === "cookie2" || n === "set-cookie") return redactCookies(value);
  return isSecretName(n) ? redacted : value;
}

/** A parameter name as a server reads it: `+` is a space and percent-escapes are decoded. */
function decodedName(raw: string): string {
  const spaced = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * A form or query string with the value of every credential-named parameter replaced. Both `&`
 * and `;` separate parameters, as servers differ on `;`; names are judged decoded, so that an
 * encoded name (`X%2DAmz%2DSignature`) is caught too. The rest is left byte for byte.
 */
export function redactParams(text: string): string {
  return text.replace(/(^|[&;])([^&;=]*)=([^&;]*)/g, (whole, separator: string, name: string) =>
    isSecretName(decodedName(name)) ? `${separator}${name}=${redacted}` : whole,
  );
}

/** A request target (path and query) with its credential-named parameters redacted. */
export function redactUrl(url: string): string {
  const query = url.indexOf("?");
  if (query < 0) return url;
  const fragment = url.indexOf("#", query);
  const end = fragment < 0 ? url.length : fragment;
  return `${url.slice(0, query + 1)}${redactParams(url.slice(query + 1, end))}${url.slice(end)}`;
}

/** A parsed body (JSON, or a form's fields) with every credential-named property redacted, at any depth. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (!value || typeof value !== "object" || Buffer.isBuffer(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const replacement = isSecretName(key) ? redacted : redactValue(item);
    if (replacement !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = replacement;
    }
  }
  return copy ?? value;
}

/** A JSON member `"name": value` with a string, number or literal value; objects and arrays are looked into instead. */
const jsonMember = /("((?:[^"\\]|\\.)*)"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^"{}[\],\s]+)/g;
/** A multipart part's header naming its field, then the part's content up to the next boundary line. */
const multipartField =
  /(Content-Disposition:[^\r\n]*\bname="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([\s\S]*?)(?=\r?\n--|$)/gi;

/**
 * A body kept as text (one that did not parse, or was cut short) with the credentials it holds
 * redacted, whatever it is: JSON members, multipart fields and form parameters are each looked for.
 */
export function redactText(text: string): string {
  return redactParams(
    text
      .replace(multipartField, (whole, head: string, name: string) =>
        isSecretName(name) ? `${head}${redacted}` : whole,
      )
      .replace(jsonMember, (whole, head: string, name: string) =>
        isSecretName(name) ? `${head}"${redacted}"` : whole,
      ),
  );
}
