import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiEnv } from "../env";
import { problemSchema } from "../problem";
import { setCacheHeaders } from "./cache-headers";

const suggestionSchema = z
  .object({
    iataCode: z.string().meta({ example: "LHR" }),
    type: z.enum(["airport", "city"]),
    name: z.string().meta({ example: "London Heathrow Airport" }),
    cityName: z.string().meta({ example: "London" }),
    cityCode: z.string().meta({ example: "LON" }),
    countryName: z.string().meta({ example: "United Kingdom" }),
  })
  .meta({ id: "DestinationSuggestion" });

const autocomplete = createRoute({
  method: "get",
  path: "/v1/destinations",
  tags: ["Destinations"],
  summary: "Autocomplete airports and cities by name or IATA code",
  request: {
    query: z.object({
      q: z
        .string({ message: "q is required" })
        .trim()
        .min(2, { message: "q must be at least 2 characters" })
        .max(64, { message: "q must be at most 64 characters" })
        .meta({ example: "heathrow" }),
      limit: z.coerce.number().int().min(1).max(25).default(10),
    }),
  },
  responses: {
    200: {
      description: "Matching destinations, best first",
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(suggestionSchema),
            meta: z.object({ count: z.number().int(), query: z.string() }),
          }),
        },
      },
    },
    400: { description: "Invalid query", content: { "application/problem+json": { schema: problemSchema } } },
  },
});

export const destinationRoutes = new OpenAPIHono<ApiEnv>().openapi(autocomplete, async (c) => {
  const { q, limit } = c.req.valid("query");
  const result = await c.get("deps").search.suggestDestinations(q, limit);
  setCacheHeaders(c, result.cache);
  return c.json({ data: result.data, meta: { count: result.data.length, query: q } }, 200);
});
