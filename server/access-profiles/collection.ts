// SailPoint's standard collection parameters, as a list operation reads them: `filters` in its
// filter syntax (`name sw "Pay" and source.id in ("a", "b")`), `sorters` (`name,-modified`), then
// `offset` and `limit`. Each operation says which fields it filters on with which operators and
// which it sorts on; anything else is refused with a sentence saying what is supported, never
// ignored: a filter the service does not apply would make a test pass that fails on a tenant.

/** The operators of the filter syntax; an operation supports some of them per field. */
export type FilterOperator = "eq" | "ne" | "sw" | "co" | "in" | "gt" | "ge" | "lt" | "le";
const operators = new Set<string>(["eq", "ne", "sw", "co", "in", "gt", "ge", "lt", "le", "pr", "isnull"]);

/** How a field's values compare: text, a boolean, or a date-time (compared as instants). */
export type FieldType = "string" | "boolean" | "date-time";

export interface FilterField<Item> {
  type: FieldType;
  operators: readonly FilterOperator[];
  value(item: Item): string | boolean | null | undefined;
}

/** Bad `filters` or `sorters`: the message says what was wrong and what is supported. */
export class CollectionParameterError extends Error {
  override readonly name = "CollectionParameterError";
}

type Token =
  | { kind: "word"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "("; at: number }
  | { kind: ")"; at: number }
  | { kind: ","; at: number };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ kind: c, at: i });
      i++;
    } else if (c === '"') {
      const at = i;
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new CollectionParameterError(`the string that starts at ${at} is not closed`);
        const d = text[i]!;
        if (d === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      out.push({ kind: "string", text: value, at });
    } else {
      const at = i;
      while (i < text.length && !/[\s(),"]/.test(text[i]!)) i++;
      out.push({ kind: "word", text: text.slice(at, i), at });
    }
  }
  return out;
}

type Predicate<Item> = (item: Item) => boolean;

function supported<Item>(fields: Record<string, FilterField<Item>>): string {
  return Object.entries(fields)
    .map(([name, f]) => `${name} (${f.operators.join(", ")})`)
    .join("; ");
}

/** A literal as the field's type reads it. */
function literal(field: string, type: FieldType, token: Token | undefined): string | boolean {
  if (token?.kind === "string") {
    if (type === "boolean") throw new CollectionParameterError(`${field} takes true or false, not a string`);
    return type === "date-time" ? instant(field, token.text) : token.text;
  }
  if (token?.kind === "word") {
    if (type === "boolean") {
      if (token.text === "true" || token.text === "false") return token.text === "true";
      throw new CollectionParameterError(`${field} takes true or false, not ${token.text}`);
    }
    if (type === "date-time") return instant(field, token.text);
    throw new CollectionParameterError(`the value of ${field} must be a string in double quotes, not ${token.text}`);
  }
  throw new CollectionParameterError(`${field} needs a value after its operator`);
}

function instant(field: string, text: string): string {
  const time = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(time))
    throw new CollectionParameterError(`${field} takes an ISO 8601 date-time, not ${text}`);
  return new Date(time).toISOString();
}

function compare(type: FieldType, op: FilterOperator, actual: string | boolean, expected: string | boolean): boolean {
  if (type === "boolean") return op === "ne" ? actual !== expected : actual === expected;
  const a = type === "date-time" ? Date.parse(actual as string) : (actual as string).toLowerCase();
  const b = type === "date-time" ? Date.parse(expected as string) : (expected as string).toLowerCase();
  switch (op) {
    case "eq":
    case "in":
      return a === b;
    case "ne":
      return a !== b;
    case "sw":
      return (a as string).startsWith(b as string);
    case "co":
      return (a as string).includes(b as string);
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
  }
}

/**
 * The predicate a `filters` expression describes: comparisons of the fields given, joined by `and`
 * and `or` (`and` binds tighter) and grouped with parentheses. Strings compare without regard to
 * case; date-times as instants. Throws CollectionParameterError for anything else.
 */
