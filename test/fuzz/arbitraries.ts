// From the JSON Schemas of the bundled specs to fast-check arbitraries: values that satisfy every
// constraint, and mutations that each break exactly one. Only the keywords our specs use are
// mapped; anything else throws, so a new keyword in a spec cannot be silently ignored.
import fc from "fast-check";

export type Schema = Record<string, any>;

const known = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minLength",
  "maxLength",
  "pattern",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "oneOf",
  "anyOf",
  "description",
  "examples",
  "default",
  "minItems",
  "maxItems",
  "maxProperties",
  "minProperties",
  "propertyNames",
  "patternProperties",
  "format",
  "title",
  // Requests never carry a readOnly property (the generators below leave them out); writeOnly
  // says nothing a request must heed.
  "readOnly",
  "writeOnly",
  "deprecated",
]);

function checkKeywords(schema: Schema): void {
  for (const key of Object.keys(schema))
    if (!known.has(key) && !key.startsWith("x-")) throw new Error(`arbitraries: keyword ${key} is not mapped`);
}

/** The longest string we generate where a schema sets no maximum; keeps requests small. */
const defaultMaxLength = 40;

/**
 * Strings as a fuzzer wants them: mostly printable ASCII (what handlers compare against), some
 * arbitrary Unicode, and a fair share at the boundaries, exactly the minimum and maximum length.
 */
/** The longest string we generate at all: a schema's maximum beyond it (256,000 characters) is left to the mutations. */
const longestGenerated = 2000;

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + defaultMaxLength, Math.max(min, longestGenerated));
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    // "medium" reaches lengths of a few dozen; "max" would make unbounded quantifiers (*, +) explode.
    return fc.oneof(fc.stringMatching(pattern), fc.stringMatching(pattern, { size: "medium" })).filter(fits);
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max, unit: "grapheme-ascii" }) },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: min, maxLength: max, unit: "binary", size: "medium" }).filter(fits),
    },
    { weight: 1, arbitrary: fc.string({ minLength: max, maxLength: max, unit: "grapheme-ascii" }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: min, unit: "grapheme-ascii" }) },
  );
}

/** Values that satisfy every constraint of the schema. */
export function valid(schema: Schema): fc.Arbitrary<unknown> {
  checkKeywords(schema);
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(valid));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(valid));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => valid({ ...schema, type })));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "string":
      if (schema.format === "date-time")
        return fc
          .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.format !== undefined)
        throw new Error(`arbitraries: keyword format is not mapped for ${schema.format}`);
      return stringArbitrary(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case "number": {
      const min = schema.exclusiveMinimum ?? schema.minimum ?? -1e6;
      return fc.double({
        min,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
        minExcluded: schema.exclusiveMinimum !== undefined,
      });
    }
    case "array":
      return fc.array(valid(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(3, schema.maxItems ?? 3),
      });
    case "object": {
      // patternProperties only allow more members; the values generated use none of them.
      const properties: Record<string, Schema> = schema.properties ?? {};
      const minKeys = schema.minProperties ?? 0;
      const maxKeys = Math.max(minKeys, Math.min(3, schema.maxProperties ?? 3));
      if (Object.keys(properties).length === 0) {
        const values =
          typeof schema.additionalProperties === "object"
            ? valid(schema.additionalProperties)
            : fc.jsonValue({ maxDepth: 1 });
        // A map's keys satisfy propertyNames, a string schema, when there is one.
        const keys = schema.propertyNames
          ? (valid({ type: "string", ...schema.propertyNames }) as fc.Arbitrary<string>)
          : fc.string({ maxLength: 8 });
        return fc.dictionary(keys, values, { minKeys, maxKeys });
      }
      // A request carries no readOnly property: the service sets those (ids, dates).
      const sent = Object.entries(properties).filter(([, s]) => !s.readOnly);
      return fc.record(Object.fromEntries(sent.map(([k, s]) => [k, valid(s)])), {
        requiredKeys: (schema.required ?? []).filter((k: string) => sent.some(([name]) => name === k)),
      });
    }
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
  }
  throw new Error(`arbitraries: type ${schema.type} is not mapped`);
}

export interface Mutation {
  /** What constraint it breaks, for the failure report. */
  breaks: string;
  apply(value: Record<string, unknown>): Record<string, unknown>;
}

/** A value of another JSON type than the schema allows. */
function wrongType(schema: Schema): unknown {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes("string")) return "not-a-value";
  if (!types.includes("integer") && !types.includes("number")) return 42;
  return [];
}

/** A string of the right length that breaks the pattern: one character no pattern here allows. */
function breakPattern(value: string): string {
  return value.length > 0 ? `!${value.slice(1)}` : "!";
}

/** For an object schema: mutations of a valid value that each break exactly one constraint. */
export function mutations(schema: Schema): Mutation[] {
  const list: Mutation[] = [];
  const properties: Record<string, Schema> = schema.properties ?? {};
  for (const name of schema.required ?? [])
    list.push({ breaks: `required ${name}`, apply: ({ [name]: _, ...rest }) => rest });
  for (const [name, prop] of Object.entries(properties)) {
    if (prop.type === undefined && !prop.oneOf && !prop.enum) continue;
    // e.g. RateLimit | null: the unions here accept objects and null alike
    if (prop.oneOf || prop.anyOf) continue;
    list.push({ breaks: `type of ${name}`, apply: (v) => ({ ...v, [name]: wrongType(prop) }) });
    if (prop.enum) list.push({ breaks: `enum of ${name}`, apply: (v) => ({ ...v, [name]: "no-such-value" }) });
    if (prop.type === "string" && prop.maxLength !== undefined)
      list.push({ breaks: `maxLength of ${name}`, apply: (v) => ({ ...v, [name]: "a".repeat(prop.maxLength + 1) }) });
    if (prop.type === "string" && prop.minLength > 0 && !prop.pattern)
      list.push({ breaks: `minLength of ${name}`, apply: (v) => ({ ...v, [name]: "" }) });
    if (prop.type === "string" && prop.pattern)
      list.push({
        breaks: `pattern of ${name}`,
        apply: (v) => ({ ...v, [name]: breakPattern(String(v[name] ?? "abc")) }),
      });
    if ((prop.type === "integer" || prop.type === "number") && prop.maximum !== undefined)
      list.push({ breaks: `maximum of ${name}`, apply: (v) => ({ ...v, [name]: prop.maximum + 1 }) });
    if ((prop.type === "integer" || prop.type === "number") && (prop.minimum ?? prop.exclusiveMinimum) !== undefined)
      list.push({
        breaks: `minimum of ${name}`,
        apply: (v) => ({ ...v, [name]: (prop.minimum ?? prop.exclusiveMinimum) - 1 }),
      });
  }
  for (const [name, prop] of Object.entries(properties)) {
    // A map whose keys are constrained: a key no pattern here allows.
    if (prop.type === "object" && prop.propertyNames?.pattern)
      list.push({ breaks: `propertyNames of ${name}`, apply: (v) => ({ ...v, [name]: { "!": {} } }) });
    if (prop.type === "object" && prop.minProperties > 0)
      list.push({ breaks: `minProperties of ${name}`, apply: (v) => ({ ...v, [name]: {} }) });
  }
  if (schema.additionalProperties === false)
    list.push({ breaks: "additionalProperties", apply: (v) => ({ ...v, unexpectedMember: 1 }) });
  return list;
}
