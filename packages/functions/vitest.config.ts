import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * One vitest run for the whole monorepo (core and functions). It lives here because the
 * repository's top level holds only the files SST's layout names. The global setup starts
 * DynamoDB Local and a redis-server on free ports for the run.
 */
// The SDK warns that future releases need Node 22; versions are pinned and Lambdas run nodejs22.x.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    globalSetup: ["packages/functions/test/support/global-setup.ts"],
    setupFiles: ["packages/functions/test/support/environment.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Console output (the OAuth issuer logs every request) only for tests that fail.
    silent: "passed-only",
    reporters: ["default", "./packages/functions/test/support/summary-reporter.ts"],
    env: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "ERROR" },
  },
});
