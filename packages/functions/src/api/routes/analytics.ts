import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { counters, derivedMetrics, metricPattern, intervalNames, intervals, reservationOutcomes, verticals, windowNames, windows } from "@travel/core/analytics";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";

/**
 * Real-time analytics for dashboards (admins only; app.ts guards /v1/admin/*): figures over a
 * window (the latest N minutes, hours or days, the current one included), rankings, the booking
 * funnel and time series that chart directly. Numbers come from the Redis aggregates, which every
 * search and reservation change feeds within a second or two.
 */
const windowQuery = z.object({
  window: z.enum(windowNames).default("24h").meta({ description: windowNames.map((w) => `\`${w}\`: ${windows[w].buckets} ${windows[w].interval}s`).join(", ") }),
});
const span = { from: z.string(), to: z.string() };
const data = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: schema }) } });

const overviewSchema = z.object({
  window: z.enum(windowNames),
  interval: z.enum(intervalNames),
  ...span,
  searches: z.object({ total: z.number().int(), byVertical: z.object(Object.fromEntries(verticals.map((v) => [v, z.number().int()])) as Record<(typeof verticals)[number], z.ZodNumber>) }),
  uniqueVisitors: z.number().int().meta({ description: "Distinct searchers (HyperLogLog, ±1%)" }),
  cache: z.object({ hits: z.number().int(), misses: z.number().int(), stale: z.number().int(), hitRatio: z.number().nullable() }),
  suppliers: z.array(z.object({ name: z.string(), calls: z.number().int(), errors: z.number().int(), meanLatencyMs: z.number().nullable() })),
  offerViews: z.number().int(),
  reservations: z.object(Object.fromEntries(reservationOutcomes.map((o) => [o, z.number().int()])) as Record<(typeof reservationOutcomes)[number], z.ZodNumber>),
  revenue: z.record(z.string(), z.string()).meta({ description: "Confirmed bookings per currency, decimal strings" }),
  refunds: z.record(z.string(), z.string()),
});

const rankingSchema = z.object({ ...span, entries: z.array(z.object({ member: z.string(), count: z.number().int() })) });

const overview = createRoute({
  method: "get",
  path: "/overview",
  operationId: "getAnalyticsOverview",
  tags: ["Admin: analytics"],
  summary: "Searches, unique visitors, cache hit ratio, supplier latency, bookings and revenue over a window",
  request: { query: windowQuery },
  responses: { 200: { description: "The window's figures", content: data(overviewSchema) } },
});

const ranking = (path: string, operationId: string, summary: string) =>
  createRoute({
    method: "get",
    path,
    operationId,
    tags: ["Admin: analytics"],
    summary,
    request: { query: windowQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(10) }) },
    responses: { 200: { description: "Most searched first", content: data(rankingSchema) } },
  });
const topRoutes = ranking("/top-routes", "getTopRoutes", "Most searched flight routes (LHR-JFK)");
const topDestinations = ranking("/top-destinations", "getTopDestinations", "Most searched destinations (flights' destination, hotels' city, cars' pick-up)");

const funnel = createRoute({
  method: "get",
  path: "/funnel",
  operationId: "getBookingFunnel",
  tags: ["Admin: analytics"],
  summary: "Search → hold → confirmed: events, distinct people and rates",
  request: { query: windowQuery },
  responses: {
    200: {
      description: "The funnel over the window",
      content: data(
        z.object({
          window: z.enum(windowNames),
          ...span,
          steps: z.array(z.object({ step: z.enum(["searched", "held", "confirmed"]), events: z.number().int(), uniqueVisitors: z.number().int() })),
          rates: z.object({ holdPerSearch: z.number().nullable(), confirmPerHold: z.number().nullable(), confirmPerSearch: z.number().nullable() }),
        }),
      ),
    },
  },
});

/** Counter families a time series may name, for the error message and the docs. */
const metricExamples = [
  ...derivedMetrics,
  counters.searches("flights"),
  counters.cache("HIT"),
  counters.reservations("confirmed"),
  counters.revenue("USD"),
  counters.supplierMs("amadeus"),
  counters.airlineChanges("duffel"),
  counters.supplierOrders("duffel", "failed"),
  counters.cancellationQuotes("EUR"),
];

const timeseries = createRoute({
  method: "get",
  path: "/timeseries",
  operationId: "getTimeseries",
  tags: ["Admin: analytics"],
  summary: "One metric per minute, hour or day, oldest first",
  request: {
    query: z.object({
      metric: z.string().max(100).regex(metricPattern, { message: `unknown metric; e.g. ${metricExamples.join(", ")}` }).meta({ example: "searches" }),
      interval: z.enum(intervalNames).default("minute"),
      points: z.coerce.number().int().min(1).max(500).default(60),
    }),
  },
  responses: {
    200: {
      description: "Points, one per bucket; money in minor units; ratios 0–1 (null without traffic)",
      content: {
        "application/json": {
          schema: z.object({
            data: z.array(z.object({ at: z.string(), value: z.number().nullable() })),
            meta: z.object({ metric: z.string(), interval: z.enum(intervalNames), bucketSeconds: z.number().int() }),
          }),
        },
      },
    },
  },
});

const clear = createRoute({
  method: "delete",
  path: "/",
  operationId: "clearAnalytics",
  tags: ["Admin: analytics"],
  summary: "Delete every aggregate (the first step of a rebuild from the event archive)",
  description: "Then replay the archives into the analytics rules (README, \"Runbooks\"), or run `pnpm analytics:replay` locally, which does both.",
  responses: { 200: { description: "How many aggregate keys were deleted", content: data(z.object({ keysDeleted: z.number().int() })) } },
});

export const analyticsRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(clear, async (c) => {
    const keysDeleted = await c.get("deps").analytics.store.clear();
    await audit(c, { action: "admin.analytics-cleared", outcome: "success", actor: actorOf(c), details: { keysDeleted } });
    return c.json({ data: { keysDeleted } }, 200);
  })
  .openapi(overview, async (c) => c.json({ data: await c.get("deps").analytics.store.overview(c.req.valid("query").window) }, 200))
  .openapi(topRoutes, async (c) => {
    const { window, limit } = c.req.valid("query");
    return c.json({ data: await c.get("deps").analytics.store.top("routes", window, limit) }, 200);
  })
  .openapi(topDestinations, async (c) => {
    const { window, limit } = c.req.valid("query");
    return c.json({ data: await c.get("deps").analytics.store.top("destinations", window, limit) }, 200);
  })
  .openapi(funnel, async (c) => c.json({ data: await c.get("deps").analytics.store.funnel(c.req.valid("query").window) }, 200))
  .openapi(timeseries, async (c) => {
    const { metric, interval, points } = c.req.valid("query");
    const series = await c.get("deps").analytics.store.timeseries(metric, interval, points);
    return c.json({ data: series, meta: { metric, interval, bucketSeconds: intervals[interval].seconds } }, 200);
  });
