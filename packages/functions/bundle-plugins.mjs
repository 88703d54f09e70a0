/**
 * esbuild plugins for the API Lambda's bundle: SST's `nodejs.plugins` (apiBundle in
 * core/config/node-options.ts, read by infra/api.ts and by `pnpm bench coldstart`).
 */
export default [
  /**
   * zod 4 re-exports every locale through its namespace (`z.locales`), so a bundle keeps all of them
   * (~260 KB minified, parsed at every cold start) although the API speaks English only, the locale
   * zod configures by default (it imports `locales/en.js` itself). This resolves zod's locale index
   * to English alone; `z.locales.en` still works, the others are not in the bundle.
   */
  {
    name: "zod-english-locale-only",
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: `export { default as en } from "./en.js";`,
        loader: "js",
      }));
    },
  },
  /**
   * ElectroDB requires the AWS SDK's lib-dynamodb and util-dynamodb when it is loaded, so the
   * SDK's CommonJS (~100 ms) would load at every cold start, though the API loads it only at its
   * first DynamoDB call (core/db/sdk.ts). ElectroDB uses both modules only while building a
   * command or reading an item (`lib.GetCommand`, `util.unmarshall`), so this has its client
   * module require them at that first use instead. The build fails if that module's first lines
   * change, rather than bundling the eager requires unnoticed.
   */
  {
    name: "electrodb-sdk-at-first-use",
    setup(build) {
      build.onLoad({ filter: /[\\/]electrodb[\\/]src[\\/]client\.js$/ }, async ({ path }) => {
        const { readFile } = await import("node:fs/promises");
        const source = await readFile(path, "utf8");
        const eager = `const lib = require("@aws-sdk/lib-dynamodb");\nconst util = require("@aws-sdk/util-dynamodb");\n`;
        if (!source.startsWith(eager)) throw new Error(`electrodb-sdk-at-first-use: ${path} no longer starts with the requires it defers`);
        const atFirstUse = (id) => `new Proxy({}, { get: (_, name) => require(${JSON.stringify(id)})[name] })`;
        return {
          contents: `const lib = ${atFirstUse("@aws-sdk/lib-dynamodb")};\nconst util = ${atFirstUse("@aws-sdk/util-dynamodb")};\n${source.slice(eager.length)}`,
          loader: "js",
        };
      });
    },
  },
];
