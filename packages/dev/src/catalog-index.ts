import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildLocationIndex, referenceData, renderLocationIndex } from "@travel/core/reference-data";

/** `pnpm catalog:index`: regenerate the API's location index from the reference data. */
export const locationIndexFile = fileURLToPath(new URL("../../core/src/catalog/location-records.ts", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const index = buildLocationIndex(referenceData());
  writeFileSync(locationIndexFile, renderLocationIndex(index));
  console.log(`${Object.keys(index.locations).length} locations, ${index.timeZones.length} time zones → ${locationIndexFile}`);
}
