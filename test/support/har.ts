// HAR 1.2's JSON schemas (draft-06), from the har-schema package: what an exported HAR must satisfy.
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
addFormats.default(ajv);
for (const schema of Object.values(require("har-schema") as Record<string, object>)) ajv.addSchema(schema);

/** Validates a whole HAR document; its `errors` say what is wrong. */
export const validHar = ajv.getSchema("har.json#")!;
