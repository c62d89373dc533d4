// Chromium for browser tests: Debian's, driven by playwright-core (which cannot download browsers
// here). CI installs it (.ci/run) and fails without it; elsewhere the tests that need it are skipped.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(chromiumPath);
if (!chromiumAvailable && process.env.CI)
  throw new Error(`Chromium is required in CI but ${chromiumPath} does not exist`);
// Outside CI the browser tests are skipped, and the run says why (once per worker process).
if (!chromiumAvailable)
  console.warn(
    `The browser tests are skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );

/** Headless, and with nothing that would try to reach the network on its own; `extraArgs` after those. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}
