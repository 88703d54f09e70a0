import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { hotelOfferSchema, hotelSearchCacheKey, hotelSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { pageQuery, searchResponse, searchResponses } from "../search-response";

const searchHotels = createRoute({
  method: "get",
  path: "/v1/search/hotels",
  tags: ["Search"],
  summary: "Search hotel offers in a city (cached for 15 minutes per distinct stay)",
  description:
    "cityCode, checkIn and checkOut are required. minRating, minPrice/maxPrice (total for the stay), amenities and sort " +
    "are applied to the cached offers, so they never cost a supplier call.",
  request: { query: hotelSearchQuerySchema().safeExtend(pageQuery.shape) },
  responses: searchResponses(hotelOfferSchema, "Offers for the stay, one page"),
});

const offerFields = Object.keys(hotelOfferSchema.shape);

export const hotelRoutes = new OpenAPIHono<ApiEnv>().openapi(searchHotels, async (c) => {
  const { limit, cursor, fields, ...query } = c.req.valid("query");
  const result = await c.get("deps").search.searchHotels(query);
  return searchResponse(c, {
    items: result.data,
    cache: result.cache,
    fingerprint: `${hotelSearchCacheKey(query)}|${query.sort}|${query.minRating ?? ""}|${query.minPrice ?? ""}|${query.maxPrice ?? ""}|${query.amenities ?? ""}`,
    page: { limit, cursor, fields },
    allowedFields: offerFields,
    searched: { vertical: "hotels", destination: query.cityCode },
    meta: { supplier: "amadeus" },
  }) as never;
});
