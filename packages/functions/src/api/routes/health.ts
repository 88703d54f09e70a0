import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiEnv } from "../env";
import { problem, problemResponse } from "../problem";

const checkSchema = z.object({ status: z.enum(["up", "down"]), latencyMs: z.number() });

const liveness = createRoute({
  method: "get",
  path: "/",
  operationId: "getLiveness",
  tags: ["Health"],
  summary: "Liveness: the process answers",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
});

const readiness = createRoute({
  method: "get",
  path: "/ready",
  operationId: "getReadiness",
  tags: ["Health"],
  summary: "Readiness: Redis and DynamoDB answer",
  responses: {
    200: {
      description: "Every dependency answers",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("ready"), checks: z.record(z.string(), checkSchema) }),
        },
      },
    },
    503: problemResponse(
      "A dependency is down; `checks` says which. `status` is `degraded` when only Redis is down (searches still answer), `unavailable` when DynamoDB is",
    ),
  },
});

async function timed(probe: () => Promise<boolean>) {
  const started = performance.now();
  const up = await probe();
  return { status: up ? ("up" as const) : ("down" as const), latencyMs: Math.round(performance.now() - started) };
}

export const healthRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(liveness, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(readiness, async (c) => {
    const { probes } = c.get("deps");
    const [redis, dynamodb] = await Promise.all([timed(probes.redis), timed(probes.dynamodb)]);
    const checks = { redis, dynamodb };
    const down = Object.entries(checks).filter(([, check]) => check.status === "down").map(([name]) => name);
    if (down.length > 0) {
      // Without Redis searches still answer (in-process cache, then the supplier): degraded.
      // Without DynamoDB the catalog is gone: unavailable.
      const status = dynamodb.status === "down" ? "unavailable" : "degraded";
      return problem(c, 503, "not-ready", `Service ${status}`, `${down.join(" and ")} ${down.length > 1 ? "are" : "is"} down`, {
        status,
        checks,
      }) as never;
    }
    return c.json({ status: "ready" as const, checks }, 200);
  });
