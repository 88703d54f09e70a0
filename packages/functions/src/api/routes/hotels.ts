import { hotelOfferSchema, hotelSearchCacheKey, hotelSearchQuerySchema } from "@travel/core/search";
import type { SearchVertical } from "./search-vertical";

export const hotelSearch = {
  vertical: "hotels",
  operationId: "searchHotels",
  summary: "Search hotel offers in a city (cached for 15 minutes per distinct stay)",
  description:
    "cityCode, checkIn and checkOut are required. minRating (stars), minScore (the comparable 0–10 rating), minPrice/maxPrice " +
    "(total for the stay), amenities and sort are applied to the cached offers, so they never cost a supplier call. Each hotel " +
    "carries its comparable rating (`hotel.comparableRating`): one 0–10 score from our verified reviews, the supplier's guest " +
    "rating and its stars, each source shown beside it.",
  query: hotelSearchQuerySchema(),
  offer: hotelOfferSchema,
  search: (service, query) => service.searchHotels(query),
  fingerprint: (query) =>
    `${hotelSearchCacheKey(query)}|${query.sort}|${query.minRating ?? ""}|${query.minScore ?? ""}|${query.minPrice ?? ""}|${query.maxPrice ?? ""}|${query.amenities ?? ""}`,
  searched: (query) => ({ destination: query.cityCode }),
} satisfies SearchVertical<ReturnType<typeof hotelSearchQuerySchema>, typeof hotelOfferSchema>;
