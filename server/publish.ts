// What the stub publishes besides the APIs: the bundled specs at /openapi/<api>.{json,yaml} and the
// reference docs built by `npm run docs` at /docs.
import { existsSync } from "node:fs";
import express, { type ErrorRequestHandler, type Router } from "express";
import type { ApiName } from "./shared/context.ts";
import { bundledSpecFile } from "./shared/spec.ts";

const mediaType = { json: "application/json", yaml: "application/yaml" } as const;

/** The bundled spec of each API named, as JSON and as YAML. */
export function specsRouter(published: readonly ApiName[]): Router {
  const router = express.Router();
  router.get("/:file", (req, res, next) => {
    const match = /^([a-z0-9-]+)\.(json|yaml)$/.exec(req.params.file);
    const api = published.find((name) => name === match?.[1]);
    if (!match || !api) return next();
    const ext = match[2] as keyof typeof mediaType;
    res.setHeader("Content-Type", `${mediaType[ext]}; charset=utf-8`);
    res.sendFile(bundledSpecFile(api, ext));
  });
  router.use((req, res) => {
    res.status(404).json({
      message: `No spec at ${req.originalUrl}; try ${published.map((a) => `/openapi/${a}.json`).join(", ")} or .yaml.`,
    });
  });
  // A path that does not decode (/openapi/%zz) reaches here as Express's URIError.
  router.use(((err: { status?: number }, _req, res, _next) => {
    const status = err.status === 400 ? 400 : 500;
    res
      .status(status)
      .json({ message: status === 400 ? "The path is not a valid URL path." : "An internal error occurred." });
  }) satisfies ErrorRequestHandler);
  return router;
}

export function docsRouter(docsDir: string): Router {
  const router = express.Router();
  router.use(express.static(docsDir, { index: "index.html", redirect: true, fallthrough: true }));
  router.use((req, res) => {
    const built = existsSync(docsDir);
    res
      .status(404)
      .type("text/plain")
      .send(
        built
          ? `No page at ${req.originalUrl}.\n`
          : `The docs are not built yet: run \`npm run docs\` (npm start does it for you).\n`,
      );
  });
  router.use(((err: { status?: number }, _req, res, _next) => {
    const status = err.status === 400 ? 400 : 500;
    res
      .status(status)
      .type("text/plain")
      .send(status === 400 ? "The path is not a valid URL path.\n" : "An internal error occurred.\n");
  }) satisfies ErrorRequestHandler);
  return router;
}
