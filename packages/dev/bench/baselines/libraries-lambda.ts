import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { handle } from "hono/aws-lambda";
import { Redis } from "ioredis";
import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisBusDriver, redisDriver } from "bentocache/drivers/redis";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Tracer } from "@aws-lambda-powertools/tracer";

/**
 * The second cold-start baseline: the libraries every API request loads (validation and routing,
 * the Redis client, the two-tier cache, logs and metrics), set up as the API sets them up, with
 * none of the API's own code. `/health` answers without touching Redis. The gap between this and
 * the API is what the API's code costs; the gap between this and hello-world is the libraries'.
 */
const redis = new Redis({ lazyConnect: true });
const cache = new BentoCache({
  default: "search",
  stores: {
    search: bentostore()
      .useL1Layer(memoryDriver({ maxSize: "10mb" }))
      .useL2Layer(redisDriver({ connection: redis }))
      .useBus(redisBusDriver({ connection: { lazyConnect: true } })),
  },
});
const tracer: Tracer | undefined = process.env.AWS_LAMBDA_FUNCTION_NAME ? new (await import("@aws-lambda-powertools/tracer")).Tracer({ serviceName: "baseline", captureHTTPsRequests: true }) : undefined;
const logger = new Logger({ serviceName: "baseline" });
const metrics = new Metrics({ namespace: "baseline", serviceName: "baseline" });

const health = createRoute({
  method: "get",
  path: "/health",
  request: { query: z.object({ verbose: z.enum(["true", "false"]).optional() }) },
  responses: { 200: { description: "ok", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
});
const app = new OpenAPIHono().openapi(health, (c) => {
  logger.debug("health", { cache: typeof cache.namespace, metrics: typeof metrics.addMetric, tracing: tracer?.isTracingEnabled() });
  return c.json({ status: "ok" as const }, 200);
});
export const handler = handle(app);
