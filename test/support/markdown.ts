// The fenced code blocks of a Markdown page, for the tests that hold the docs to the code.
import { readFileSync } from "node:fs";

export interface CodeBlock {
  /** The page, as given. */
  page: string;
  /** The line of the opening fence, counting from 1. */
  line: number;
  /** The fence's language, "" for none. */
  lang: string;
  /** The block's lines, without the fences. */
  lines: string[];
  /** The line just above the opening fence, where a page says something about the block. */
  above: string;
}

/** Every fenced block of the page at `file`, in order. */
export function codeBlocks(file: string, page: string = file): CodeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ page, line: i + 1, lang: open[1]!, lines: lines.slice(i + 1, end), above: lines[i - 1] ?? "" });
    i = end;
  }
  return blocks;
}
