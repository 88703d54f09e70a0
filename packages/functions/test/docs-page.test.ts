import { chromiumLaunchOptions, isLocalUrl, requireChromium } from "@travel/dev/testing/chromium";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { declaredOperations, fetchDocument } from "./support/contract";
import { startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

/**
 * /docs as a person opens it: Debian's Chromium (no browser download), the API on a real port.
 * The reference must render the operations from the project's own files: any request for
 * another host is refused and reported, and so is every Content Security Policy violation.
 */

let simulator: RunningSimulator;
let api: TestApi;
let browser: Browser | undefined;
let page: Page;
const leftTheMachine: string[] = [];
const securityViolations: string[] = [];
const pageErrors: string[] = [];


beforeAll(async () => {
  requireChromium("The /docs browser test");
  simulator = await startSimulator();
  api = await startApi(simulator.url);
  browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext();
  // Refused before it is sent: the test must never reach another host, and the page must not need to.
  await context.route("**/*", (route) => (isLocalUrl(route.request().url()) ? route.continue() : (leftTheMachine.push(route.request().url()), route.abort())));
  page = await context.newPage();
  await page.addInitScript({
    content: 'document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`));',
  });
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|CSP violation/i.test(message.text())) securityViolations.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await simulator?.close();
});

it("renders the API reference from the project's own files, within its Content Security Policy", { timeout: 120_000 }, async () => {
  // One operation of each tag: whatever the reference UI, each summary is on the page as text.
  const operations = declaredOperations(await fetchDocument(api.url));
  const summaries = [...new Map(operations.map((o) => [o.operation.tags?.[0] ?? o.path, o.operation.summary as string])).values()].filter(Boolean);
  expect(summaries.length).toBeGreaterThanOrEqual(5);

  const response = await page.goto(`${api.url}/docs`, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  // The reference renders after its scripts fetch the document: wait for it, up to a point.
  let missing = summaries;
  let text = "";
  for (const deadline = Date.now() + 30_000; missing.length > 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    text = await page.locator("body").innerText();
    missing = summaries.filter((s) => !text.includes(s));
  }
  expect.soft(missing, `operation summaries not shown; the page reads: ${text.slice(0, 300)}`).toEqual([]);
  expect.soft(leftTheMachine, "requests for other hosts (refused)").toEqual([]);
  expect.soft(securityViolations, "Content Security Policy violations").toEqual([]);
  expect.soft(pageErrors, "uncaught errors on the page").toEqual([]);

  // Reported, not enforced: most of the page is the reference UI's own markup. Written past the
  // test console, which the run shows for failing tests only.
  const { violations } = await new AxeBuilder({ page }).analyze();
  const findings = violations.map((v) => `  ${v.impact ?? "?"} ${v.id} (${v.nodes.length}×): ${v.help}`);
  process.stdout.write(`\naxe on /docs: ${violations.length} accessibility rules violated${findings.length ? `\n${findings.join("\n")}` : ""}\n`);
});
