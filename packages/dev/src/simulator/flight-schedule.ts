import { rngFrom } from "./random";
import { distanceKm, referenceData, type Airline, type Airport } from "@travel/core/reference-data";
import type { AmadeusTravelClass } from "@travel/core/suppliers";

/**
 * The simulated airlines' schedules and fares, independent of any wire format: the same route,
 * dates and cabin always give the same flights. Carriers come from the real airline list (home
 * carriers of both countries first), durations from great-circle distance, fares (in USD, per
 * adult) from distance, cabin, season, weekday and carrier. The Amadeus and Duffel sides sell
 * these same flights, as two real suppliers sell the same airlines' seats.
 */
export interface ScheduleRequest {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string;
  cabin: AmadeusTravelClass;
  /** Only flights without a connection. */
  nonStop: boolean;
}

export interface ScheduledSegment {
  from: Airport;
  to: Airport;
  /** Local wall-clock times at each airport, "YYYY-MM-DDTHH:mm:00". */
  departureLocal: string;
  arrivalLocal: string;
  departureTerminal?: string;
  arrivalTerminal?: string;
  minutes: number;
  km: number;
  carrier: Airline;
  flightNumber: string;
  aircraft: AircraftType;
}

export interface ScheduledLeg {
  segments: ScheduledSegment[];
  /** Door to door, connections included. */
  minutes: number;
  km: number;
}

export interface ScheduledFlight {
  carrier: Airline;
  direct: boolean;
  /** The outbound leg, and the return leg of a return journey. */
  legs: ScheduledLeg[];
  adultBaseUsd: number;
  adultTaxesUsd: number;
  bookableSeats: number;
}

/** What a child pays of an adult fare. */
export const childShare = 0.75;

export interface AircraftType {
  code: string;
  name: string;
  /** Seats across, split by aisles: "ABC|DEF" is a narrow-body with one aisle. */
  layout: string;
}

const narrowBodies: AircraftType[] = [
  { code: "320", name: "Airbus A320", layout: "ABC|DEF" },
  { code: "32N", name: "Airbus A320neo", layout: "ABC|DEF" },
  { code: "738", name: "Boeing 737-800", layout: "ABC|DEF" },
  { code: "E90", name: "Embraer 190", layout: "AC|DF" },
  { code: "221", name: "Airbus A220-100", layout: "AC|DEF" },
];
const wideBodies: AircraftType[] = [
  { code: "789", name: "Boeing 787-9", layout: "ABC|DEF|HJK" },
  { code: "77W", name: "Boeing 777-300ER", layout: "ABC|DEFG|HJK" },
  { code: "359", name: "Airbus A350-900", layout: "ABC|DEF|HJK" },
  { code: "388", name: "Airbus A380-800", layout: "ABC|DEFG|HJK" },
  { code: "333", name: "Airbus A330-300", layout: "AC|DEFG|HK" },
];

export const aircraftByCode: ReadonlyMap<string, AircraftType> = new Map([...narrowBodies, ...wideBodies].map((a) => [a.code, a]));

const cabinFactor: Record<AmadeusTravelClass, number> = { ECONOMY: 1, PREMIUM_ECONOMY: 1.7, BUSINESS: 3.8, FIRST: 6.5 };
/**
 * Scheduled carriers the simulated supplier sells. OpenFlights also lists virtual and long-gone
 * airlines as active, so the simulator draws from this list, filtered by the route's countries.
 */
