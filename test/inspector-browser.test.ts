// The request inspector at /__stub/ in a real browser: Debian's Chromium, driven by playwright-core.
// Requests the official JS SDKs send appear within a second; the filters narrow the list; one
// exchange shows the validator's pointer and SigV4's reason; copy as curl, run in a shell with the
// credentials filled in, gets the same answer; no secret the tests sent reaches the page; it works
// from the keyboard alone and axe-core finds no serious violation; a page of another site can
// neither read nor drive it. Screenshots go to test-results/inspector/.
import { execFile } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  CustomerProfilesClient,
  DeleteProfileObjectCommand,
  ListProfileObjectsCommand,
} from "@aws-sdk/client-customer-profiles";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AccessProfilesApi, Configuration } from "sailpoint-api-client";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { clientCredentialsToken } from "../client/index.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { randomBytes } from "node:crypto";
import { demoData, demoObject, startTestStub, type TestStub, unusedAccessProfile } from "./support/stub.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const screenshots = join(root, "test-results", "inspector");
const run = promisify(execFile);

let stub: TestStub;
let browser: Browser;
// Secrets of this test's own, not the demo data's, which the published specs' code samples show.
const credentials = { accessKeyId: "AKIAINSPECTORTEST001", secretAccessKey: randomBytes(30).toString("base64") };
const clientSecret = randomBytes(24).toString("hex");
/** Every secret a test sent: none may appear in the page or in what it fetched. */
const secrets = new Set<string>([credentials.secretAccessKey, clientSecret]);

beforeAll(async () => {
  if (!chromiumAvailable) return;
  const data = demoData();
  data.customerProfiles.credentials = [credentials];
  for (const client of data.accessProfiles.oauthClients)
    if (client.clientId === "org-admin") client.clientSecret = clientSecret;
  stub = await startTestStub({ exerciser: "official SDK", data });
  // evil.example resolves to loopback, as a DNS-rebinding page's name would.
  browser = await launchChromium(["--host-resolver-rules=MAP evil.example 127.0.0.1"]);
  mkdirSync(screenshots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stub?.close();
});

beforeEach(async () => {
  if (chromiumAvailable) await fetch(`${stub.baseUrl}/__stub/reset`, { method: "POST" });
});

/** The AWS SDK for JavaScript, its signed Authorization headers noted as secrets. */
function aws(secretAccessKey = credentials.secretAccessKey): CustomerProfilesClient {
  const client = new CustomerProfilesClient({
    endpoint: stub.baseUrl,
    region: "eu-west-1",
    credentials: { ...credentials, secretAccessKey },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? "")?.[1];
      if (signature) secrets.add(signature);
      return next(args);
    },
    { step: "deserialize", name: "noteTheSignature" },
  );
  return client;
}

const sailpointToken = () => clientCredentialsToken({ baseUrl: stub.baseUrl, clientId: "org-admin", clientSecret });

async function sailpoint(): Promise<AccessProfilesApi> {
  const accessToken = sailpointToken();
  secrets.add(await accessToken());
  return new AccessProfilesApi(new Configuration({ baseurl: stub.baseUrl, accessToken } as never));
}

/** A page whose clipboard the test may read, in a context of its own to close. */
async function withClipboard(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stub.baseUrl });
  return { context, page: (await open(context)).page };
}

const listDemoObjects = () => {
  const { DomainName, ProfileId, ObjectTypeName } = demoObject;
  return aws().send(new ListProfileObjectsCommand({ DomainName, ProfileId, ObjectTypeName, MaxResults: 5 }));
};

/** The environment a copied command reads its credentials from, as a user's shell would have it. */
const credentialsEnvironment = async () => ({
  ...process.env,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  SAIL_TOKEN: await sailpointToken()(),
});

/**
 * Selects the operation's row, presses the copy button, and returns what reached the clipboard,
 * which must be what the page shows in `selector` and hold no secret the tests sent.
 */
async function copied(page: Page, operation: string, button: string, selector: string, secret: string) {
  await row(page, operation).waitFor({ timeout: 1000 });
  await row(page, operation).click();
  await page.getByRole("button", { name: button }).click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  await expect(page.locator(selector).textContent()).resolves.toBe(text);
  for (const known of [...secrets, secret]) expect(text).not.toContain(known);
  return text;
}

