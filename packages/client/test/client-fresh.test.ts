import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateSchema, schemaFile } from "../scripts/schema";

it("the committed client types are those of the API's current document", { timeout: 120_000 }, async () => {
  const [generated, committed] = await Promise.all([generateSchema(), readFile(schemaFile, "utf8").catch(() => "")]);
  // A boolean, not a string comparison: a diff of 3,000 generated lines would bury the instruction.
  expect(generated === committed, "packages/client/src/schema.d.ts is stale: run `pnpm client:generate` and commit the result").toBe(true);
});
