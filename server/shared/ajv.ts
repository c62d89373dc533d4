// Ajv as shipped code compiles the specs' schemas: draft 2020-12 with the formats of ajv-formats
// (date-time, uri, email…), so that a `format` in a schema is checked rather than ignored with a
// warning on the console.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** A new Ajv for draft 2020-12 schemas that checks formats. */
export function newAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, ...options });
  addFormats.default(ajv);
  return ajv;
}
