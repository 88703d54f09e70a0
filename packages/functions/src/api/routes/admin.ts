import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cachedDataTypes, counterNames } from "@travel/core/cache";
import { eventCatalog, type EventName } from "@travel/core/events";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";

/** Operator endpoints (cache, suppliers, events): an admin's access token (app.ts guards /v1/admin/*); travellers get 403. */

const counters = z.object(Object.fromEntries(counterNames.map((n) => [n, z.number().int()])) as Record<(typeof counterNames)[number], z.ZodNumber>);
const perType = z.object(Object.fromEntries(cachedDataTypes.map((t) => [t, counters])) as Record<(typeof cachedDataTypes)[number], typeof counters>);

const cacheStats = createRoute({
  method: "get",
  path: "/cache/stats",
  operationId: "getCacheStats",
  tags: ["Admin"],
  summary: "Cache hits, misses, stale serves and supplier calls per data type",
  responses: {
    200: {
      description: "`shared` sums every instance (null while Redis is down); `instance` is this process since start",
      content: {
        "application/json": {
          schema: z.object({
            data: z.object({
              shared: perType.nullable(),
              instance: perType,
              hitRatio: z.number().nullable(),
              supplierCallsAvoided: z.number().nullable(),
            }),
            meta: z.object({ generatedAt: z.string() }),
          }),
        },
      },
    },
  },
});

const invalidate = createRoute({
  method: "post",
  path: "/cache/invalidate",
  operationId: "invalidateCache",
  tags: ["Admin"],
  summary: "Drop cached answers by tag (route:LHR-JFK, city:PAR, supplier:amadeus, type:flights…)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            tags: z
              .array(z.string().trim().min(3).max(100).regex(/^[a-z]+:[A-Za-z0-9_-]+$/, { message: "must look like kind:value" }))
              .min(1)
              .max(100),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Invalidated in every instance",
      content: {
        "application/json": {
          schema: z.object({ data: z.object({ invalidatedTags: z.array(z.string()), entriesRemoved: z.number().int() }) }),
        },
      },
    },
  },
});

const suppliers = createRoute({
  method: "get",
  path: "/suppliers",
  operationId: "getSupplierHealth",
  tags: ["Admin"],
  summary: "Supplier health: circuit state, calls, failures, retries, in-flight calls",
  responses: {
    200: {
      description: "One entry per supplier",
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(
              z.object({
                name: z.string(),
                circuit: z.enum(["closed", "open", "half-open", "isolated"]),
                retryAfterSeconds: z.number(),
                calls: z.number(),
                failures: z.number(),
                retries: z.number(),
                rejected: z.number(),
                lastFailure: z.object({ at: z.string(), message: z.string() }).optional(),
                inFlight: z.number(),
                queued: z.number(),
              }),
            ),
          }),
        },
      },
    },
  },
});

const publishEvent = createRoute({
  method: "post",
  path: "/events",
  operationId: "publishEvent",
  tags: ["Admin"],
  summary: "Put a supplier notification on the bus (PriceUpdated, InventoryChanged)",
  description:
    "Where supplier change notifications enter the platform. Subscribers react asynchronously: the cache drops every " +
    "entry tagged with the named routes (`LHR-JFK`) or cities (`PAR`).",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            name: z.enum(Object.keys(eventCatalog) as [EventName, ...EventName[]]),
            detail: z.record(z.string(), z.unknown()).meta({ example: { supplier: "amadeus", routes: ["LHR-JFK"], cityCodes: ["PAR"] } }),
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Accepted onto the bus",
      content: { "application/json": { schema: z.object({ data: z.object({ id: z.string(), name: z.string() }) }) } },
    },
  },
});

export const adminRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(cacheStats, async (c) => {
    const { cache } = c.get("deps");
    const shared = (await cache.counters.shared()) ?? null;
    const totals = Object.values(shared ?? cache.counters.local());
    const served = totals.reduce((s, t) => s + t.hits + t.misses + t.stale, 0);
    const fromCache = totals.reduce((s, t) => s + t.hits + t.stale, 0);
    const calls = totals.reduce((s, t) => s + t.supplierCalls, 0);
    return c.json(
      {
        data: {
          shared,
          instance: cache.counters.local(),
          hitRatio: served ? fromCache / served : null,
          supplierCallsAvoided: served ? 1 - calls / served : null,
        },
        meta: { generatedAt: new Date().toISOString() },
      },
      200,
    );
  })
  .openapi(invalidate, async (c) => {
    const { tags } = c.req.valid("json");
    const { entries } = await c.get("deps").cache.invalidateTags(tags);
    await audit(c, { action: "admin.cache-invalidated", outcome: "success", actor: actorOf(c), details: { tags, entriesRemoved: entries } });
    return c.json({ data: { invalidatedTags: tags, entriesRemoved: entries } }, 200);
  })
  .openapi(suppliers, (c) => c.json({ data: c.get("deps").suppliers.map((s) => s.status()) }, 200))
  .openapi(publishEvent, async (c) => {
    const { name, detail } = c.req.valid("json");
    const { id } = await c.get("deps").events.publish(name, detail as never);
    await audit(c, { action: "admin.event-published", outcome: "success", actor: actorOf(c), target: { type: "event", id }, details: { name } });
    return c.json({ data: { id, name } }, 202);
  });
