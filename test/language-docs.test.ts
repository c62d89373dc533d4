// The docs show what `npm run test:languages` runs and the lines a user writes around the clients
// generated in other languages. This holds them to the truth without Python, Go or Java installed:
// each language's shell block is exactly its steps (scripts/languages.ts), and each Python, Go or
// Java block, marked `<!-- from <file> -->`, is found line for line in that file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../scripts/apis.ts";
import { languages, shellScript } from "../scripts/languages.ts";
import { codeBlocks } from "./support/markdown.ts";

const pages = [
  "README.md",
  ...readdirSync(join(repoRoot, "docs"), { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `docs/${f.name}`),
];
// `from <file>`: the block's lines occur in the file; `the whole of <file>`: the block is the file.
const sourceMarker = /^<!-- (from|the whole of) (\S+) -->$/;

interface Block {
  where: string;
  lang: string;
  lines: string[];
  source?: string;
  whole?: true;
}

const blocks: Block[] = pages.flatMap((page) =>
  codeBlocks(join(repoRoot, page), page).map(({ line, lang, lines, above }) => {
    const [, kind, source] = sourceMarker.exec(above) ?? [];
    return {
      where: `${page}:${line}`,
      lang,
      lines,
      ...(source ? { source } : {}),
      ...(kind === "the whole of" ? { whole: true as const } : {}),
    };
  }),
);

/** The lines without the indentation they all share. */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const common = Math.min(...indents);
  return lines.map((l) => l.slice(common)).join("\n");
}

/** Whether the lines occur, in a row, in the text, whatever their indentation there. */
function occursIn(text: string, lines: string[]): boolean {
  const fileLines = text.split("\n");
  const wanted = dedent(lines);
  for (let i = 0; i + lines.length <= fileLines.length; i++)
    if (dedent(fileLines.slice(i, i + lines.length)) === wanted) return true;
  return false;
}

describe("the commands of each language", () => {
  for (const language of languages)
    test(`${language.name}: the docs show the steps npm run test:languages runs`, () => {
      const shown = blocks.filter((b) => b.lang === "sh" && b.lines[0] === `cd examples/${language.name}`);
      expect(shown.map((b) => b.where)).toHaveLength(1);
      expect(shown[0]!.lines.join("\n")).toBe(shellScript(language));
    });
});

describe("code in other languages", () => {
  const code = blocks.filter((b) => ["python", "go", "java", "rust"].includes(b.lang) || b.source);

  test("the docs quote each language", () => {
    expect(new Set(code.map((b) => b.lang))).toEqual(new Set(["python", "go", "java", "rust"]));
  });

  for (const block of code)
    test(`${block.where} is copied from ${block.source ?? "(no source named)"}`, () => {
      expect(block.source, "a <!-- from <file> --> line right above the block").toBeDefined();
      const file = join(repoRoot, block.source!);
      expect(existsSync(file), `${block.source} exists`).toBe(true);
      const text = readFileSync(file, "utf8");
      if (block.whole) expect(`${block.lines.join("\n")}\n`, "the whole file").toBe(text);
      else expect(occursIn(text, block.lines), "the block's lines, in a row").toBe(true);
    });
});

describe("the launchers", () => {
  for (const language of languages)
    test(`${language.name}: the docs show ${language.launcher} whole, the file a user copies`, () => {
      const source = relative(repoRoot, join(language.dir, language.launcher));
      const shown = blocks.filter((b) => b.whole && b.source === source);
      expect(shown.map((b) => b.where)).toHaveLength(1);
    });
});

test("the matching is strict: a changed line is not found", () => {
  const text = "def f():\n    a = 1\n    b = 2\n";
  expect(occursIn(text, ["a = 1", "b = 2"])).toBe(true);
  expect(occursIn(text, ["a = 1", "b = 3"])).toBe(false);
  expect(occursIn(text, ["b = 2", "a = 1"])).toBe(false);
});
