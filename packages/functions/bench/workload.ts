import { createHash } from "node:crypto";

/**
 * A search workload shaped like real traffic: a few popular questions dominate and a long tail of
 * thousands of distinct ones follows (Zipf). Deterministic for a given seed.
 */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
