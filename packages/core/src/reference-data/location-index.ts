import type { ReferenceData } from "./reference-tables";

/**
 * What the API itself needs of the reference data, and no more: which codes exist, the city each
 * belongs to and its time zone. Everything else (names, coordinates, nearby airports) is read from
 * the catalog table. Kept as a generated file (core/catalog/location-index.json, ~170 KB against
 * a 23 MB airport database, its SQLite engine and 30 MB of time-zone maps) so the API Lambda
 * neither bundles nor loads them at a cold start; `pnpm catalog:index` regenerates it and a test
 * fails when it is stale.
 */
export interface LocationIndex {
  /** Time zones, referred to by position. */
  timeZones: string[];
  /** Airport or city code → "<city code><time zone position, base 36, empty when unknown>". */
  locations: Record<string, string>;
}

export function buildLocationIndex(data: ReferenceData): LocationIndex {
  const timeZones = [...new Set([...data.airports, ...data.cities].map((l) => l.timeZone).filter((z): z is string => !!z))].sort();
  const position = new Map(timeZones.map((zone, i) => [zone, i.toString(36)]));
  const locations: Record<string, string> = {};
  const entries = [
    ...data.airports.map((a) => [a.iataCode, a.cityCode, a.timeZone] as const),
    ...data.cities.map((c) => [c.cityCode, c.cityCode, c.timeZone] as const),
  ];
  for (const [code, cityCode, timeZone] of entries) {
    const entry = `${cityCode}${timeZone ? position.get(timeZone) : ""}`;
    const existing = locations[code];
    // A code naming both an airport and a city (a single-airport city) must agree on the city.
    if (existing !== undefined && existing.slice(0, 3) !== cityCode) throw new Error(`${code} is an airport of ${existing.slice(0, 3)} and a city of its own`);
    locations[code] ??= entry;
  }
  const sorted = Object.fromEntries(Object.entries(locations).sort(([a], [b]) => a.localeCompare(b)));
  return { timeZones, locations: sorted };
}

/** The file as committed: one location per line, so a data update reads as a diff. */
export function renderLocationIndex(index: LocationIndex): string {
  const lines = Object.entries(index.locations).map(([code, value]) => `    ${JSON.stringify(code)}: ${JSON.stringify(value)}`);
  return `{\n  "timeZones": ${JSON.stringify(index.timeZones)},\n  "locations": {\n${lines.join(",\n")}\n  }\n}\n`;
}
