import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { flightOfferSchema, flightSearchCacheKey, flightSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { pageQuery, searchResponse, searchResponses } from "../search-response";

const offerFields = Object.keys(flightOfferSchema.shape);

const searchFlights = createRoute({
  method: "get",
  path: "/v1/search/flights",
  tags: ["Search"],
  summary: "Search flight offers (cached for 5 minutes per distinct question)",
  description:
    "Only origin, destination and departureDate are required. Equal questions share one cache entry whatever the " +
    "parameter order or case; `sort` and `maxPrice` (total offer price) are applied to the cached offers. " +
    "`X-Cache` says HIT, MISS or STALE (past its TTL: served while refreshing, or because the supplier failed) and " +
    "`Age` the seconds since the supplier answered. Send `If-None-Match` with the `ETag` to get 304 when nothing changed.",
  request: { query: flightSearchQuerySchema().safeExtend(pageQuery.shape) },
  responses: searchResponses(flightOfferSchema, "Offers for the question, one page"),
});

export const flightRoutes = new OpenAPIHono<ApiEnv>().openapi(searchFlights, async (c) => {
  const { limit, cursor, fields, ...query } = c.req.valid("query");
  const result = await c.get("deps").search.searchFlights(query);
  const fingerprint = `${flightSearchCacheKey(query)}|${query.sort}|${query.maxPrice ?? ""}`;
  return searchResponse(c, {
    items: result.data,
    cache: result.cache,
    fingerprint,
    page: { limit, cursor, fields },
    allowedFields: offerFields,
    searched: { vertical: "flights", route: `${query.origin}-${query.destination}`, destination: query.destination },
    meta: { supplier: "amadeus" },
  }) as never;
});
