import { rngFrom } from "./random";
import { distanceKm, referenceData, type Airline, type Airport } from "@travel/core/reference-data";
import {
  formatIsoDuration,
  type AmadeusFlightOffer,
  type AmadeusFlightOffersResponse,
  type AmadeusSegment,
  type AmadeusTravelClass,
} from "@travel/core/suppliers";

/**
 * Deterministic flight offers for the supplier simulator: the same route, dates, cabin and
 * passengers always give the same offers. Carriers come from the real airline list (home
 * carriers of both countries first), durations from great-circle distance, prices from distance,
 * cabin, season, weekday and carrier.
 */
export interface FlightSearchRequest {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string;
  adults: number;
  children: number;
  cabin: AmadeusTravelClass;
  nonStop: boolean;
  currency: string;
  maxPrice?: number;
  max: number;
}

/** The simulated supplier's price list is in USD; these are its fixed conversion rates. */
export const usdRates: Record<string, number> = {
  USD: 1, EUR: 0.92, GBP: 0.79, CAD: 1.36, AUD: 1.52, JPY: 151, CHF: 0.88, SGD: 1.34, AED: 3.67, INR: 83.2,
};

const cabinFactor: Record<AmadeusTravelClass, number> = { ECONOMY: 1, PREMIUM_ECONOMY: 1.7, BUSINESS: 3.8, FIRST: 6.5 };
const fareClass: Record<AmadeusTravelClass, string> = { ECONOMY: "M", PREMIUM_ECONOMY: "W", BUSINESS: "J", FIRST: "F" };
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
function airportsFor(code: string): Airport[] {
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

function aircraftFor(km: number, rng: () => number): string {
  return km < 2500 ? pick(rng, ["320", "32N", "738", "E90", "221"]) : pick(rng, ["789", "77W", "359", "388", "333"]);
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

interface Leg {
  segments: AmadeusSegment[];
  minutes: number;
  km: number;
}

function buildLeg(
  from: Airport,
  to: Airport,
  date: string,
  carrier: Airline,
  via: Airport | undefined,
  rng: () => number,
  nextSegmentId: () => string,
): Leg {
  const hops = via ? [[from, via], [via, to]] as const : [[from, to]] as const;
  const departureLocal = new Date(`${date}T00:00:00Z`);
  departureLocal.setUTCMinutes((6 + Math.floor(rng() * 16)) * 60 + Math.floor(rng() * 12) * 5);
  // Wall-clock departure at the origin → UTC instant.
  let clock = new Date(departureLocal.getTime() - utcOffsetMinutes(from.timeZone, departureLocal) * 60_000);
  const start = clock.getTime();
  const segments: AmadeusSegment[] = [];
  let km = 0;
  hops.forEach(([a, b], index) => {
    if (index > 0) clock = new Date(clock.getTime() + (60 + Math.floor(rng() * 10) * 15) * 60_000);
    const minutes = flightMinutes(a, b);
    const arrival = new Date(clock.getTime() + minutes * 60_000);
    const hopKm = distanceKm(a, b);
    km += hopKm;
    segments.push({
      id: nextSegmentId(),
      departure: { iataCode: a.iataCode, ...(rng() < 0.6 ? { terminal: String(1 + Math.floor(rng() * 5)) } : {}), at: localTime(clock, a) },
      arrival: { iataCode: b.iataCode, ...(rng() < 0.6 ? { terminal: String(1 + Math.floor(rng() * 5)) } : {}), at: localTime(arrival, b) },
      carrierCode: carrier.iataCode,
      number: String(10 + Math.floor(rng() * 2980)),
      aircraft: { code: aircraftFor(hopKm, rng) },
      operating: { carrierCode: carrier.iataCode },
      duration: formatIsoDuration(minutes),
      numberOfStops: 0,
      blacklistedInEU: false,
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

export function generateFlightOffers(request: FlightSearchRequest): AmadeusFlightOffersResponse {
  const fromAirports = airportsFor(request.origin);
  const toAirports = airportsFor(request.destination);
  const empty: AmadeusFlightOffersResponse = {
    meta: { count: 0 },
    data: [],
    dictionaries: { carriers: {}, aircraft: {}, locations: {}, currencies: {} },
  };
  if (fromAirports.length === 0 || toAirports.length === 0) return empty;
  const rng = rngFrom(
    [request.origin, request.destination, request.departureDate, request.returnDate ?? "", request.cabin].join("|"),
  );
  const firstFrom = fromAirports[0]!;
  const firstTo = toAirports[0]!;
  const directKm = distanceKm(firstFrom, firstTo);
  const carriers = carriersFor(firstFrom, firstTo, rng);
  const hubs = hubsBetween(firstFrom, firstTo);
  const directPossible = directKm < 15_500;
  const rate = usdRates[request.currency] ?? 1;
  const offers: AmadeusFlightOffer[] = [];
  const count = 6 + Math.floor(rng() * 9);

  for (let i = 0; i < count; i++) {
    const carrier = carriers[i % carriers.length]!;
    const direct = request.nonStop || !hubs.length || (directPossible && rng() < 0.45);
    if (direct && !directPossible) continue;
    const via = direct ? undefined : pick(rng, hubs);
    const from = pick(rng, fromAirports);
    const to = pick(rng, toAirports);
    let segmentId = 0;
    const nextSegmentId = () => String(++segmentId);
    const legs = [buildLeg(from, to, request.departureDate, carrier, via, rng, nextSegmentId)];
    if (request.returnDate) legs.push(buildLeg(to, from, request.returnDate, carrier, via, rng, nextSegmentId));
    const dates = [request.departureDate, request.returnDate].filter((d): d is string => !!d);
    const legFares = legs.map(
      (leg, k) => (30 + 0.045 * leg.km) * cabinFactor[request.cabin] * seasonFactor(dates[k]!) * (direct ? 1.08 : 0.88),
    );
    const carrierFactor = 0.85 + rng() * 0.45;
    const adultBaseUsd = legFares.reduce((s, f) => s + f, 0) * carrierFactor;
    const adultTaxesUsd = adultBaseUsd * 0.12 + 25 * legs.length;
    const childShare = 0.75;
    const money = (usd: number) => (usd * rate).toFixed(2);
    const adultBase = Number(money(adultBaseUsd));
    const adultTotal = Number(money(adultBaseUsd + adultTaxesUsd));
    const childBase = Number(money(adultBaseUsd * childShare));
    const childTotal = Number(money((adultBaseUsd + adultTaxesUsd) * childShare));
    const base = adultBase * request.adults + childBase * request.children;
    const total = adultTotal * request.adults + childTotal * request.children;
    if (request.maxPrice !== undefined && adultTotal > request.maxPrice) continue;
    const allSegments = legs.flatMap((l) => l.segments);
    const lastTicketing = new Date(`${request.departureDate}T00:00:00Z`);
    lastTicketing.setUTCDate(lastTicketing.getUTCDate() - 1);
    const travelerTypes = [
      ...Array.from({ length: request.adults }, () => "ADULT" as const),
      ...Array.from({ length: request.children }, () => "CHILD" as const),
    ];
    offers.push({
      type: "flight-offer",
      id: String(offers.length + 1),
      source: "GDS",
      instantTicketingRequired: false,
      nonHomogeneous: false,
      oneWay: !request.returnDate,
      lastTicketingDate: lastTicketing.toISOString().slice(0, 10),
      numberOfBookableSeats: 1 + Math.floor(rng() * 9),
      itineraries: legs.map((l) => ({ duration: formatIsoDuration(l.minutes), segments: l.segments })),
      price: {
        currency: request.currency,
        total: total.toFixed(2),
        base: base.toFixed(2),
        fees: [{ amount: "0.00", type: "SUPPLIER" }, { amount: "0.00", type: "TICKETING" }],
        grandTotal: total.toFixed(2),
      },
      pricingOptions: { fareType: ["PUBLISHED"], includedCheckedBagsOnly: request.cabin !== "ECONOMY" },
      validatingAirlineCodes: [carrier.iataCode],
      travelerPricings: travelerTypes.map((travelerType, t) => ({
        travelerId: String(t + 1),
        fareOption: "STANDARD",
        travelerType,
        price: {
          currency: request.currency,
          total: (travelerType === "ADULT" ? adultTotal : childTotal).toFixed(2),
          base: (travelerType === "ADULT" ? adultBase : childBase).toFixed(2),
        },
        fareDetailsBySegment: allSegments.map((s) => ({
          segmentId: s.id,
          cabin: request.cabin,
          fareBasis: `${fareClass[request.cabin]}${direct ? "LOW" : "SAV"}${request.currency.slice(0, 2)}`,
          class: fareClass[request.cabin],
        })),
      })),
    });
  }

  const limited = offers.slice(0, request.max);
  const data = referenceData();
  const carrierCodes = new Set(limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.map((s) => s.carrierCode))));
  const airportCodes = new Set(
    limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.flatMap((s) => [s.departure.iataCode, s.arrival.iataCode]))),
  );
  const aircraftCodes = new Set(limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.map((s) => s.aircraft.code))));
  return {
    meta: { count: limited.length },
    data: limited,
    dictionaries: {
      carriers: Object.fromEntries([...carrierCodes].map((c) => [c, (data.airlineByCode.get(c)?.name ?? c).toUpperCase()])),
      aircraft: Object.fromEntries([...aircraftCodes].map((c) => [c, c])),
      locations: Object.fromEntries(
        [...airportCodes].map((c) => [c, { cityCode: data.airportByCode.get(c)?.cityCode ?? c }]),
      ),
      currencies: { [request.currency]: request.currency },
    },
  };
}
