// The reference docs in a real browser: Debian's Chromium, driven by playwright-core, opens /docs
// on the stub and checks that every operation, documented response, example and code sample
// renders, and that no request failed or left loopback. Screenshots go to test-results/docs/.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { apiNames, ContractOracle } from "./support/oracle.ts";
import { startTestStub, type TestStub } from "./support/stub.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const screenshots = join(root, "test-results", "docs");

const oracle = await ContractOracle.load();
let stub: TestStub;
let browser: Browser;
let docsDir: string;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  docsDir = mkdtempSync(join(tmpdir(), "docs-"));
  execFileSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "scripts", "docs.ts"), "--out", docsDir], {
    stdio: "ignore",
  });
  stub = await startTestStub({ docsDir });
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stub?.close();
  if (docsDir) rmSync(docsDir, { recursive: true, force: true });
});

/** Opens a page and records every request, failure and console error it causes. */
async function open(path: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${stub.baseUrl}${path}`);
  return { page, requests, problems };
}

/** The first scalar in a value, depth first, as text: something an example must show when rendered. */
function firstScalar(value: unknown): string | undefined {
  if (value !== null && typeof value !== "object") return String(value);
  if (value && typeof value === "object")
    for (const v of Object.values(value)) {
      const found = firstScalar(v);
      if (found !== undefined) return found;
    }
  return undefined;
}

function expectOnlyLoopback(requests: string[]): void {
  const origin = new URL(stub.baseUrl).origin;
  expect(
    requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:") && !url.startsWith("blob:")),
  ).toEqual([]);
}

describe.skipIf(!chromiumAvailable)("/docs in Chromium", () => {
  test("the index links every API and its specs", async () => {
    const { page, requests, problems } = await open("/docs/");
    for (const api of apiNames) {
      await expect(page.locator(`a[href="${api}.html"]`).count()).resolves.toBe(1);
      await expect(page.locator(`a[href="openapi/${api}.json"]`).count()).resolves.toBe(1);
    }
    await page.screenshot({ path: join(screenshots, "index.png") });
    expect(problems).toEqual([]);
    expectOnlyLoopback(requests);
    await page.close();
  });

  test("the index keeps each API's version on one line, on a phone's width as on a desktop's", async () => {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${stub.baseUrl}/docs/`);
      const versions = page.locator("li > small");
      await expect(versions.count()).resolves.toBe(apiNames.length);
      for (const version of await versions.all()) {
        const [box, lineHeight] = await Promise.all([
          version.boundingBox(),
          version.evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize) * 1.6),
        ]);
        expect(box!.height, `${await version.innerText()} at ${width} px`).toBeLessThan(lineHeight);
      }
      await page.close();
    }
  });

  for (const api of apiNames) {
    test(`${api}: at 1280 px, no code sample is cut off in its panel`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${stub.baseUrl}/docs/${api}.html`);
      await page.waitForSelector("h1");
      const cut = await page.evaluate(() =>
        Array.from(document.querySelectorAll("pre"))
          .filter((pre) => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth + 1)
          .map(
            (pre) => pre.innerText.split("\n").find((line: string) => line.length > 60) ?? pre.innerText.slice(0, 60),
          ),
      );
      expect(cut).toEqual([]);
      await page.close();
    });

    test(`${api}: every operation, response, example and code sample renders, offline`, async () => {
      const { page, requests, problems } = await open(`/docs/${api}.html`);
      const spec = oracle.spec(api);
      await page.waitForSelector("h1");
      for (const [path, item] of Object.entries<any>(spec.paths))
        for (const [method, op] of Object.entries<any>(item)) {
          const section = page.locator(`[data-section-id="operation/${op.operationId}"]`);
          await expect(section.count(), `${method} ${path}`).resolves.toBe(1);
          const text = await section.innerText();
          expect(text).toContain(op.summary);
          for (const [status, response] of Object.entries<any>(op.responses)) {
            const firstWords = String(response.description).split(/[`—:]/)[0]!.trim().slice(0, 30);
            expect(text, `${op.operationId} ${status}`).toMatch(
              new RegExp(`${status}\\s+${firstWords.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
            );
          }
          const html = await section.innerHTML();
          const shows = (needle: string, what: string) =>
            expect(html.includes(needle), `${op.operationId}: ${what} ${JSON.stringify(needle)}`).toBe(true);
          for (const media of Object.values<any>(op.requestBody?.content ?? {})) {
            const examples = Object.values<any>(media.examples ?? {});
            // Several examples get a picker listing their summaries; a single one is shown as its value.
            if (examples.length > 1) for (const example of examples) shows(example.summary, "example summary");
            else if (examples.length === 1) shows(firstScalar(examples[0].value)!, "example value");
          }
          for (const sample of op["x-codeSamples"] ?? []) shows(sample.label, "code sample");
        }
      await page.screenshot({ path: join(screenshots, `${api}.png`), fullPage: false });
      expect(problems).toEqual([]);
      expectOnlyLoopback(requests);
      await page.close();
    });
  }
});

describe("the specs' examples as the docs list them", () => {
  test("no two examples of one parameter or body share a summary: a picker would show the same entry twice", () => {
    const repeated: string[] = [];
    for (const api of apiNames)
      for (const [path, item] of Object.entries<any>(oracle.spec(api).paths))
        for (const op of Object.values<any>(item)) {
          const lists = [
            ...(op.parameters ?? []).map((p: any) => [`${p.name}`, p.examples ?? {}]),
            ...Object.entries<any>(op.requestBody?.content ?? {}).map(([type, m]) => [type, m.examples ?? {}]),
          ] as [string, Record<string, { summary?: string }>][];
          for (const [where, examples] of lists) {
            const summaries = Object.values(examples).map((e) => e.summary);
            for (const summary of new Set(summaries))
              if (summary && summaries.filter((s) => s === summary).length > 1)
                repeated.push(`${api} ${op.operationId ?? path} ${where}: "${summary}"`);
          }
        }
    expect(repeated).toEqual([]);
  });
});
