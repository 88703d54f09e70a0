import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { carOfferSchema, carSearchCacheKey, carSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { problemSchema } from "../problem";
import { cacheMetaSchema, pageMetaSchema, pageQuery, searchHeaders, searchResponse } from "../search-response";

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });

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
  responses: {
    200: {
      description: "Offers for the rental, one page",
      headers: searchHeaders,
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(carOfferSchema),
            meta: z.object({ count: z.number().int(), supplier: z.string(), page: pageMetaSchema, cache: cacheMetaSchema }),
          }),
        },
      },
    },
    304: { description: "Not modified (If-None-Match matched the ETag)" },
    400: problemResponse("Invalid query: `errors` names each invalid field"),
    502: problemResponse("The supplier failed and nothing is cached"),
    503: problemResponse("The supplier is unavailable (circuit open) and nothing is cached; see Retry-After"),
    504: problemResponse("The supplier did not answer in time"),
  },
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
    meta: { supplier: "cars" },
  }) as never;
});
