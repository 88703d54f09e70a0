import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { fetchOpenApiDocument } from "@travel/dev/openapi/document";

/** The committed types of the API: what `createTravelClient` is typed by. */
export const schemaFile = fileURLToPath(new URL("../src/schema.d.ts", import.meta.url));

const banner = "// Generated from the API's OpenAPI document by `pnpm client:generate`: do not edit.\n";

/** The client's types, from the document the API serves now. */
export async function generateSchema(): Promise<string> {
  const document = (await fetchOpenApiDocument()) as unknown as OpenAPI3;
  return banner + astToString(await openapiTS(document, { silent: true }));
}
