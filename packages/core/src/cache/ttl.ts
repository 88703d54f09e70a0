/** How long each kind of supplier answer stays fresh in the cache, in seconds. Declared once. */
export const cacheTtlSeconds = {
  flights: 5 * 60,
  hotels: 15 * 60,
  cars: 10 * 60,
  destinations: 24 * 60 * 60,
} as const;

export type CachedDataType = keyof typeof cacheTtlSeconds;
