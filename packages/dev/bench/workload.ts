import { rngFrom } from "../src/simulator/random";

/**
 * A search workload shaped like real traffic: a few popular questions dominate and a long tail of
 * thousands of distinct ones follows (Zipf). Deterministic for a given seed.
 */
/** Deterministic randomness (the simulator's seeded PRNG). */
export const seededRandom = rngFrom;

export class Zipf {
  private readonly cdf: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent: number,
    private readonly random: () => number,
  ) {
    this.cdf = new Float64Array(size);
    let sum = 0;
    for (let rank = 1; rank <= size; rank++) {
      sum += 1 / rank ** exponent;
      this.cdf[rank - 1] = sum;
    }
    for (let i = 0; i < size; i++) this.cdf[i]! /= sum;
  }

  /** A rank in [0, size), rank 0 the most popular. */
  next(): number {
    const u = this.random();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Busy airports; routes between them and departure dates make the question space. */
const airports = [
  "LHR", "CDG", "FRA", "AMS", "MAD", "BCN", "FCO", "MUC", "IST", "DXB", "DOH", "JFK", "LAX", "ORD", "ATL", "DFW",
  "SFO", "MIA", "SEA", "BOS", "YYZ", "MEX", "GRU", "EZE", "BOG", "LIM", "SIN", "HKG", "NRT", "ICN", "PEK", "PVG",
  "BKK", "KUL", "SYD", "MEL", "AKL", "DEL", "BOM", "JNB", "CAI", "NBO", "LIS", "DUB", "CPH", "ARN", "OSL", "HEL",
  "VIE", "ZRH", "PRG", "WAW", "ATH", "LGW", "MAN", "EDI", "BRU", "GVA", "NCE", "MXP",
];

function isoDay(daysAhead: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + daysAhead);
  return d.toISOString().slice(0, 10);
}

/** `count` distinct flight search paths in a fixed pseudo-random popularity order. */
export function flightSearchPaths(count: number, seed = "bench"): string[] {
  const random = seededRandom(`${seed}:questions`);
  const seen = new Set<string>();
  const paths: string[] = [];
  while (paths.length < count) {
    const origin = airports[Math.floor(random() * airports.length)]!;
    const destination = airports[Math.floor(random() * airports.length)]!;
    if (origin === destination) continue;
    const depart = 7 + Math.floor(random() * 90);
    const roundTrip = random() < 0.6;
    const adults = random() < 0.7 ? 1 : 2;
    const path =
      `/v1/search/flights?origin=${origin}&destination=${destination}&departureDate=${isoDay(depart)}` +
      (roundTrip ? `&returnDate=${isoDay(depart + 3 + Math.floor(random() * 11))}` : "") +
      `&adults=${adults}`;
    if (seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  return paths;
}

const hotelCities = [
  "PAR", "LON", "NYC", "ROM", "BCN", "AMS", "BER", "MAD", "LIS", "PRG", "VIE", "DXB", "BKK", "SIN", "TYO", "HKG",
  "SYD", "LAX", "MIA", "CHI", "IST", "ATH", "DUB", "CPH", "MIL", "MUC", "ZRH", "SEL", "KUL", "CUN", "SFO", "BOS",
].filter((c) => c !== "BER");

function isoMinute(daysAhead: number, hour: number): string {
  return `${isoDay(daysAhead)}T${String(hour).padStart(2, "0")}:00`;
}

/** `count` distinct hotel stays: city, check-in, nights, adults. */
export function hotelSearchPaths(count: number, seed = "bench"): string[] {
  const random = seededRandom(`${seed}:hotels`);
  const seen = new Set<string>();
  const paths: string[] = [];
  while (paths.length < count) {
    const city = hotelCities[Math.floor(random() * hotelCities.length)]!;
    const checkIn = 7 + Math.floor(random() * 110);
    const nights = 1 + Math.floor(random() * 7);
    const adults = random() < 0.6 ? 2 : 1;
    const path = `/v1/search/hotels?cityCode=${city}&checkIn=${isoDay(checkIn)}&checkOut=${isoDay(checkIn + nights)}&adults=${adults}&rooms=1`;
    if (seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  return paths;
}

/** `count` distinct car rentals: airport, pick-up day, length, driver age. */
export function carSearchPaths(count: number, seed = "bench"): string[] {
  const random = seededRandom(`${seed}:cars`);
  const seen = new Set<string>();
  const paths: string[] = [];
  while (paths.length < count) {
    const at = airports[Math.floor(random() * airports.length)]!;
    const day = 7 + Math.floor(random() * 80);
    const length = 1 + Math.floor(random() * 10);
    const age = random() < 0.1 ? 23 : 35;
    const path = `/v1/search/cars?pickupLocation=${at}&pickupAt=${isoMinute(day, 10)}&dropoffAt=${isoMinute(day + length, 10)}&driverAge=${age}`;
    if (seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  return paths;
}

/**
 * The mixed question space, in popularity order: each rank is a flight (60%), hotel (25%) or
 * car (15%) question.
 */
export function mixedSearchPaths(count: number, seed = "bench"): string[] {
  const flights = flightSearchPaths(Math.ceil(count * 0.6) + 50, seed);
  const hotels = hotelSearchPaths(Math.ceil(count * 0.25) + 50, seed);
  const cars = carSearchPaths(Math.ceil(count * 0.15) + 50, seed);
  const random = seededRandom(`${seed}:mix`);
  const paths: string[] = [];
  while (paths.length < count) {
    const r = random();
    const source = r < 0.6 ? flights : r < 0.85 ? hotels : cars;
    const next = source.shift();
    if (next) paths.push(next);
  }
  return paths;
}
