import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { carOfferSchema, flightOfferSchema, hotelOfferSchema } from "@travel/core/search";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";

const offerDetails = createRoute({
  method: "get",
  path: "/{id}",
  operationId: "repriceOffer",
  tags: ["Offers"],
  summary: "Re-price an offer from a search before booking it",
  description:
    "Asks the supplier the offer's original question again (never from cache) and returns the offer as it is sold " +
    "now, with `meta.priceChanged` and the price seen in the search. Offers can be re-priced for 30 minutes after " +
    "their search; after that, or when the supplier no longer sells them, the answer is 410 Gone.",
  request: {
    params: z.object({ id: z.string().regex(/^(fo|ho|co)_[A-Za-z0-9_-]{22}$/, { message: "id must be an offer id from a search (fo_…, ho_…, co_…)" }).meta({ maxLength: 25 }) }),
  },
  responses: {
    200: {
      description: "The offer at its current price",
      content: {
        "application/json": {
          schema: z.object({
            data: z.union([flightOfferSchema, hotelOfferSchema, carOfferSchema]),
            meta: z.object({
              vertical: z.enum(["flights", "hotels", "cars"]),
              repricedAt: z.string(),
              searchedAt: z.string(),
              validUntil: z.string(),
              previousTotal: z.string(),
              priceChanged: z.boolean(),
            }),
          }),
        },
      },
    },
    404: problemResponse("No search produced this offer"),
    410: problemResponse("The offer expired or is no longer sold; search again"),
    502: problemResponse("The supplier failed"),
    503: problemResponse("The supplier is unavailable; see Retry-After"),
    504: problemResponse("The supplier did not answer in time"),
  },
});

export const offerRoutes = new OpenAPIHono<ApiEnv>().openapi(offerDetails, async (c) => {
  const { id } = c.req.valid("param");
  const repriced = await c.get("deps").search.repriceOffer(id);
  c.get("deps").analytics.recorder.offerViewed(repriced.vertical);
  c.header("Cache-Control", "no-store");
  return c.json(
    {
      data: repriced.offer,
      meta: {
        vertical: repriced.vertical,
        repricedAt: new Date().toISOString(),
        searchedAt: repriced.searchedAt,
        validUntil: repriced.validUntil,
        previousTotal: repriced.previousTotal,
        priceChanged: repriced.priceChanged,
      },
    },
    200,
  );
});
