/**
 * What real-time analytics counts, declared once: time buckets and their retention, the windows
 * the admin endpoints answer for, and the names of counters, rankings and unique sets. Keep this
 * file free of imports: infra may load it.
 */
export const intervals = {
  minute: { seconds: 60, retentionSeconds: 2 * 86_400, code: "m" },
  hour: { seconds: 3_600, retentionSeconds: 35 * 86_400, code: "h" },
  day: { seconds: 86_400, retentionSeconds: 400 * 86_400, code: "d" },
} as const;
export type IntervalName = keyof typeof intervals;
export const intervalNames = Object.keys(intervals) as [IntervalName, ...IntervalName[]];

/** A window is the latest `buckets` buckets of its interval, the current (partial) one included. */
export const windows = {
  "15m": { interval: "minute", buckets: 15 },
  "1h": { interval: "minute", buckets: 60 },
  "6h": { interval: "hour", buckets: 6 },
  "24h": { interval: "hour", buckets: 24 },
  "7d": { interval: "day", buckets: 7 },
  "30d": { interval: "day", buckets: 30 },
} as const satisfies Record<string, { interval: IntervalName; buckets: number }>;
export type WindowName = keyof typeof windows;
export const windowNames = Object.keys(windows) as [WindowName, ...WindowName[]];

export const verticals = ["flights", "hotels", "cars"] as const;
export type Vertical = (typeof verticals)[number];

/** Sorted sets, one per bucket: member → count. */
export const rankings = ["routes", "destinations"] as const;
export type RankingName = (typeof rankings)[number];

/**
 * HyperLogLogs, one per bucket, of hashed visitor ids: anyone who searched (`visitors`), held a
 * seat or room (`holders`) or confirmed one (`buyers`).
 */
export const uniques = ["visitors", "holders", "buyers"] as const;
export type UniqueName = (typeof uniques)[number];

export const reservationOutcomes = ["held", "confirmed", "cancelled", "expired"] as const;
export type ReservationOutcome = (typeof reservationOutcomes)[number];

/** Counter names (fields of a bucket's hash). */
export const counters = {
  searches: (vertical: Vertical) => `searches.${vertical}`,
  cache: (status: "HIT" | "MISS" | "STALE") => `cache.${status.toLowerCase()}`,
  offerViews: (vertical: Vertical) => `offers.viewed.${vertical}`,
  supplierCalls: (supplier: string) => `supplier.${supplier}.calls`,
  supplierErrors: (supplier: string) => `supplier.${supplier}.errors`,
  /** Sum of call durations in ms (÷ calls = mean latency). */
  supplierMs: (supplier: string) => `supplier.${supplier}.ms`,
  reservations: (outcome: ReservationOutcome) => `reservations.${outcome}`,
  /** In the currency's minor units. */
  revenue: (currency: string) => `revenue.${currency}`,
  refunds: (currency: string) => `refunds.${currency}`,
  /** Schedule changes airlines made to booked journeys, by supplier. */
  airlineChanges: (supplier: string) => `airline_changes.${supplier}`,
  /** What suppliers made of bookings' orders: placed (held or paid there) or refused, by supplier. */
  supplierOrders: (supplier: string, outcome: "placed" | "failed") => `supplier_orders.${supplier}.${outcome}`,
  /** Cancellation quotes given, and what they offered back (minor units), by currency. */
  cancellationQuotes: (currency: string) => `cancellation_quotes.${currency}`,
  quotedRefunds: (currency: string) => `quoted_refunds.${currency}`,
  /** Reviews of hotels or airlines submitted (each version), approved (published) and removed (rejected, taken down or queued again). */
  reviews: (kind: "hotel" | "airline", happened: "submitted" | "approved" | "removed") => `reviews.${kind}.${happened}`,
} as const;

/** The names `counters` makes and the derived metrics: what a time series may be asked for (kept beside the counters it describes). */
export const metricPattern =
  /^(searches|uniqueVisitors|cacheHitRatio|searches\.(flights|hotels|cars)|cache\.(hit|miss|stale)|offers\.viewed\.(flights|hotels|cars)|supplier\.[a-z0-9-]+\.(calls|errors|ms)|reservations\.(held|confirmed|cancelled|expired)|(revenue|refunds|cancellation_quotes|quoted_refunds)\.[A-Z]{3}|airline_changes\.[a-z0-9-]+|supplier_orders\.[a-z0-9-]+\.(placed|failed)|reviews\.(hotel|airline)\.(submitted|approved|removed))$/;

/** Metrics a time series can be asked for: any counter, or these derived ones. */
export const derivedMetrics = ["searches", "uniqueVisitors", "cacheHitRatio"] as const;
