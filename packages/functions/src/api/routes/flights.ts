import { flightOfferSchema, flightSearchCacheKey, flightSearchQuerySchema } from "@travel/core/search";
import type { SearchVertical } from "./search-vertical";

export const flightSearch = {
  vertical: "flights",
  operationId: "searchFlights",
  summary: "Search flight offers (cached for 5 minutes per distinct question)",
  description:
    "Only origin, destination and departureDate are required. Equal questions share one cache entry whatever the " +
    "parameter order or case; `sort` and `maxPrice` (total offer price) are applied to the cached offers. " +
    "`X-Cache` says HIT, MISS or STALE (past its TTL: served while refreshing, or because the supplier failed) and " +
    "`Age` the seconds since the supplier answered. Send `If-None-Match` with the `ETag` to get 304 when nothing changed.",
  query: flightSearchQuerySchema(),
  offer: flightOfferSchema,
  search: (service, query) => service.searchFlights(query),
  fingerprint: (query) => `${flightSearchCacheKey(query)}|${query.sort}|${query.maxPrice ?? ""}`,
  searched: (query) => ({ route: `${query.origin}-${query.destination}`, destination: query.destination }),
} satisfies SearchVertical<ReturnType<typeof flightSearchQuerySchema>, typeof flightOfferSchema>;
