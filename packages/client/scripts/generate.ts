import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { generateSchema, schemaFile } from "./schema";

/** `pnpm client:generate`: rewrite the client's types from the API's current document. */
await writeFile(schemaFile, await generateSchema());
console.log(`wrote ${relative(process.cwd(), schemaFile)}`);
