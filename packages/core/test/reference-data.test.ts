import { describe, expect, it } from "vitest";
import { cityCodeOf, isKnownCityCode, isKnownLocationCode, timeZoneOf } from "@travel/core/catalog";
import { distanceKm, referenceData } from "@travel/core/reference-data";

const data = referenceData();

describe("the reference data (OurAirports, time zones from coordinates, declared city codes)", () => {
  it("knows Berlin Brandenburg as the airport of city BER, in Europe/Berlin", () => {
    expect(data.airportByCode.get("BER")).toMatchObject({ name: "Berlin Brandenburg Airport", cityCode: "BER", countryName: "Germany", timeZone: "Europe/Berlin" });
    expect(data.cityByCode.get("BER")).toMatchObject({ name: "Berlin", airportCodes: ["BER"] });
    expect(cityCodeOf("BER")).toBe("BER");
    expect(timeZoneOf("BER")).toBe("Europe/Berlin");
  });

  it("offers no closed airport: not Tempelhof, Tegel, Schönefeld, nor Atatürk for passengers", () => {
    for (const closed of ["THF", "TXL", "SXF", "ISL"]) {
      expect(data.airportByCode.has(closed)).toBe(false);
      expect(isKnownLocationCode(closed)).toBe(false);
    }
  });

  it("knows today's Istanbul Airport (IST, 2019) in Europe/Istanbul, and city IST with Sabiha Gökçen", () => {
    expect(data.airportByCode.get("IST")).toMatchObject({ name: "İstanbul Airport", cityCode: "IST", timeZone: "Europe/Istanbul" });
    expect(data.cityByCode.get("IST")?.airportCodes).toEqual(["IST", "SAW"]);
    expect(cityCodeOf("SAW")).toBe("IST");
  });

  it("knows Reykjavík as city REK with Keflavík and the domestic airport", () => {
    expect(isKnownCityCode("REK")).toBe(true);
    expect(data.cityByCode.get("REK")).toMatchObject({ countryName: "Iceland", timeZone: "Atlantic/Reykjavik", airportCodes: ["KEF", "RKV"] });
    expect(cityCodeOf("KEF")).toBe("REK");
    expect(timeZoneOf("REK")).toBe("Atlantic/Reykjavik");
  });

  it.each([
    ["LON", "London", "LHR", "Europe/London"],
    ["NYC", "New York", "JFK", "America/New_York"],
    ["PAR", "Paris", "CDG", "Europe/Paris"],
    ["TYO", "Tokyo", "HND", "Asia/Tokyo"],
  ])("knows metropolitan city %s (%s) with %s, in %s", (code, name, airport, timeZone) => {
    expect(data.cityByCode.get(code)).toMatchObject({ name, timeZone });
    expect(data.cityByCode.get(code)?.airportCodes).toContain(airport);
    expect(cityCodeOf(airport)).toBe(code);
    expect(isKnownCityCode(code)).toBe(true);
  });

  it.each([
    // Where each airport is (its aerodrome reference point, rounded).
    ["BER", 52.3667, 13.5033],
    ["IST", 41.2753, 28.7519],
    ["KEF", 63.985, -22.6056],
    ["LHR", 51.4706, -0.4619],
    ["JFK", 40.6398, -73.7789],
    ["SYD", -33.9461, 151.1772],
  ])("places %s where it is", (code, latitude, longitude) => {
    const airport = data.airportByCode.get(code);
    expect(airport).toBeDefined();
    expect(distanceKm(airport!, { latitude, longitude })).toBeLessThan(2.5);
  });

  it("gives every airport a time zone and every airport code one city", () => {
    expect(data.airports.filter((a) => !a.timeZone)).toEqual([]);
    for (const city of data.cities) for (const code of city.airportCodes) expect(data.airportByCode.get(code)?.cityCode).toBe(city.cityCode);
  });
});
