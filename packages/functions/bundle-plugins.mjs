/**
 * esbuild plugins for the API Lambda's bundle: SST's `nodejs.plugins` (apiBundle in
 * core/config/node-options.ts, read by infra/api.ts and by `pnpm bench coldstart`).
 *
 * zod 4 re-exports every locale through its namespace (`z.locales`), so a bundle keeps all of them
 * (~260 KB minified, parsed at every cold start) although the API speaks English only, the locale
 * zod configures by default (it imports `locales/en.js` itself). This resolves zod's locale index
 * to English alone; `z.locales.en` still works, the others are not in the bundle.
 */
export default [
  {
    name: "zod-english-locale-only",
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: `export { default as en } from "./en.js";`,
        loader: "js",
      }));
    },
  },
];
