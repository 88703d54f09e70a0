import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cityCodeOf, isKnownCityCode, isKnownLocationCode, timeZoneOf } from "@travel/core/catalog";
import { buildLocationIndex, referenceData, renderLocationIndex } from "@travel/core/reference-data";

describe("the API's location index", () => {
  it("is what the reference data gives today (run `pnpm catalog:index` when this fails)", () => {
    const committed = readFileSync(new URL("../src/catalog/location-records.ts", import.meta.url), "utf8");
    expect(committed).toBe(renderLocationIndex(buildLocationIndex(referenceData())));
  });

  it("knows every airport and city of the reference data, their city and time zone", () => {
    const data = referenceData();
    for (const airport of data.airports) {
      expect(isKnownLocationCode(airport.iataCode)).toBe(true);
      expect(cityCodeOf(airport.iataCode)).toBe(airport.cityCode);
      expect(timeZoneOf(airport.iataCode)).toBe(airport.timeZone ?? undefined);
    }
    for (const city of data.cities) expect(isKnownCityCode(city.cityCode)).toBe(true);
    expect(cityCodeOf("LHR")).toBe("LON");
    expect(timeZoneOf("JFK")).toBe("America/New_York");
    expect(isKnownCityCode("LHR")).toBe(false);
    expect(isKnownLocationCode("ZZZ")).toBe(false);
    expect(isKnownLocationCode("toString")).toBe(false);
  });
});
