/**
 * Node flags for the API process, declared once: infra/api.ts sets them on the Lambda, the local
 * runner and the benchmark on the Node server. A larger young generation (semi-space) lets the
 * short-lived garbage of each request die young instead of being promoted and swept in long pauses:
 * in `pnpm bench search` it moved cached-search p99 from ~60 ms to ~20 ms. Keep this file free of imports.
 */
export const apiNodeOptions = "--max-semi-space-size=32";
