// Who may use the admin API: a request addressed to the stub and sent by no web page of another
// site, and, when the stub has an admin token, one that carries it.
import type { RequestHandler } from "express";
import { isLoopback } from "../config.ts";
import { answer } from "../shared/context.ts";
import { sameSecret } from "../shared/secrets.ts";
import { adminError } from "./errors.ts";

/** The host name of a Host header or an origin's host: no port, no brackets, lower case. */
function hostName(hostAndPort: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(hostAndPort);
  return (bracketed ? bracketed[1]! : hostAndPort.replace(/:\d*$/, "")).toLowerCase();
}

function originHost(origin: string): string {
  try {
    return hostName(new URL(origin).host);
  } catch {
    return "";
  }
}

/**
 * Refuses, with 403, what a web page could send to an admin API on the developer's own machine: a
 * request whose Host is another name than the stub's (DNS rebinding: a page of evil.example whose
 * name now resolves to 127.0.0.1), and one a page of another site sent (CSRF: an `Origin` of
 * another host, or `Sec-Fetch-Site: cross-site`). Tools that are not browsers send neither, and
 * keep working. A stub listening on every address (0.0.0.0, ::) cannot know its names: there the
 * admin token guards it instead, and this returns no guard.
 */
export function sameMachineOnly(listening = "127.0.0.1"): RequestHandler | undefined {
  if (listening === "0.0.0.0" || listening === "::") return undefined;
  const ours = (name: string) => isLoopback(name) || name.endsWith(".localhost") || name === listening.toLowerCase();
  return (req, res, next) => {
    const host = req.get("host");
    if (host !== undefined && !ours(hostName(host)))
      return answer(
        res,
        "auth",
        adminError(403, `The admin API answers only requests addressed to the stub (Host: ${host}).`),
      );
    // An opaque origin ("null": a sandboxed frame, a file) or one that does not parse is nobody's.
    const origin = req.get("origin");
    if ((origin !== undefined && !ours(originHost(origin))) || req.get("sec-fetch-site") === "cross-site")
      return answer(
        res,
        "auth",
        adminError(
          403,
          `The admin API does not answer web pages of other sites (${origin === undefined ? "Sec-Fetch-Site: cross-site" : `Origin: ${origin}`}).`,
        ),
      );
    next();
  };
}

/** The admin token, when the stub has one: `Authorization: Bearer <adminToken>` on every request. */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (adminToken === undefined) return next();
    const given = /^Bearer +(\S+) *$/i.exec(req.get("authorization") ?? "")?.[1];
    if (given && sameSecret(given, adminToken)) return next();
    answer(res, "auth", adminError(401, "The admin API requires Authorization with the admin token."));
  };
}
