// Where the stub finds its files. Run from source, this module is server/locations.ts in the
// repository; compiled, it is dist/server/locations.js in the package, and the build copies the
// bundled specs and the demo data into dist/ in the same places relative to it. Only the built docs
// and package.json sit differently: dist/docs is beside the compiled code, but one level down from
// the sources.
import { fileURLToPath } from "node:url";

const compiled = import.meta.url.endsWith(".js");
const near = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const locations = {
  /** The bundled specs and their types: generated/ in the repository, dist/generated in the package. */
  generated: near("../generated/"),
  /** The request inspector's page, served at /__stub/. */
  inspector: near("./inspector/page.html"),
  /** The demo data the stub starts from by default. */
  demoData: near("./data/demo-data.json"),
  /** The reference docs built by `npm run docs` (and by the build). */
  docs: near(compiled ? "../docs/" : "../dist/docs/"),
  packageJson: near(compiled ? "../../package.json" : "../package.json"),
};
