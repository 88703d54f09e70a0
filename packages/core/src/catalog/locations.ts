import index from "./location-index.json" with { type: "json" };

/**
 * Location codes as the API checks them: known codes, their city, their time zone. Generated from
 * the reference data (core/reference-data/location-index.ts explains why it is a file of its own).
 */
const { timeZones, locations } = index as { timeZones: string[]; locations: Record<string, string> };
const cityCodeLength = 3;

/** An airport or city code a traveller may search from or to. */
export function isKnownLocationCode(code: string): boolean {
  return Object.hasOwn(locations, code);
}

/** A city code (a city is its own city; an airport belongs to another). */
export function isKnownCityCode(code: string): boolean {
  return cityCodeOf(code) === code;
}

/** The city an airport or city code belongs to. */
export function cityCodeOf(code: string): string | undefined {
  return Object.hasOwn(locations, code) ? locations[code]!.slice(0, cityCodeLength) : undefined;
}

/** The IANA time zone of an airport or city, when the reference data has one. */
export function timeZoneOf(code: string): string | undefined {
  const zone = Object.hasOwn(locations, code) ? locations[code]!.slice(cityCodeLength) : "";
  return zone ? timeZones[Number.parseInt(zone, 36)] : undefined;
}
