import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { buildWebApp } from "@travel/dev/local/web-server";

/**
 * The traveller app's first load stays within 200 KB of gzipped JavaScript: the scripts the page
 * names and every module they import statically (what a browser must fetch before the app runs).
 * Chunks loaded on demand (the admin dashboard with its charts, Stripe's card form) do not count,
 * and must stay out of it.
 */
const budgetBytes = 200 * 1024;

it("loads at most 200 KB of gzipped JavaScript on first load, without the dashboard or Stripe", { timeout: 120_000 }, async () => {
  const dist = await buildWebApp(mkdtempSync(join(tmpdir(), "travel-web-bundle-")));
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const entries = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(entries.length).toBeGreaterThan(0);

  // Follow static imports (`import … from "./x.js"` at the top level of a chunk), not `import()`.
  const firstLoad = new Set<string>();
  const visit = (file: string) => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    const code = readFileSync(join(dist, file), "utf8");
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(join(file, "..", m[1]!));
  };
  entries.forEach(visit);

  const gzipped = [...firstLoad].reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
  console.log(`first load: ${[...firstLoad].join(", ")} = ${gzipped} bytes gzipped`);
  expect(gzipped).toBeLessThanOrEqual(budgetBytes);
  expect([...firstLoad].some((f) => /Dashboard|StripeCard/.test(f))).toBe(false);
  rmSync(dist, { recursive: true, force: true });
});
