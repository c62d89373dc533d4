// The spec's schemas as the verifier uses them: checking a value against one, making a value one
// accepts that names nothing that exists, and making one it refuses.
import { randomBytes } from "node:crypto";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { newAjv } from "../shared/ajv.ts";
import type { Json } from "../shared/spec.ts";

export type Schema = Record<string, unknown>;

/** Compiles schemas of one spec; their `#/components/...` references resolve in it. */
export class SchemaChecker {
  private readonly ajv = newAjv();
  private readonly compiled = new Map<Schema, ValidateFunction>();

  constructor(private readonly spec: Json) {}

  /** The problems of `value` against `schema`, as `<where> <what>`; none when it validates. */
  problems(schema: Schema, value: unknown, where = ""): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, components: this.spec.components ?? {} });
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}`.trim());
  }

  accepts(schema: Schema, value: unknown): boolean {
    return this.problems(schema, value).length === 0;
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/**
 * A fresh string the schema accepts, random enough to name nothing that exists: 32 hex characters,
 * or `verify_` and 16 of them, or shorter forms, whichever the schema takes first. Undefined when
 * none of them fits (an enum, a pattern none of them matches).
 */
export function freshValue(checker: SchemaChecker, schema: Schema): string | undefined {
  const random = hex(16);
  const candidates = [
    random,
    `verify_${random.slice(0, 16)}`,
    `verify-${random.slice(0, 16)}`,
    `V${random.slice(0, 15)}`,
  ];
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  for (const candidate of candidates) {
    const value = maxLength === undefined ? candidate : candidate.slice(0, maxLength);
    if (checker.accepts(schema, value)) return value;
  }
  return undefined;
}

/**
 * A string of the right type that breaks the schema, and the constraint it breaks: a pattern, a
 * maximum or minimum length, an enum; or, for a number, its maximum (as the text a query sends). Undefined when the schema constrains nothing a string can break
 * (or only its length from below, by an empty string, which a path segment cannot be).
 */
export function breakingValue(
  checker: SchemaChecker,
  schema: Schema,
  options: { emptyAllowed: boolean },
): { value: string; breaks: string } | undefined {
  const tries: [string, string | undefined][] = [
    ["its pattern", typeof schema.pattern === "string" ? "not valid!" : undefined],
    ["its enum", Array.isArray(schema.enum) ? "not-one-of-the-values" : undefined],
    ["its maximum length", typeof schema.maxLength === "number" ? "x".repeat(schema.maxLength + 1) : undefined],
    [
      "its minimum length",
      options.emptyAllowed && typeof schema.minLength === "number" && schema.minLength > 0 ? "" : undefined,
    ],
  ];
  for (const [breaks, value] of tries)
    if (value !== undefined && !checker.accepts(schema, value)) return { value, breaks };
  // A number (a query parameter's, sent as text) above its maximum.
  if ((schema.type === "integer" || schema.type === "number") && typeof schema.maximum === "number") {
    const above = schema.maximum + 1;
    if (!checker.accepts(schema, above)) return { value: String(above), breaks: "its maximum" };
  }
  return undefined;
}