export function parseFilters<Item>(text: string, fields: Record<string, FilterField<Item>>): Predicate<Item> {
  const list = tokens(text);
  let at = 0;
  const peekWord = (word: string) => {
    const t = list[at];
    return t?.kind === "word" && t.text.toLowerCase() === word;
  };

  const comparison = (): Predicate<Item> => {
    const name = list[at++];
    if (name?.kind !== "word")
      throw new CollectionParameterError(
        name ? `a field name was expected at ${name.at}` : "the expression ends where a field name was expected",
      );
    const field = fields[name.text];
    if (!field)
      throw new CollectionParameterError(`filtering on ${name.text} is not supported; supported: ${supported(fields)}`);
    const opToken = list[at++];
    const op = opToken?.kind === "word" ? opToken.text.toLowerCase() : undefined;
    if (!op || !operators.has(op))
      throw new CollectionParameterError(`${name.text} needs an operator (${field.operators.join(", ")})`);
    if (!(field.operators as readonly string[]).includes(op))
      throw new CollectionParameterError(
        `the operator ${op} is not supported for ${name.text}; it takes ${field.operators.join(", ")}`,
      );
    const operator = op as FilterOperator;
    let values: (string | boolean)[];
    if (operator === "in") {
      if (list[at++]?.kind !== "(") throw new CollectionParameterError(`${name.text} in takes a list: ("a", "b")`);
      values = [];
      for (;;) {
        values.push(literal(name.text, field.type, list[at++]));
        const next = list[at++];
        if (next?.kind === ")") break;
        if (next?.kind !== ",") throw new CollectionParameterError(`the list of ${name.text} in is not closed`);
      }
    } else values = [literal(name.text, field.type, list[at++])];
    return (item) => {
      const actual = field.value(item);
      if (actual === null || actual === undefined) return operator === "ne";
      return values.some((v) => compare(field.type, operator, actual, v));
    };
  };

  const primary = (): Predicate<Item> => {
    if (list[at]?.kind === "(") {
      at++;
      const inner = or();
      if (list[at++]?.kind !== ")") throw new CollectionParameterError("a parenthesis is not closed");
      return inner;
    }
    if (peekWord("not")) throw new CollectionParameterError("the composite operator not is not supported; use and, or");
    return comparison();
  };
  const and = (): Predicate<Item> => {
    const parts = [primary()];
    while (peekWord("and")) {
      at++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0]! : (item) => parts.every((p) => p(item));
  };
  const or = (): Predicate<Item> => {
    const parts = [and()];
    while (peekWord("or")) {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : (item) => parts.some((p) => p(item));
  };

  if (list.length === 0) throw new CollectionParameterError("the expression is empty");
  const predicate = or();
  const rest = list[at];
  if (rest)
    throw new CollectionParameterError(`unexpected ${rest.kind === "word" ? rest.text : rest.kind} at ${rest.at}`);
  return predicate;
}

/** The fields a list sorts on: each one's value, compared as text (ISO date-times sort as text does). */
export type SortFields<Item> = Record<string, (item: Item) => string>;

/** The order `sorters` gives (`name,-created`: by name, then newest first); throws for an unknown field. */
export function parseSorters<Item>(text: string, fields: SortFields<Item>): (a: Item, b: Item) => number {
  const keys = text.split(",").map((raw) => {
    const term = raw.trim();
    const descending = term.startsWith("-");
    const name = descending ? term.slice(1) : term;
    const value = fields[name];
    if (!value)
      throw new CollectionParameterError(
        `sorting on ${name || "(nothing)"} is not supported; supported: ${Object.keys(fields).join(", ")}`,
      );
    return { value, sign: descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const { value, sign } of keys) {
      const x = value(a).toLowerCase();
      const y = value(b).toLowerCase();
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  };
}