const scheduledCarriers = [
  "BA", "VS", "U2", "FR", "AF", "KL", "LH", "LX", "OS", "SN", "IB", "VY", "AZ", "TP", "SK", "AY", "LO", "EI",
  "TK", "AA", "UA", "DL", "B6", "WN", "AS", "AC", "WS", "AM", "LA", "AV", "CM", "AD", "EK", "QR", "EY", "SV",
  "MS", "ET", "KQ", "SA", "AI", "6E", "SQ", "CX", "JL", "NH", "KE", "OZ", "CA", "MU", "CZ", "QF", "VA", "NZ",
  "TG", "MH", "GA", "PR", "VN", "RJ", "WY", "UL", "PK", "AR", "JJ",
];
/** Low-cost carriers that fly short and medium haul only. */
const shortHaulCarriers = new Set(["U2", "FR", "WN", "VY", "6E", "B6"]);
const longHaulKm = 4_500;
/** Carriers with worldwide networks, used when a route's home carriers are few. */
const globalCarriers = ["BA", "AF", "LH", "KL", "UA", "AA", "DL", "EK", "QR", "TK", "SQ", "CX", "IB", "LX", "AC", "EY"];
const hubAirports = ["LHR", "CDG", "FRA", "AMS", "IST", "DXB", "DOH", "MAD", "ZRH", "MUC", "ATL", "ORD", "DFW", "JFK", "LAX", "YYZ", "SIN", "HKG", "NRT", "ICN", "GRU", "JNB", "SYD", "DEL"];
const cruiseKmh = 830;
const taxiAndClimbMinutes = 35;

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** A city code flies from one of its airports; an airport code from itself. */
export function airportsFor(code: string): Airport[] {
  const data = referenceData();
  const airport = data.airportByCode.get(code);
  if (airport) return [airport];
  const city = data.cityByCode.get(code);
  return (city?.airportCodes ?? []).map((c) => data.airportByCode.get(c)).filter((a): a is Airport => !!a);
}

function utcOffsetMinutes(timeZone: string | null, date: Date): number {
  if (!timeZone) return 0;
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(date);
    const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  } catch {
    return 0;
  }
}

/** Local wall-clock time "YYYY-MM-DDTHH:mm:00" of a UTC instant at an airport. */
function localTime(utc: Date, airport: Airport): string {
  const local = new Date(utc.getTime() + utcOffsetMinutes(airport.timeZone, utc) * 60_000);
  return local.toISOString().slice(0, 19);
}

function flightMinutes(from: Airport, to: Airport): number {
  return Math.round((distanceKm(from, to) / cruiseKmh) * 60 + taxiAndClimbMinutes);
}

function carriersFor(from: Airport, to: Airport, rng: () => number): Airline[] {
  const data = referenceData();
  const known = (codes: string[]) => codes.map((c) => data.airlineByCode.get(c)).filter((a): a is Airline => !!a);
  const longHaul = distanceKm(from, to) > longHaulKm;
  const home = known(scheduledCarriers)
    .filter((a) => a.countryName === from.countryName || a.countryName === to.countryName)
    .filter((a) => !(longHaul && shortHaulCarriers.has(a.iataCode)));
  const pool = [...home, ...known(globalCarriers)];
  const unique = [...new Map(pool.map((a) => [a.iataCode, a])).values()];
  const count = 3 + Math.floor(rng() * 4);
  const chosen: Airline[] = [];
  while (chosen.length < Math.min(count, unique.length)) {
    const candidate = unique[Math.floor(rng() * Math.min(unique.length, 12))]!;
    if (!chosen.includes(candidate)) chosen.push(candidate);
  }
  return chosen;
}

function seasonFactor(date: string): number {
  const month = Number(date.slice(5, 7));
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const season = [7, 8, 12].includes(month) ? 1.25 : [1, 2, 11].includes(month) ? 0.9 : 1;
  const weekday = day === 5 || day === 0 ? 1.12 : day === 2 || day === 3 ? 0.94 : 1;
  return season * weekday;
}

