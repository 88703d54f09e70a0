/**
 * Node flags for the API process, declared once: infra/api.ts sets them on the Lambda, the local
 * runner and the benchmark on the Node server. A larger young generation (semi-space) lets the
 * short-lived garbage of each request die young instead of being promoted and swept in long pauses:
 * in `pnpm bench search` it moved cached-search p99 from ~60 ms to ~20 ms. Keep this file free of imports.
 */
export const apiNodeOptions = "--max-semi-space-size=32";

/**
 * How the API Lambda is bundled (SST's `nodejs` options in infra/api.ts; `pnpm bench coldstart`
 * builds it the same way). ESM with splitting, so what only some requests need (the Stripe SDK at
 * the first payment) is a chunk of its own, parsed when first imported rather than at cold start.
 * The AWS SDK v3 is left to the one the nodejs22.x runtime ships (SST would bundle it otherwise):
 * Lambda's Node.js runtimes include the AWS SDK for JavaScript v3, every client this code uses.
 */
export const apiBundle = {
  format: "esm" as const,
  minify: true,
  splitting: true,
  esbuild: { external: ["@aws-sdk/*"] },
  /** Installed beside the bundle, not bundled: /docs serves Swagger UI's files from the package. */
  install: ["swagger-ui-dist"],
  /** Relative to sst.config.ts; it says why it exists. */
  plugins: "packages/functions/bundle-plugins.mjs",
};
