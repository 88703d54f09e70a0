import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { flightOfferSchema, flightSearchQuerySchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { problemSchema } from "../problem";
import { cacheMeta, setCacheHeaders } from "./cache-headers";

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

const searchFlights = createRoute({
  method: "get",
  path: "/v1/search/flights",
  tags: ["Search"],
  summary: "Search flight offers (cached for 5 minutes per distinct question)",
  description:
    "Only origin, destination and departureDate are required. Equal questions share one cache entry whatever the " +
    "parameter order or case; `sort` and `maxPrice` (total offer price) are applied to the cached offers. " +
    "`X-Cache` says HIT, MISS or STALE (past its TTL: served while refreshing, or because the supplier failed) and `Age` the seconds since the supplier answered.",
  request: { query: flightSearchQuerySchema() },
  responses: {
    200: {
      description: "Offers for the question",
      headers: z.object({ "X-Cache": z.enum(["HIT", "MISS", "STALE"]), Age: z.string() }),
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(flightOfferSchema),
            meta: z.object({
              count: z.number().int(),
              supplier: z.string(),
              cache: z.object({
                status: z.enum(["HIT", "MISS", "STALE"]),
                ageSeconds: z.number().int(),
                ttlSeconds: z.number().int(),
                storedAt: z.string(),
                expiresAt: z.string(),
              }),
            }),
          }),
        },
      },
    },
    400: problemResponse("Invalid query: `errors` names each invalid field"),
    502: problemResponse("The supplier failed"),
    503: problemResponse("The supplier is unavailable (circuit open) and nothing is cached; see Retry-After"),
    504: problemResponse("The supplier did not answer in time"),
  },
});

export const flightRoutes = new OpenAPIHono<ApiEnv>().openapi(searchFlights, async (c) => {
  const query = c.req.valid("query");
  const result = await c.get("deps").search.searchFlights(query);
  setCacheHeaders(c, result.cache);
  return c.json({ data: result.data, meta: { count: result.data.length, supplier: "amadeus", cache: cacheMeta(result.cache) } }, 200);
});
