import type { CachedResult, SearchCache } from "../cache/search-cache";
import { cacheTtlSeconds } from "../cache/ttl";
import type { SupplierClient } from "../suppliers/port";
import { flightSearchCacheKey, refineFlightOffers, toFlightCriteria, type FlightOffer, type FlightSearchQuery } from "./flights";

export interface SearchResult<T> {
  data: T[];
  cache: Omit<CachedResult<unknown>, "value">;
}

export interface SearchServiceDeps {
  supplier: SupplierClient;
  cache: SearchCache;
  ttlSeconds?: Partial<typeof cacheTtlSeconds>;
}

/** Searches answer from the cache when they can and ask the supplier when they must. */
export class SearchService {
  private readonly ttl: typeof cacheTtlSeconds;

  constructor(private readonly deps: SearchServiceDeps) {
    this.ttl = { ...cacheTtlSeconds, ...deps.ttlSeconds };
  }

  async searchFlights(query: FlightSearchQuery): Promise<SearchResult<FlightOffer>> {
    const { value, ...cache } = await this.deps.cache.getOrLoad(flightSearchCacheKey(query), this.ttl.flights, () =>
      this.deps.supplier.searchFlights(toFlightCriteria(query)),
    );
    return { data: refineFlightOffers(value, query), cache };
  }
}