/** Opens the inspector, recording every request it makes, every body it gets, and any failure. */
async function open(
  context?: BrowserContext,
): Promise<{ page: Page; requests: string[]; bodies: string[]; problems: string[] }> {
  const page = await (context ?? browser).newPage({ viewport: { width: 1500, height: 900 } });
  const requests: string[] = [];
  const bodies: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => {
    requests.push(r.url());
    bodies.push(JSON.stringify(r.headers()), r.postData() ?? "");
  });
  page.on("response", async (r) => {
    bodies.push(JSON.stringify(await r.allHeaders()), await r.text().catch(() => ""));
  });
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${stub.baseUrl}/__stub/`);
  return { page, requests, bodies, problems };
}

const rows = (page: Page) => page.locator("#rows tr");
const row = (page: Page, text: string) => rows(page).filter({ hasText: text }).first();

describe.skipIf(!chromiumAvailable)("the inspector at /__stub/ in Chromium", () => {
  test("what the official SDKs send appears within a second, newest first, and the filters narrow it", async () => {
    const { page, requests, problems } = await open();
    await expect(rows(page).count()).resolves.toBe(0);
    const { DomainName, ...body } = demoObject;
    await aws().send(new DeleteProfileObjectCommand({ DomainName, ...body }));
    await row(page, "DeleteProfileObject").waitFor({ timeout: 1000 });
    await (await sailpoint()).deleteAccessProfile({ id: unusedAccessProfile });
    await row(page, "deleteAccessProfile").waitFor({ timeout: 1000 });
    // Newest first: the delete of the access profile, then its token, then the profile object's.
    await expect(rows(page).locator("td:nth-child(3)").allTextContents()).resolves.toEqual([
      "deleteAccessProfile",
      "createAccessToken",
      "DeleteProfileObject",
    ]);
    await expect(row(page, "DeleteProfileObject").textContent()).resolves.toMatch(
      /customer-profilesDeleteProfileObjectPOST\/domains\/DemoDomain\/profiles\/objects\/delete200handler/,
    );
    await page.screenshot({ path: join(screenshots, "list.png") });

    await page.selectOption("#filter-api", "customer-profiles");
    await expect(rows(page).count()).resolves.toBe(1);
    await page.selectOption("#filter-api", "");
    await page.selectOption("#filter-status", "2");
    await expect(rows(page).count()).resolves.toBe(3);
    await page.selectOption("#filter-status", "4");
    await expect(rows(page).count()).resolves.toBe(0);
    await page.selectOption("#filter-status", "");
    await page.fill("#filter-text", unusedAccessProfile);
    await expect(rows(page).locator("td:nth-child(3)").allTextContents()).resolves.toEqual(["deleteAccessProfile"]);
    await expect(page.locator("#shown").textContent()).resolves.toBe("1 of 3 shown");
    // Offline: the page fetched nothing but from the stub.
    expect(requests.filter((url) => !url.startsWith(`${stub.baseUrl}/`) && !url.startsWith("blob:"))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("one exchange shows the validator's pointer for an invalid body, and SigV4's reason for a bad signature", async () => {
    const { page } = await open();
    const { DomainName, ...body } = demoObject;
    await expect(
      aws().send(new DeleteProfileObjectCommand({ DomainName, ...body, ProfileId: "not an id!" })),
    ).rejects.toThrow();
    await expect(aws("not-the-secret").send(new DeleteProfileObjectCommand({ DomainName, ...body }))).rejects.toThrow();
    await rows(page).nth(1).waitFor({ timeout: 1000 });

    await rows(page).nth(1).click();
    const verdict = page.locator("#detail .verdict");
    await expect(verdict.textContent()).resolves.toMatch(
      /^Refused by the spec \(invalid-request\)\/body\/ProfileId must match pattern "\^\[a-f0-9\]\{32\}\$"$/,
    );
    // Written once the page has the operation's spec, after the verdict.
    await expect
      .poll(() => page.locator("#detail").textContent())
      .toContain("400 is documented for DeleteProfileObject");
    await page.screenshot({ path: join(screenshots, "refused.png") });

    await rows(page).nth(0).click();
    const journal = await (await fetch(`${stub.baseUrl}/__stub/requests`)).json();
    const refused = journal.requests.at(-1);
    expect(refused.answeredBy).toBe("auth");
    await expect(verdict.textContent()).resolves.toBe(`Refused for its credentials: ${refused.response.body.Message}`);
    expect(refused.response.body.Message).toMatch(/signature/i);
    await page.close();
  });

  test("copy as curl, run with the credentials filled in, gets the same answer; the command holds none", async () => {
    const { context, page } = await withClipboard();
    const listed = await listDemoObjects();
    expect(listed.Items?.length).toBeGreaterThan(0);
    const read = await (await sailpoint()).getAccessProfile({ id: unusedAccessProfile });
    // What the SDKs were answered, which the command must be answered again.
    const expected: Record<string, unknown> = {
      ListProfileObjects: { Items: listed.Items },
      getAccessProfile: read.data,
    };
    const env = await credentialsEnvironment();
    for (const operation of ["ListProfileObjects", "getAccessProfile"]) {
      const command = await copied(page, operation, "Copy as curl", "#detail pre.curl", env.SAIL_TOKEN);
      const { stdout } = await run("bash", ["-c", command], { env });
      const [statusLine, ...rest] = stdout.split("\r\n");
      expect(statusLine, `${command}\n${stdout}`).toBe("HTTP/1.1 200 OK");
      const answered = JSON.parse(rest.slice(rest.indexOf("") + 1).join("\r\n"));
      expect(answered).toEqual(expected[operation]);
      const journal = await (await fetch(`${stub.baseUrl}/__stub/requests?operationId=${operation}`)).json();
      expect(journal.requests.map((e: { response: { status: number } }) => e.response.status)).toEqual([200, 200]);
    }
    await context.close();
  });

  test("copy as SDK call, run with node, gets what the SDK got; the call holds no credential", async () => {
    const { context, page } = await withClipboard();
    const listed = await listDemoObjects();
    const sdk = await sailpoint();
    const created = await sdk.createAccessProfile({
      accessProfile: {
        name: "Inspector copy",
        owner: { type: "IDENTITY", id: "2c9180a46faadee4016fb4e018c20640" },
        source: { type: "SOURCE", id: "2c9180835d191a86015d28455b4a0001" },
        entitlements: [{ type: "ENTITLEMENT", id: "2c9180835d191a86015d28455b4e0103" }],
      },
    });
    const patch = [{ op: "replace" as const, path: "/description", value: "Copied from the inspector." }];
    const patched = await sdk.patchAccessProfile({ id: created.data.id!, jsonPatchOperation: patch });
    const env = await credentialsEnvironment();
    // What each call printed must be what the SDK got: the status and the data (modified moves on).
    const expected: Record<string, [number, (data: any) => unknown, unknown]> = {
      ListProfileObjects: [200, (data) => data, { Items: listed.Items }],
      patchAccessProfile: [200, ({ modified: _, ...data }) => data, (({ modified: _, ...data }) => data)(patched.data)],
    };
    for (const [operation, [status, comparable, want]] of Object.entries(expected)) {
      const call = await copied(page, operation, "Copy as SDK call", "#detail pre.sdk", env.SAIL_TOKEN);
      const file = join(root, "test-results", "inspector", `${operation}.mjs`);
      writeFileSync(file, call);
      const { stdout } = await run(process.execPath, [file], { env });
      const [printed, ...json] = stdout.trim().split(" ");
      expect(Number(printed), `${call}\n${stdout}`).toBe(status);
      expect(comparable(JSON.parse(json.join(" ")))).toEqual(want);
    }
    // The v1 paths have no JavaScript SDK this project tests: no call is offered rather than a guess.
    const token = env.SAIL_TOKEN;
    await fetch(`${stub.baseUrl}/access-profiles/v1/${unusedAccessProfile}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await row(page, "getAccessProfileV1").waitFor({ timeout: 1000 });
    await row(page, "getAccessProfileV1").click();
    await page.locator("#detail pre.curl").waitFor();
    await expect(page.getByRole("button", { name: "Copy as SDK call" }).count()).resolves.toBe(0);
    await context.close();
  });

  test("a request no operation has names the operation nearest to it", async () => {
    const { page } = await open();
    const token = await sailpointToken()();
    // A typo a user makes: the singular of the collection.
    const response = await fetch(`${stub.baseUrl}/v3/access-profile/${unusedAccessProfile}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    // Its own row: the token request before it has one too, and may be the only one shown yet.
    const typo = row(page, `access-profile/${unusedAccessProfile}`);
    await typo.waitFor({ timeout: 1000 });
    await typo.click();
    await expect(page.locator("#detail .verdict").textContent()).resolves.toMatch(
      /^Refused by the spec \(no-such-operation\)/,
    );
    await expect
      .poll(() => page.locator("#detail p.muted").nth(1).textContent())
      .toBe("The nearest operation: deleteAccessProfile (DELETE /access-profiles/{id}).");
    await page.close();
  });

  test("an answer Prefer chose names the spec's example it is", async () => {
    const { page } = await open();
    const token = await sailpointToken()();
    const response = await fetch(`${stub.baseUrl}/v3/access-profiles/${unusedAccessProfile}`, {
      headers: { Authorization: `Bearer ${token}`, Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    await row(page, "getAccessProfile").waitFor({ timeout: 1000 });
    await row(page, "getAccessProfile").click();
    await expect(page.locator("#detail .verdict").textContent()).resolves.toBe(
      "Answered as its Prefer header asked, with the spec's documented 404 response, its example NotFound.",
    );
    const journal = await (await fetch(`${stub.baseUrl}/__stub/requests?operationId=getAccessProfile`)).json();
    expect(journal.requests.map((e: { example?: string }) => e.example)).toEqual(["NotFound"]);
    await page.close();
  });

  test("no secret the tests sent reaches the page's DOM or anything it fetched", async () => {
    const { page, bodies } = await open();
    const { DomainName, ...body } = demoObject;
    await aws().send(new DeleteProfileObjectCommand({ DomainName, ...body }));
    await (await sailpoint()).deleteAccessProfile({ id: unusedAccessProfile });
    await row(page, "deleteAccessProfile").waitFor({ timeout: 1000 });
    for (let i = 0; i < (await rows(page).count()); i++) {
      await rows(page).nth(i).click();
      await page.locator("#detail pre.curl").waitFor();
      const dom = await page.content();
      for (const secret of secrets) expect(dom).not.toContain(secret);
    }
    await page.getByRole("button", { name: "Download the HAR" }).click();
    await page.locator("#status", { hasText: "The HAR is downloaded." }).waitFor();
    expect(secrets.size).toBeGreaterThanOrEqual(4);
    const traffic = bodies.join("\n");
    expect(traffic).toContain("deleteAccessProfile");
    for (const secret of secrets) expect(traffic).not.toContain(secret);
    await page.close();
  });

  test("works from the keyboard alone, and axe-core finds no serious or critical violation", async () => {
    const { page } = await open();
    const { DomainName, ...body } = demoObject;
    await aws().send(new DeleteProfileObjectCommand({ DomainName, ...body }));
    await row(page, "DeleteProfileObject").waitFor({ timeout: 1000 });
    // Tab to the first row, Enter opens it; the arrows move between rows.
    let focused = "";
    for (let presses = 0; presses < 40 && focused !== "TR"; presses++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.tagName ?? "");
    }
    expect(focused).toBe("TR");
    await page.keyboard.press("Enter");
    await expect(page.locator("#detail h2").textContent()).resolves.toBe(
      "POST /domains/DemoDomain/profiles/objects/delete → 200",
    );
    // The controls are buttons a keyboard reaches: reset the stub with Enter.
    await page.getByRole("button", { name: "Reset the stub" }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#status", { hasText: "The stub is reset" }).waitFor();
    await expect(rows(page).count()).resolves.toBe(0);
    await page.close();

    // axe-core is injected as a script the page's policy does not list, so this page ignores it.
    const context = await browser.newContext({ bypassCSP: true });
    const checked = (await open(context)).page;
    await aws().send(new DeleteProfileObjectCommand({ DomainName, ...body }));
    await row(checked, "DeleteProfileObject").waitFor({ timeout: 1000 });
    await row(checked, "DeleteProfileObject").click();
    await checked.addScriptTag({ content: readFileSync(join(root, "node_modules", "axe-core", "axe.min.js"), "utf8") });
    const results = await checked.evaluate(() =>
      (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(),
    );
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  test("a page of another site can neither read nor drive it; a rebound name gets no page", async () => {
    // A page of evil.example, served from loopback, that tries to read the journal and reset the stub.
    const evil: Server = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end("<!doctype html><title>evil</title>");
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      await (await sailpoint()).deleteAccessProfile({ id: unusedAccessProfile });
      const page = await browser.newPage();
      await page.goto(`http://evil.example:${(evil.address() as AddressInfo).port}/`);
      const tried = await page.evaluate(async (target) => {
        const attempt = async (path: string, init?: RequestInit) => {
          try {
            const response = await fetch(`${target}${path}`, init);
            return `${response.status} ${await response.text()}`;
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        };
        return {
          page: await attempt("/__stub/"),
          journal: await attempt("/__stub/requests"),
          reset: await attempt("/__stub/reset", { method: "POST", mode: "no-cors" }),
        };
      }, stub.baseUrl);
      expect(tried.page).toMatch(/^refused/);
      expect(tried.journal).toMatch(/^refused/);
      // A reset it may send without reading the answer is refused by the guard: nothing was reset.
      expect(tried.reset).toBe("0 ");
      const journal = await (await fetch(`${stub.baseUrl}/__stub/requests?operationId=deleteAccessProfile`)).json();
      expect(journal.total).toBe(1);
      expect(stub.store.accessProfiles.all().some((p) => p.id === unusedAccessProfile)).toBe(false);
      // DNS rebinding: evil.example now names the stub's own address and port.
      const rebound = await page.goto(`http://evil.example:${new URL(stub.baseUrl).port}/__stub/`);
      expect(rebound?.status()).toBe(403);
      await expect(page.content()).resolves.not.toContain("contract-stubs inspector");
      await page.close();
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});

describe("the page as served", () => {
  test("an inline script and style the policy names by hash, and no other source", async () => {
    const local = await startTestStub();
    try {
      const response = await fetch(`${local.baseUrl}/__stub/`);
      expect(response.status).toBe(200);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toMatch(
        /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self';/,
      );
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      const html = await response.text();
      expect(html).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\//);
      for (const [origin, site] of [
        ["http://evil.example", undefined],
        [undefined, "cross-site"],
      ] as const) {
        const refused = await fetch(`${local.baseUrl}/__stub/`, {
          headers: { ...(origin && { Origin: origin }), ...(site && { "Sec-Fetch-Site": site }) },
        });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({
          message: expect.stringMatching(/^The admin API does not answer web pages of other sites/),
        });
      }
      // fetch sets Host itself: node:http sends the one a rebound name gives.
      const rebound = await new Promise<number | undefined>((resolve, reject) =>
        request(`${local.baseUrl}/__stub`, { headers: { Host: "evil.example" } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on("error", reject)
          .end(),
      );
      expect(rebound).toBe(403);
    } finally {
      await local.close();
    }
  });

  test("GET / from a browser points to the inspector and the docs; an API client gets the API's answer", async () => {
    const local = await startTestStub();
    try {
      const browserAsks = await fetch(`${local.baseUrl}/`, {
        headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
      });
      expect(browserAsks.status).toBe(200);
      const html = await browserAsks.text();
      expect(html).toContain('href="/__stub/"');
      expect(html).toContain('href="/docs/"');
      for (const accept of [undefined, "*/*", "application/json"]) {
        const client = await fetch(`${local.baseUrl}/`, { headers: accept ? { Accept: accept } : {} });
        expect(client.status).toBe(403);
        expect(client.headers.get("x-amzn-errortype")).toMatch(
          /^MissingAuthenticationTokenException|AccessDeniedException/,
        );
      }
    } finally {
      await local.close();
    }
  });
});
