import type { Context, MiddlewareHandler } from "hono";
import { logger, metrics } from "@travel/core/observability";
import { visitorOf } from "../caller";
import type { ApiEnv } from "../env";

/**
 * A request's route for metrics and logs: the matched route pattern (bounded: patterns are code),
 * never the raw path, except a search answered from the rendered responses, whose middleware
 * pattern would hide which search it was (only real search paths are rendered).
 */
function metricRoute(c: Context<ApiEnv>): string {
  const pattern = c.req.routePath;
  return `${c.req.method} ${pattern === "/v1/search/*" && c.res.status === 200 ? c.req.path : pattern}`;
}

/** Every request's latency as a metric and, at INFO or DEBUG, one log line. */
export function requestLog(): MiddlewareHandler<ApiEnv> {
  // Decided once because it is on the hot path.
  const logsRequests = ["DEBUG", "INFO"].includes(logger.getLevelName());
  return async (c, next) => {
    const started = performance.now();
    await next();
    const latencyMs = performance.now() - started;
    const route = metricRoute(c);
    metrics.record("APILatency", latencyMs, { Route: route });
    if (!logsRequests) return;
    const caller = c.get("caller");
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      latencyMs: Math.round(latencyMs),
      cache: c.get("cacheStatus"),
      caller: caller?.kind,
      // Who, without saying who: the same hash the analytics count unique visitors by.
      ...(caller && caller.kind !== "anonymous" ? { userHash: c.get("deps").analytics.recorder.visitorHashOf(visitorOf(caller)) } : {}),
    });
  };
}
