// The request inspector at /__stub/: one page, offline and self-contained, that reads the journal
// and drives the stub through the admin API like any other client (see docs/admin-api.md). The page
// holds no data of its own, so it is served under the admin API's same-machine guard but without the
// admin token, which the page asks for when the admin API wants it. Its inline script and style are
// the only ones its Content-Security-Policy allows, by hash; it may connect only to the stub.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import express, { type RequestHandler, type Router } from "express";
import { locations } from "./locations.ts";
import { newHexId, openContext } from "./shared/context.ts";
import { sameMachineOnly } from "./stub-admin/guard.ts";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** The page and the headers it is served with, read once. */
function inspectorPage(): { html: string; headers: Record<string, string> } {
  const html = readFileSync(locations.inspector, "utf8");
  const inline = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!);
  const policy = [
    "default-src 'none'",
    `script-src ${inline("script").map(sha256).join(" ")}`,
    `style-src ${inline("style").map(sha256).join(" ")}`,
    "connect-src 'self'",
    "img-src 'self' blob: data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    html,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": policy,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
    },
  };
}

/** The routers inspectorRouter made: the benchmark takes them out of an app to measure what they cost. */
export const inspectorRouters = new WeakSet<Router>();

/** `GET /__stub/` (and `/__stub`): the inspector page; any other path goes on to the admin API. */
export function inspectorRouter(host: string | undefined): Router {
  let page: ReturnType<typeof inspectorPage> | undefined;
  const guard = sameMachineOnly(host);
  const router = express.Router({ strict: false });
  const serve: RequestHandler = (req, res, next) => {
    if (req.path !== "/") return next();
    openContext(res, "stub-admin", newHexId());
    const send = () => {
      page ??= inspectorPage();
      res.status(200).set(page.headers).send(page.html);
    };
    if (guard) guard(req, res, send);
    else send();
  };
  router.get("/", serve);
  inspectorRouters.add(router);
  return router;
}

/**
 * `GET /` from a browser (one that prefers HTML to JSON): a page pointing to the inspector and the
 * docs. An API client, which asks for JSON or anything, gets what the API at the root answers.
 */
export const browserPointer: RequestHandler = (req, res, next) => {
  const accept = req.get("accept") ?? "";
  if (!/\btext\/html\b/.test(accept) || req.accepts(["application/json", "text/html"]) !== "text/html") return next();
  res
    .status(200)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>contract-stubs</title></head><body>' +
        "<h1>contract-stubs</h1><p>This is a contract stub of Amazon Connect Customer Profiles and SailPoint " +
        "Identity Security Cloud Access Profiles. API clients get the APIs' own answers here.</p><ul>" +
        '<li><a href="/__stub/">The request inspector</a>: what your code sent, and why the stub answered that.</li>' +
        '<li><a href="/docs/">The API docs</a>, and the specs under <a href="/openapi/customer-profiles.json">/openapi/</a>.</li>' +
        "</ul></body></html>",
    );
};
