import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { caseInsensitiveCode } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { problem, problemResponse } from "../problem";
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
  path: "/",
  operationId: "suggestDestinations",
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
  },
});

const location = z.object({ latitude: z.number(), longitude: z.number() });
const destinationSchema = suggestionSchema
  .extend({
    location,
    timeZone: z.string().nullable(),
    airportCodes: z.array(z.string()).optional().meta({ description: "For a city: its airports" }),
  })
  .meta({ id: "Destination" });

const popular = createRoute({
  method: "get",
  path: "/popular",
  operationId: "listPopularDestinations",
  tags: ["Destinations"],
  summary: "The world's most visited destination cities",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(30).default(10) }) },
  responses: {
    200: {
      description: "Most visited first",
      content: {
        "application/json": { schema: z.object({ data: z.array(destinationSchema), meta: z.object({ count: z.number().int() }) }) },
      },
    },
  },
});

const details = createRoute({
  method: "get",
  path: "/{code}",
  operationId: "getDestination",
  tags: ["Destinations"],
  summary: "An airport or city with the airports around it",
  request: {
    params: z.object({
      code: z
        .string()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, { message: "code must be a 3-letter IATA airport or city code" })
        .meta({ ...caseInsensitiveCode, example: "LON" }),
    }),
    query: z.object({
      type: z.enum(["airport", "city"]).default("airport").meta({ description: "Which one to return when a code names both" }),
    }),
  },
  responses: {
    200: {
      description: "The destination; `nearbyAirports` within 150 km, prominent ones first",
      content: {
        "application/json": {
          schema: z.object({
            data: destinationSchema.extend({
              nearbyAirports: z.array(
                z.object({ iataCode: z.string(), name: z.string(), cityName: z.string(), countryName: z.string(), distanceKm: z.number() }),
              ),
            }),
            meta: z.object({}).passthrough(),
          }),
        },
      },
    },
    404: problemResponse("Unknown code"),
  },
});

export const destinationRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(popular, async (c) => {
    const { limit } = c.req.valid("query");
    const result = await c.get("deps").search.popularDestinations(limit);
    setCacheHeaders(c, result.cache);
    return c.json({ data: result.data, meta: { count: result.data.length } }, 200);
  })
  .openapi(details, async (c) => {
    const { code } = c.req.valid("param");
    const { type } = c.req.valid("query");
    const result = await c.get("deps").search.destinationDetails(code, type);
    setCacheHeaders(c, result.cache);
    if (!result.data) return problem(c, 404, "not-found", "Unknown destination", `No airport or city has the code ${code}`) as never;
    return c.json({ data: result.data, meta: {} }, 200);
  })
  .openapi(autocomplete, async (c) => {
    const { q, limit } = c.req.valid("query");
    const result = await c.get("deps").search.suggestDestinations(q, limit);
    setCacheHeaders(c, result.cache);
    return c.json({ data: result.data, meta: { count: result.data.length, query: q } }, 200);
  });
