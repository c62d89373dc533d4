// `node:http`, required as CommonJS. An ESM `import … from "node:http"` makes Node read every one
// of the module's exports, and the lazy ones (the fetch API's classes) load undici: about 30 ms
// more on each start (docs/performance.md). Express requires it as CommonJS, so it is loaded anyway.
import { createRequire } from "node:module";

export const http: typeof import("node:http") = createRequire(import.meta.url)("node:http");
