import { writeFileSync } from "node:fs";
import { OpenAPIHono } from "@hono/zod-openapi";
import { access, mountRoutes } from "../src/api/app";
import type { ApiEnv } from "../src/api/env";
import { apiDocument } from "../src/api/openapi/document";

/**
 * `pnpm openapi:dump <file>`: the API's OpenAPI document, as GET /openapi.json answers it, for the
 * contract linters (Spectral, Redocly) and client generators. The routes alone make the document:
 * no data store is needed.
 */
const target = process.argv[2];
if (!target) {
  console.error("usage: pnpm openapi:dump <file>");
  process.exit(2);
}
const document = apiDocument(mountRoutes(new OpenAPIHono<ApiEnv>()), access);
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`OpenAPI document written to ${target}`);
