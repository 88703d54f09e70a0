import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";
import { pageQuery, searchResponse, type PageQuery } from "../search-response";
import { carSearch } from "./cars";
import type { SearchVertical } from "./search-vertical";
import { flightSearch } from "./flights";
import { hotelSearch } from "./hotels";


const maxPageItems = 100;

const pageMetaSchema = z.object({
  limit: z.number().int().min(1).max(maxPageItems),
  total: z.number().int().min(0),
  nextCursor: z.string().nullable(),
});

const supplierOutcomeSchema = z
  .object({
    supplier: z.string().max(32).meta({ example: "duffel" }),
    status: z.enum(["ok", "timeout", "circuit-open", "error"]),
    offers: z.number().int().min(0).meta({ description: "Offers it answered with, before the same flights sold by several suppliers were merged" }),
    latencyMs: z.number().int().min(0),
    message: z.string().max(500).optional().meta({ description: "Why it failed" }),
  })
  .meta({ id: "SupplierOutcome", description: "How one supplier fared in the search that produced this answer (cached with it)" });

const cacheMetaSchema = z.object({
  status: z.enum(["HIT", "MISS", "STALE"]),
  ageSeconds: z.number().int().min(0),
  ttlSeconds: z.number().int().min(0),
  storedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});

/**
 * An offer as `fields=` returns it: the named paths only, so no property is required. Declared
 * beside the full offer so that every answer validates against the document.
 */
function projectionOf(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return projectionOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return z.array(projectionOf(schema.element as z.ZodType));
  if (schema instanceof z.ZodObject) {
    return z.object(Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, projectionOf(value as z.ZodType).optional()])));
  }
  return schema;
}

const header = (description: string) => ({ description, required: true, schema: { type: "string" as const, maxLength: 64 } });
const searchHeaders = {
  "X-Cache": { description: "Whether the answer came from the cache: HIT, MISS or STALE", required: true, schema: { type: "string" as const, enum: ["HIT", "MISS", "STALE"] } },
  Age: { description: "Seconds since the supplier answered", required: true, schema: { type: "string" as const, pattern: "^\\d+$", maxLength: 10 } },
  ETag: header("Changes only when the page's data does; send it back in If-None-Match"),
  "Cache-Control": header("How long the answer stays fresh: `public, max-age=…` (`private` for a caller with credentials)"),
};

function searchResponses<Offer extends z.ZodObject>(offer: Offer, vertical: string) {
  const offerId = (offer.meta()?.id as string | undefined) ?? "Offer";
  return {
    200: {
      description: "One page of offers. With `fields=`, each offer has only the named paths.",
      headers: searchHeaders,
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(z.union([offer, projectionOf(offer).meta({ id: `${offerId}Fields` })])).max(maxPageItems),
            meta: z.object({
              count: z.number().int().min(0).max(maxPageItems),
              suppliers: z.array(supplierOutcomeSchema).max(8).meta({ description: "Every supplier asked, in the configured order; offers come from those whose status is ok" }),
              page: pageMetaSchema,
              cache: cacheMetaSchema,
            }),
          }),
        },
      },
    },
    304: { description: "Not modified (If-None-Match matched the ETag)", headers: { ETag: searchHeaders.ETag, "X-Cache": searchHeaders["X-Cache"] } },
    502: problemResponse(`Every ${vertical} supplier failed and nothing is cached`),
    503: problemResponse(`Every ${vertical} supplier is unavailable (circuit open) and nothing is cached; see Retry-After`),
    504: problemResponse(`No ${vertical} supplier answered in time and nothing is cached`),
  };
}

function mountSearch<Query extends z.ZodObject, Offer extends z.ZodObject>(routes: OpenAPIHono<ApiEnv>, declared: SearchVertical<Query, Offer>): void {
  const route = createRoute({
    method: "get",
    path: `/${declared.vertical}`,
    operationId: declared.operationId,
    tags: ["Search"],
    summary: declared.summary,
    description: declared.description,
    request: { query: declared.query.safeExtend(pageQuery.shape) },
    responses: searchResponses(declared.offer, declared.vertical),
  });
  const allowedFields = Object.keys(declared.offer.shape);
  // The route's types are generic here; what the handler reads is typed by the declaration.
  const handler = async (c: Context<ApiEnv>) => {
    const { limit, cursor, fields, ...query } = c.req.valid("query" as never) as z.output<Query> & PageQuery;
    const question = query as z.output<Query>;
    const result = await declared.search(c.get("deps").search, question);
    return searchResponse(c, {
      items: result.data,
      cache: result.cache,
      fingerprint: declared.fingerprint(question),
      page: { limit, cursor, fields },
      allowedFields,
      searched: { vertical: declared.vertical, ...declared.searched(question) },
      meta: { suppliers: result.suppliers },
    });
  };
  routes.openapi(route, handler as never);
}

/** Flights, hotels and cars: mounted at /v1/search, after the repeated-search short-circuit (app.ts). */
export const searchRoutes = new OpenAPIHono<ApiEnv>();
mountSearch(searchRoutes, flightSearch);
mountSearch(searchRoutes, hotelSearch);
mountSearch(searchRoutes, carSearch);
