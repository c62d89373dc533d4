// Whether an answer is the documented one: its status; then, for that status, its documented
// headers, its content type, its body against the schema, and the API's own error format and code.
import type { DocumentedOperation, DocumentedResponse } from "../shared/spec.ts";
import type { ApiWire, ReceivedResponse } from "./apis.ts";
import type { Schema, SchemaChecker } from "./schemas.ts";

/** The body as JSON, or undefined when there is none or it is not JSON. */
export function parsedBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A header's text as its schema types it: a number for an integer or number schema. */
function typed(schema: Schema, value: string): unknown {
  return schema.type === "integer" || schema.type === "number" ? Number(value) : value;
}

function headerProblems(
  checker: SchemaChecker,
  wire: ApiWire,
  documented: DocumentedResponse,
  response: ReceivedResponse,
): string[] {
  const problems: string[] = [];
  for (const [name, header] of Object.entries(documented.headers)) {
    const value = response.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`header ${name} is missing; the spec requires it`);
    } else if (name.toLowerCase() !== wire.codeHeader)
      problems.push(...checker.problems(header.schema, typed(header.schema, value), `header ${name}`));
  }
  return problems;
}

function bodyProblems(
  checker: SchemaChecker,
  documented: DocumentedResponse,
  schema: Schema | undefined,
  response: ReceivedResponse,
): string[] {
  if (!documented.mediaType) return response.text === "" ? [] : ["a body was sent where the spec documents none"];
  const contentType = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== documented.mediaType)
    return [`content type ${contentType ?? "(none)"}, where the spec documents ${documented.mediaType}`];
  const body = parsedBody(response.text);
  if (body === undefined) return ["the body is not JSON"];
  return schema ? checker.problems(schema, body, "body") : [];
}

export interface Expectation {
  operation: DocumentedOperation;
  status: number;
  /** The body schema of each documented status (fully resolved). */
  bodySchema(status: number): Schema | undefined;
  /** Only this example's error code will do, when it names one. */
  example?: string;
}

/**
 * What is wrong with an answer, as short sentences; none when it is the documented one. A status
 * other than the expected one is all that is reported: the rest would only restate it.
 */
export function responseProblems(
  checker: SchemaChecker,
  wire: ApiWire,
  expectation: Expectation,
  response: ReceivedResponse,
): string[] {
  const { operation, status } = expectation;
  if (response.status !== status) {
    const documented = operation.responses.has(response.status) ? "documented" : "not documented";
    return [`status ${response.status} (${documented}), expected ${status}`];
  }
  const documented = operation.responses.get(status)!;
  const problems = [
    ...headerProblems(checker, wire, documented, response),
    ...bodyProblems(checker, documented, expectation.bodySchema(status), response),
  ];
  const body = parsedBody(response.text);
  if (status >= 400 && documented.mediaType) problems.push(...wire.errorFormatProblems(documented, body));
  const codes = wire.documentedCodes(documented, expectation.example);
  const code = wire.errorCode(response, body);
  if (codes.length > 0 && code !== undefined && !codes.includes(code))
    problems.push(`error code ${code}, where the spec documents ${codes.join(" or ")}`);
  return [...new Set(problems)];
}
