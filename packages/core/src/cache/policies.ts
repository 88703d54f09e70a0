/**
 * How long each kind of supplier answer is fresh, and how long after that a stale copy may still
 * be served (while revalidating, or when the supplier fails). Past fresh + stale nothing is
 * served from cache. Declared once; infra, services and docs read it from here.
 */
export const cachePolicies = {
  flights: { freshSeconds: 5 * 60, staleSeconds: 30 * 60 },
  hotels: { freshSeconds: 15 * 60, staleSeconds: 60 * 60 },
  cars: { freshSeconds: 10 * 60, staleSeconds: 60 * 60 },
  destinations: { freshSeconds: 24 * 60 * 60, staleSeconds: 7 * 24 * 60 * 60 },
  /** A city's hotel list (reference data): offers change by the minute, the hotels do not. */
  hotelDirectory: { freshSeconds: 24 * 60 * 60, staleSeconds: 7 * 24 * 60 * 60 },
} as const satisfies Record<string, CachePolicy>;

/**
 * How long an answer that some of a vertical's suppliers failed to give stays fresh: long enough
 * to absorb a burst of repeats, short enough that the full answer is back soon after the failing
 * supplier recovers (it then goes stale and is refreshed like any other entry).
 */
export const partialAnswerFreshSeconds = 30;

export interface CachePolicy {
  freshSeconds: number;
  staleSeconds: number;
}

export type CachedDataType = keyof typeof cachePolicies;
export type CachePolicies = Record<CachedDataType, CachePolicy>;

export const cachedDataTypes = Object.keys(cachePolicies) as CachedDataType[];
