import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildWebApp, createWebServer } from "@travel/dev/local/web-server";
import { chromiumLaunchOptions, isLocalUrl, requireChromium } from "@travel/dev/testing/chromium";
import { createBookingWorker, type BookingWorker } from "../../functions/src/worker/booking-worker";
import { listen, startApi, startSimulator, type Listening, type RunningSimulator, type TestApi } from "../../functions/test/support/helpers";

/**
 * The whole stack a browser needs, for one test file: the supplier simulator, the API with its
 * OAuth issuer, the booking worker running on its timers (outbox relay, sagas), the built app
 * behind the local web server (same origin as the API), and Debian's Chromium driven by
 * playwright-core (no browser download).
 */
/** Screenshots of the main pages, kept after the run (the README shows copies from docs/screenshots). */
export const screenshotDir = fileURLToPath(new URL("../../../test-results/screenshots/", import.meta.url));

export interface WebStack {
  simulator: RunningSimulator;
  api: TestApi;
  worker: BookingWorker;
  web: Listening;
  browser: Browser;
  /** Errors the pages threw or logged, and requests that left the machine: each test expects none. */
  pageErrors: string[];
}

/**
 * `api` is passed to the API as its dependency overrides: e.g. `now: () => Date.now() + shiftMs`
 * moves its clock (reviews open after a trip; access tokens are still checked against real time).
 */
export function useWebStack(api: Parameters<typeof startApi>[1] = {}): WebStack {
  const stack = { pageErrors: [] as string[] } as WebStack;
  // Each file builds the app into its own directory: two files never write the same one.
  const dist = mkdtempSync(join(tmpdir(), "travel-web-"));
  beforeAll(async () => {
    requireChromium("The browser tests");
    const [, simulator] = await Promise.all([buildWebApp(dist), startSimulator()]);
    stack.simulator = simulator;
    stack.api = await startApi(simulator.url, api);
    stack.worker = createBookingWorker(stack.api.config);
    stack.worker.start({ relayMs: 100 });
    stack.web = await listen(createWebServer({ distDir: dist, apiUrl: stack.api.url, appConfig: { authUrl: stack.api.issuer.url } }).fetch);
    stack.browser = await chromium.launch(chromiumLaunchOptions);
    mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await stack.browser?.close();
    await stack.web?.close();
    await stack.worker?.stop();
    await stack.api?.close();
    await stack.simulator?.close();
    rmSync(dist, { recursive: true, force: true });
  });
  return stack;
}

/** A fresh browser profile (its own cookies and storage) on a phone-sized or desktop screen. */
export async function newPage(stack: WebStack, viewport = { width: 412, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/London" });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    stack.pageErrors.push(`request left the machine: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => stack.pageErrors.push(`page error: ${error.message}`));
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Sign in as a person does: the app's button, the issuer's email form, the emailed code. */
export async function signInInBrowser(stack: WebStack, page: Page, email: string): Promise<void> {
  const previous = await stack.api.issuer.readCode(email, { timeoutMs: 1 }).catch(() => undefined);
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await page.getByLabel("Email").fill(email);
  await checkAccessibility(page, "issuer email form");
  await page.getByRole("button", { name: "Send me a code" }).click();
  const code = await stack.api.issuer.readCode(email, { timeoutMs: 10_000, ...(previous ? { notEqualTo: previous } : {}) });
  await page.getByLabel("Six-digit code").fill(code);
  await checkAccessibility(page, "issuer code form");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Sign out" }).count(), { timeout: 15_000 }).toBe(1);
}

/** axe-core (WCAG 2.1 A and AA rules): no serious or critical violation on the page as it is now. */
export async function checkAccessibility(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  expect(bad, `accessibility of ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
