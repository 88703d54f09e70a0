import { locationRecordLength, unknownTimeZone } from "./location-record-format";
import { locationRecords, timeZones } from "./location-records";

/**
 * Location codes as the API checks them: known codes, their city, their time zone. Generated from
 * the reference data (core/reference-data/location-index.ts explains the record format and why).
 */
const recordCount = locationRecords.length / locationRecordLength;
const codeLength = 3;

/** The record of a code, by binary search over the sorted fixed-width records; undefined if unknown. */
function recordOf(code: string): string | undefined {
  if (code.length !== codeLength) return undefined;
  let low = 0;
  let high = recordCount - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = middle * locationRecordLength;
    const candidate = locationRecords.slice(start, start + codeLength);
    if (candidate === code) return locationRecords.slice(start, start + locationRecordLength - 1);
    if (candidate < code) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** An airport or city code a traveller may search from or to. */
export function isKnownLocationCode(code: string): boolean {
  return recordOf(code) !== undefined;
}

/** A city code (a city is its own city; an airport belongs to another). */
export function isKnownCityCode(code: string): boolean {
  return cityCodeOf(code) === code;
}

/** The city an airport or city code belongs to. */
export function cityCodeOf(code: string): string | undefined {
  return recordOf(code)?.slice(codeLength, 2 * codeLength);
}

/** The IANA time zone of an airport or city, when the reference data has one. */
export function timeZoneOf(code: string): string | undefined {
  const zone = recordOf(code)?.slice(2 * codeLength);
  return zone && zone !== unknownTimeZone ? timeZones[Number.parseInt(zone, 36)] : undefined;
}
