import { writeFileSync } from "node:fs";
import { fetchOpenApiDocument } from "./document";

/** `pnpm openapi:dump <file>`: the document the API serves, for running the linters by hand. */
const target = process.argv[2];
if (!target) {
  console.error("usage: pnpm openapi:dump <file>");
  process.exit(2);
}
writeFileSync(target, `${JSON.stringify(await fetchOpenApiDocument(), null, 2)}\n`);
console.log(`OpenAPI document written to ${target}`);
