/**
 * Which travel content suppliers answer which vertical, declared once: infra (deploy-time
 * variables), the local runner (the same variables) and the API's composition read it. Keep this
 * file free of imports: infra loads it.
 */
export const supplierNamesByVertical = {
  /** FLIGHT_SUPPLIERS */
  flights: ["duffel", "amadeus"],
  /** STAY_SUPPLIERS */
  stays: ["duffel", "amadeus"],
} as const;

export type FlightSupplierName = (typeof supplierNamesByVertical.flights)[number];
export type StaySupplierName = (typeof supplierNamesByVertical.stays)[number];

/** The variables that choose them, and what they hold when unset: every supplier, Duffel first. */
export const supplierVariables = {
  flights: { variable: "FLIGHT_SUPPLIERS", default: "duffel,amadeus" },
  stays: { variable: "STAY_SUPPLIERS", default: "duffel,amadeus" },
} as const;

/** Duffel's API as this platform speaks it. */
export const duffelApi = {
  /** Duffel's production API (test and live mode are chosen by the access token). */
  productionUrl: "https://api.duffel.com",
  /** The `Duffel-Version` header every request sends. */
  version: "v2",
  /** Per HTTP call; Duffel itself allows airlines up to ~20 s for offer requests. */
  timeoutMs: 8_000,
} as const;

/**
 * A comma list from a variable (`duffel,amadeus`), checked against the suppliers that sell the
 * vertical: order kept (it breaks price ties), duplicates dropped, anything unknown refused with a
 * message naming the variable.
 */
export function parseSupplierList<V extends keyof typeof supplierNamesByVertical>(
  vertical: V,
  value: string | undefined,
): Array<(typeof supplierNamesByVertical)[V][number]> {
  const { variable, default: fallback } = supplierVariables[vertical];
  const known: readonly string[] = supplierNamesByVertical[vertical];
  const names = [...new Set((value?.trim() ? value : fallback).split(",").map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`${variable}: unknown supplier ${unknown.join(", ")}; choose from ${known.join(", ")}`);
  if (names.length === 0) throw new Error(`${variable}: name at least one supplier (${known.join(", ")})`);
  return names as Array<(typeof supplierNamesByVertical)[V][number]>;
}
