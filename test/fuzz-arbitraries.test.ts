// The schema → fast-check mapping is small and ours, so it is tested: valid values validate, every
// mutation is rejected by the schema, and unmapped keywords are refused.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mutations, valid } from "./fuzz/arbitraries.ts";
import { apiNames, ContractOracle } from "./support/oracle.ts";

const oracle = await ContractOracle.load();
const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);
const schemas = apiNames.flatMap((api) =>
  Object.entries<any>(oracle.spec(api).components?.schemas ?? {}).map(([name, schema]) => ({ api, name, schema })),
);
const parameters = apiNames.flatMap((api) =>
  Object.entries<any>(oracle.spec(api).components?.parameters ?? {}).map(([name, p]) => ({
    api,
    name,
    schema: p.schema,
  })),
);

/** The schema as a request must meet it: a readOnly property is never sent, so never required. */
function asRequest(schema: any): any {
  if (Array.isArray(schema)) return schema.map(asRequest);
  if (!schema || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, asRequest(v)]));
  if (Array.isArray(schema.required) && schema.properties)
    copy.required = schema.required.filter((k: string) => !schema.properties[k]?.readOnly);
  return copy;
}

describe("valid(schema)", () => {
  for (const { api, name, schema } of [...schemas, ...parameters])
    test(`${api} ${name}: generated values validate, as a request (no readOnly property)`, () => {
      const validate = ajv.compile(asRequest(schema));
      fc.assert(
        fc.property(valid(schema), (value) => {
          expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
        }),
        { numRuns: 200, seed: 7 },
      );
    });

  test("leaves readOnly properties out, even required ones, as a request does", () => {
    const schema = {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "string", readOnly: true }, name: { type: "string" } },
    };
    fc.assert(
      fc.property(valid(schema), (value) => {
        expect(value).toEqual({ name: expect.any(String) });
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  test("refuses a keyword it does not map", () => {
    expect(() => valid({ type: "string", format: "email" })).toThrow(/keyword format is not mapped/);
  });
});

describe("mutations(schema)", () => {
  for (const { api, name, schema } of schemas.filter((s) => s.schema.type === "object" && s.schema.properties))
    test(`${api} ${name}: every mutation is rejected by the schema`, () => {
      const validate = ajv.compile(schema);
      const list = mutations(schema);
      fc.assert(
        fc.property(valid(schema), fc.nat(), (value, pick) => {
          if (list.length === 0) return;
          const mutation = list[pick % list.length]!;
          expect(validate(mutation.apply(value as Record<string, unknown>)), mutation.breaks).toBe(false);
        }),
        { numRuns: 200, seed: 7 },
      );
    });
});
