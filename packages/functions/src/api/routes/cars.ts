import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { carOfferSchema, carSearchCacheKey, carSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { pageQuery, searchResponse, searchResponses } from "../search-response";

const searchCars = createRoute({
  method: "get",
  path: "/v1/search/cars",
  tags: ["Search"],
  summary: "Search car rentals (cached for 10 minutes per distinct rental)",
  description:
    "pickupLocation, pickupAt and dropoffAt (local times, YYYY-MM-DDTHH:mm) are required; dropoffLocation defaults to " +
    "the pickup. Rates depend on the driver's age band (under 25, 25–69, 70+), so drivers in one band share a cache entry. " +
    "carType and sort are applied to the cached offers.",
  request: { query: carSearchQuerySchema().safeExtend(pageQuery.shape) },
  responses: searchResponses(carOfferSchema, "Offers for the rental, one page"),
});

const offerFields = Object.keys(carOfferSchema.shape);

export const carRoutes = new OpenAPIHono<ApiEnv>().openapi(searchCars, async (c) => {
  const { limit, cursor, fields, ...query } = c.req.valid("query");
  const result = await c.get("deps").search.searchCars(query);
  return searchResponse(c, {
    items: result.data,
    cache: result.cache,
    fingerprint: `${carSearchCacheKey(query)}|${query.sort}|${query.carType ?? ""}`,
    page: { limit, cursor, fields },
    allowedFields: offerFields,
    searched: { vertical: "cars", destination: query.pickupLocation },
    meta: { supplier: "cars" },
  }) as never;
});
