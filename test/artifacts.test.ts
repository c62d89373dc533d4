// The bundled specs in generated/ are what people feed to client generators in other languages.
// Checked here with a second, independent parser (@readme/openapi-parser, the maintained fork of
// swagger-parser, whose OpenAPI 3.1 schema is current), and for what generators need:
// no external refs, unique identifier operationIds, named and described schemas, defined tags,
// absolute servers, and YAML and JSON that say the same thing.
import { readFileSync } from "node:fs";
import { validate } from "@readme/openapi-parser";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { apiNames, specFile } from "./support/oracle.ts";

type Json = Record<string, any>;

function walk(node: unknown, visit: (value: Json, path: string) => void, path = "#"): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walk(item, visit, `${path}/${i}`);
  } else if (node && typeof node === "object") {
    visit(node as Json, path);
    for (const [key, value] of Object.entries(node)) walk(value, visit, `${path}/${key}`);
  }
}

const operationsOf = (spec: Json) =>
  Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => ["get", "put", "post", "delete", "patch", "options", "head", "trace"].includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );

const deref = (spec: Json, node: Json): Json =>
  typeof node.$ref === "string"
    ? deref(
        spec,
        node.$ref
          .slice(2)
          .split("/")
          .reduce((o: Json, k: string) => o[k.replace(/~1/g, "/")], spec),
      )
    : node;

test("the second parser does reject a broken document", async () => {
  const broken = JSON.parse(readFileSync(specFile("access-profiles"), "utf8"));
  broken.paths["/access-profiles/{id}"].delete.responses["204"] = { content: {} };
  const result = await validate(broken);
  expect(result.valid).toBe(false);
});

describe.each(apiNames)("generated/%s.openapi", (api) => {
  const jsonFile = specFile(api);
  const yamlFile = jsonFile.replace(/\.json$/, ".yaml");
  const spec: Json = JSON.parse(readFileSync(jsonFile, "utf8"));

  test("JSON and YAML both validate with @readme/openapi-parser, without warnings", async () => {
    for (const file of [jsonFile, yamlFile])
      expect(await validate(file)).toEqual({ valid: true, warnings: [], specification: "OpenAPI" });
  });

  test("JSON and YAML are the same document", () => {
    const { "x-generated": notice, ...fromJson } = spec;
    expect(notice).toMatch(/do not edit/i);
    expect(parse(readFileSync(yamlFile, "utf8"))).toEqual(fromJson);
  });

  test("has no external references", () => {
    const external: string[] = [];
    walk(spec, (node, path) => {
      if (typeof node.$ref === "string" && !node.$ref.startsWith("#/")) external.push(`${path}: ${node.$ref}`);
    });
    expect(external).toEqual([]);
  });

  test("operationIds are unique identifiers", () => {
    const ids = operationsOf(spec).map(({ op }) => op.operationId);
    expect(ids.every((id) => /^[A-Za-z][A-Za-z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every body is a named, described schema, and no named schema nests an anonymous object", () => {
    const problems: string[] = [];
    for (const { path, method, op } of operationsOf(spec)) {
      const bodies = [
        ...Object.entries<Json>(op.requestBody ? deref(spec, op.requestBody).content : {}).map(
          ([m, media]) => [`request ${m}`, media] as const,
        ),
        ...Object.entries<Json>(op.responses).flatMap(([status, r]) =>
          Object.entries<Json>(deref(spec, r).content ?? {}).map(([m, media]) => [`${status} ${m}`, media] as const),
        ),
      ];
      for (const [where, media] of bodies)
        if (!/^#\/components\/schemas\/\w+$/.test(media.schema?.$ref ?? ""))
          problems.push(`${method} ${path} ${where}: body schema is not a named component`);
    }
    for (const [name, schema] of Object.entries<Json>(spec.components?.schemas ?? {})) {
      if (!schema.description) problems.push(`${name}: no description`);
      walk(schema, (node, path) => {
        if (path !== "#" && node.type === "object" && node.properties)
          problems.push(`${name}${path.slice(1)}: anonymous object with properties`);
      });
    }
    expect(problems).toEqual([]);
  });

  test("every operation has one tag, and every tag is defined and described", () => {
    const defined = new Map<string, string>((spec.tags ?? []).map((t: Json) => [t.name, t.description]));
    for (const { op } of operationsOf(spec)) {
      expect(op.tags, op.operationId).toHaveLength(1);
      expect(defined.get(op.tags[0]), `${op.operationId} tag ${op.tags[0]}`).toBeTruthy();
    }
  });

  test("servers are absolute URLs, the first being the real service", () => {
    expect(spec.servers.length).toBeGreaterThan(0);
    for (const server of spec.servers) expect(server.url).toMatch(/^https?:\/\//);
    if (api !== "stub-admin") expect(spec.servers[0].url).not.toMatch(/127\.0\.0\.1/);
  });
});
