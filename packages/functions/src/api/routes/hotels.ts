import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { hotelOfferSchema, hotelSearchCacheKey, hotelSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { problemSchema } from "../problem";
import { cacheMetaSchema, pageMetaSchema, pageQuery, searchHeaders, searchResponse } from "../search-response";

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });

const searchHotels = createRoute({
  method: "get",
  path: "/v1/search/hotels",
  tags: ["Search"],
  summary: "Search hotel offers in a city (cached for 15 minutes per distinct stay)",
  description:
    "cityCode, checkIn and checkOut are required. minRating, minPrice/maxPrice (total for the stay), amenities and sort " +
    "are applied to the cached offers, so they never cost a supplier call.",
  request: { query: hotelSearchQuerySchema().safeExtend(pageQuery.shape) },
  responses: {
    200: {
      description: "Offers for the stay, one page",
      headers: searchHeaders,
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(hotelOfferSchema),
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
    meta: { supplier: "amadeus" },
  }) as never;
});
