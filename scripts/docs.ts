// Builds the reference docs into dist/docs: one page per API rendered by Redoc 2 (its standalone
// bundle is copied from node_modules beside the pages and each page embeds its bundled spec, so
// nothing is loaded from elsewhere, not even from file://), an index page, and the bundled specs.
// The stub serves the folder at /docs; it can also be published as it is.
//
// Why Redoc 2 and not `redocly build-docs`: the latter renders Redoc 3, whose pages route to
// root-absolute paths (/profile-objects), so they break when served under /docs/, and they fetch a
// logo from Redocly's CDN.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { listApis, repoRoot } from "./apis.ts";

// `--out <dir>` builds elsewhere (the browser test builds into a temporary folder).
const outIndex = process.argv.indexOf("--out");
const docsDir =
  outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1]! : join(repoRoot, "dist", "docs");
const redocBundles = join(dirname(createRequire(import.meta.url).resolve("redoc/package.json")), "bundles");

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const redocOptions = {
  expandResponses: "all",
  requiredPropsFirst: true,
  jsonSampleExpandLevel: "all",
  hideHostname: false,
  theme: {
    typography: {
      fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif",
      headings: { fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif" },
      code: { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", wrap: true },
    },
  },
};

/**
 * Nothing may leave the host: scripts, styles, images, workers and fetches are limited to the
 * page's own origin (plus inline code and blob:/data: URLs Redoc creates itself).
 */
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self' data:",
].join("; ");

/** The start of every page: the policy above, no favicon request, the title and its styles. */
function head(title: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)}</title>
  <style>${style}</style>
</head>`;
}

function page(title: string, spec: unknown): string {
  // A code sample's long line wraps, to be read whole in the right panel rather than cut off at its
  // edge (Redoc keeps samples on one line, and hides what overflows on a laptop's width).
  return `${head(title, "body { margin: 0; } pre, pre code { white-space: pre-wrap !important; overflow-wrap: anywhere; }")}
<body>
  <div id="redoc"></div>
  <script src="redoc.standalone.js"></script>
  <script>
    Redoc.init(${scriptJson(spec)}, ${scriptJson(redocOptions)}, document.getElementById("redoc"));
  </script>
</body>
</html>
`;
}

rmSync(docsDir, { recursive: true, force: true });
mkdirSync(join(docsDir, "openapi"), { recursive: true });
copyFileSync(join(redocBundles, "redoc.standalone.js.LICENSE.txt"), join(docsDir, "redoc.standalone.js.LICENSE.txt"));
// Redoc always renders its attribution logo from Redocly's CDN; the local copy points it at an
// inline blank image instead, so an offline page makes no request at all. Exactly one occurrence
// is expected: if a Redoc upgrade changes that, the build stops here rather than go online.
const cdnLogo = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const bundle = readFileSync(join(redocBundles, "redoc.standalone.js"), "utf8");
if (bundle.split(cdnLogo).length !== 2)
  throw new Error(`expected one ${cdnLogo} in the Redoc bundle; check what else it loads from the network`);
writeFileSync(
  join(docsDir, "redoc.standalone.js"),
  bundle.replace(
    cdnLogo,
    JSON.stringify("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"),
  ),
);

const entries: string[] = [];
for (const api of listApis()) {
  const spec = JSON.parse(readFileSync(join(repoRoot, "generated", `${api.name}.openapi.json`), "utf8"));
  writeFileSync(join(docsDir, `${api.name}.html`), page(spec.info.title, spec));
  for (const ext of ["json", "yaml"])
    copyFileSync(
      join(repoRoot, "generated", `${api.name}.openapi.${ext}`),
      join(docsDir, "openapi", `${api.name}.${ext}`),
    );
  entries.push(`    <li>
      <a href="${api.name}.html">${escapeHtml(spec.info.title)}</a> <small>v${escapeHtml(spec.info.version)}</small>
      <p>${escapeHtml(spec.info.summary ?? "")}</p>
      <p class="spec">OpenAPI: <a href="openapi/${api.name}.yaml">YAML</a> · <a href="openapi/${api.name}.json">JSON</a></p>
    </li>`);
}

writeFileSync(
  join(docsDir, "index.html"),
  `${head(
    "API reference — contract stubs",
    `
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
    li { margin-bottom: 1.5rem; } li > a { font-size: 1.2rem; font-weight: 600; } small { white-space: nowrap; }
    p { margin: .3rem 0; } .spec { font-size: .9rem; color: #57606a; }
  `,
  )}
<body>
  <h1>API reference</h1>
  <p>Hand-written OpenAPI 3.1 specs, served by the contract stub and usable offline.</p>
  <ul>
${entries.join("\n")}
  </ul>
</body>
</html>
`,
);
console.log(`docs built in ${docsDir} (${entries.length} APIs)`);
