import type { Context } from "aws-lambda";
import { logger, metrics } from "@travel/core/observability";

/**
 * Every Lambda handler goes through this: the invocation's request id on each log line, and the
 * metrics it recorded written out (as EMF) before it returns, while the container still runs.
 * Long-running processes (the local API, the worker) flush on a timer instead.
 */
export function instrumented<E, R>(handler: (event: E, context?: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      return await handler(event, context);
    } finally {
      metrics.flush();
    }
  };
}

/** How often a long-running process writes its metrics. */
export const metricsFlushMs = 10_000;
