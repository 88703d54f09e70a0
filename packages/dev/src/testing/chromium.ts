import { existsSync } from "node:fs";

/**
 * How the browser tests launch Debian's Chromium (no browser download): its path, the flags that
 * keep it quiet and off the network, and what counts as a request that stays on this machine.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  timeout: 60_000,
};

/** Fails with the one line that says what to install when Chromium is missing. */
export function requireChromium(what: string): void {
  if (!existsSync(chromiumPath)) throw new Error(`${what} needs Chromium at ${chromiumPath} (Debian: apt-get install chromium; elsewhere set CHROMIUM_PATH)`);
}

/** A request that stays on this machine (the tests refuse and report every other). */
export const isLocalUrl = (url: string) => /^(data|blob|about):/.test(url) || ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
