import { defineConfig } from "vitest/config";

/**
 * The one test run of the monorepo: a vitest project per package (`vitest --project core` runs
 * one). The global setup starts DynamoDB Local and a redis-server on free ports once for the run;
 * tests reach them through `inject("stores")`.
 */
// The SDK warns that future releases need Node 22; versions are pinned and Lambdas run nodejs22.x.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const packageProject = (name: string, exclude: string[] = []) => ({ extends: true, test: { name, include: [`packages/${name}/test/**/*.test.ts`], exclude: ["**/node_modules/**", ...exclude] } });
/** The resource graph of sst.config.ts under Pulumi's mocks (`pnpm test:infra`); needs `.sst/platform`. */
const infraProject = { test: { name: "infra", include: ["packages/dev/test/infra/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 300_000, pool: "forks" as const } };

export default defineConfig({
  test: {
    projects: [packageProject("core"), packageProject("functions"), packageProject("dev", ["packages/dev/test/infra/**"]), infraProject, packageProject("client"), packageProject("web")],
    globalSetup: ["packages/dev/src/testing/global-setup.ts"],
    setupFiles: ["packages/dev/src/testing/environment.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Console output (the OAuth issuer logs every request) only for tests that fail.
    silent: "passed-only",
    reporters: ["default", "./packages/dev/src/testing/summary-reporter.ts"],
    env: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "ERROR" },
  },
});