function buildLeg(from: Airport, to: Airport, date: string, carrier: Airline, via: Airport | undefined, rng: () => number): ScheduledLeg {
  const hops = via ? [[from, via], [via, to]] as const : [[from, to]] as const;
  const departureLocal = new Date(`${date}T00:00:00Z`);
  departureLocal.setUTCMinutes((6 + Math.floor(rng() * 16)) * 60 + Math.floor(rng() * 12) * 5);
  // Wall-clock departure at the origin → UTC instant.
  let clock = new Date(departureLocal.getTime() - utcOffsetMinutes(from.timeZone, departureLocal) * 60_000);
  const start = clock.getTime();
  const segments: ScheduledSegment[] = [];
  let km = 0;
  hops.forEach(([a, b], index) => {
    if (index > 0) clock = new Date(clock.getTime() + (60 + Math.floor(rng() * 10) * 15) * 60_000);
    const minutes = flightMinutes(a, b);
    const arrival = new Date(clock.getTime() + minutes * 60_000);
    const hopKm = distanceKm(a, b);
    km += hopKm;
    const departureTerminal = rng() < 0.6 ? String(1 + Math.floor(rng() * 5)) : undefined;
    const arrivalTerminal = rng() < 0.6 ? String(1 + Math.floor(rng() * 5)) : undefined;
    segments.push({
      from: a,
      to: b,
      departureLocal: localTime(clock, a),
      arrivalLocal: localTime(arrival, b),
      ...(departureTerminal ? { departureTerminal } : {}),
      ...(arrivalTerminal ? { arrivalTerminal } : {}),
      minutes,
      km: hopKm,
      carrier,
      flightNumber: String(10 + Math.floor(rng() * 2980)),
      aircraft: pick(rng, hopKm < 2500 ? narrowBodies : wideBodies),
    });
    clock = arrival;
  });
  return { segments, minutes: Math.round((clock.getTime() - start) / 60_000), km };
}

function hubsBetween(from: Airport, to: Airport): Airport[] {
  const direct = distanceKm(from, to);
  const data = referenceData();
  return hubAirports
    .map((c) => data.airportByCode.get(c))
    .filter((h): h is Airport => !!h && h.iataCode !== from.iataCode && h.iataCode !== to.iataCode)
    .filter((h) => distanceKm(from, h) + distanceKm(h, to) < direct * 1.25 + 200);
}

/** The flights on sale for a route and dates; none when a code is not an airport or city. */
export function scheduledFlights(request: ScheduleRequest): ScheduledFlight[] {
  const fromAirports = airportsFor(request.origin);
  const toAirports = airportsFor(request.destination);
  if (fromAirports.length === 0 || toAirports.length === 0) return [];
  const rng = rngFrom([request.origin, request.destination, request.departureDate, request.returnDate ?? "", request.cabin].join("|"));
  const firstFrom = fromAirports[0]!;
  const firstTo = toAirports[0]!;
  const carriers = carriersFor(firstFrom, firstTo, rng);
  const hubs = hubsBetween(firstFrom, firstTo);
  const directPossible = distanceKm(firstFrom, firstTo) < 15_500;
  const flights: ScheduledFlight[] = [];
  const count = 6 + Math.floor(rng() * 9);

  for (let i = 0; i < count; i++) {
    const carrier = carriers[i % carriers.length]!;
    const direct = request.nonStop || !hubs.length || (directPossible && rng() < 0.45);
    if (direct && !directPossible) continue;
    const via = direct ? undefined : pick(rng, hubs);
    const from = pick(rng, fromAirports);
    const to = pick(rng, toAirports);
    const legs = [buildLeg(from, to, request.departureDate, carrier, via, rng)];
    if (request.returnDate) legs.push(buildLeg(to, from, request.returnDate, carrier, via, rng));
    const dates = [request.departureDate, request.returnDate].filter((d): d is string => !!d);
    const legFares = legs.map(
      (leg, k) => (30 + 0.045 * leg.km) * cabinFactor[request.cabin] * seasonFactor(dates[k]!) * (direct ? 1.08 : 0.88),
    );
    const adultBaseUsd = legFares.reduce((s, f) => s + f, 0) * (0.85 + rng() * 0.45);
    flights.push({
      carrier,
      direct,
      legs,
      adultBaseUsd,
      adultTaxesUsd: adultBaseUsd * 0.12 + 25 * legs.length,
      bookableSeats: 1 + Math.floor(rng() * 9),
    });
  }
  return flights;
}

/** The simulated suppliers' price lists are in USD; these are their fixed conversion rates. */
export const usdRates: Record<string, number> = {
  USD: 1, EUR: 0.92, GBP: 0.79, CAD: 1.36, AUD: 1.52, JPY: 151, CHF: 0.88, SGD: 1.34, AED: 3.67, INR: 83.2,
};
