import { carOfferSchema, carSearchCacheKey, carSearchQuerySchema } from "@travel/core/search";
import type { SearchVertical } from "./search-vertical";

export const carSearch = {
  vertical: "cars",
  operationId: "searchCars",
  summary: "Search car rentals (cached for 10 minutes per distinct rental)",
  description:
    "pickupLocation, pickupAt and dropoffAt (local times, YYYY-MM-DDTHH:mm) are required; dropoffLocation defaults to " +
    "the pickup. Rates depend on the driver's age band (under 25, 25–69, 70+), so drivers in one band share a cache entry. " +
    "carType and sort are applied to the cached offers.",
  query: carSearchQuerySchema(),
  offer: carOfferSchema,
  search: (service, query) => service.searchCars(query),
  fingerprint: (query) => `${carSearchCacheKey(query)}|${query.sort}|${query.carType ?? ""}`,
  searched: (query) => ({ destination: query.pickupLocation }),
} satisfies SearchVertical<ReturnType<typeof carSearchQuerySchema>, typeof carOfferSchema>;
