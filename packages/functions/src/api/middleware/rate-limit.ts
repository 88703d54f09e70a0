import type { MiddlewareHandler } from "hono";
import type { LimitDecision } from "@travel/core/identity";
import { logger, metrics, traced } from "@travel/core/observability";
import type { ApiEnv } from "../env";
import { problem } from "../problem";

/**
 * Count every request against its caller (after identification, so plans apply) and say where it
 * stands on every response, in the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Limit`, `-Remaining`, `-Reset` (seconds) for the current window, `RateLimit-Policy`
 * for every limit that applies; partners also get `X-Quota-Limit`, `-Remaining` and `-Reset` (when
 * the daily quota starts again). Over a limit: 429 with `Retry-After`.
 */
export const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const caller = c.get("caller");
  const decision = await traced("rate-limit", { caller: caller.kind }, () => c.get("deps").identity.limiter.check(caller));
  Object.assign(c.get("responseHeaders"), limitHeaders(decision));
  if (decision.allowed) return next();

  c.header("Retry-After", String(decision.retryAfterSeconds));
  logger.info("rate limited", { requestId: c.get("requestId"), caller: caller.kind, exceeded: decision.exceeded });
  metrics.count("RateLimited", { Caller: caller.kind });
  if (decision.exceeded === "quota") {
    const resetsAt = decision.quota!.resetsAt.toISOString();
    return problem(c, 429, "quota-exceeded", "Daily quota exceeded", `This API key's plan allows ${decision.quota!.limit} requests a day; the quota resets at ${resetsAt}.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
      resetsAt,
    });
  }
  const who = caller.kind === "partner" ? `this API key's plan (${caller.plan})` : caller.kind === "user" ? "a signed-in user" : "anonymous callers from one address";
  return problem(
    c,
    429,
    "rate-limited",
    "Too many requests",
    `The limit for ${who} is ${decision.rate.limit} requests per ${decision.rate.windowSeconds} s; retry in ${decision.retryAfterSeconds} s.` +
      (caller.kind === "anonymous" ? " Partners with an API key get higher limits." : ""),
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
};

export function limitHeaders(decision: LimitDecision): Record<string, string> {
  const { rate, quota } = decision;
  const policy = `${rate.limit};w=${rate.windowSeconds}` + (quota ? `, ${quota.limit};w=86400` : "");
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(rate.limit),
    "RateLimit-Remaining": String(rate.remaining),
    "RateLimit-Reset": String(rate.resetSeconds),
    "RateLimit-Policy": policy,
  };
  if (quota) {
    headers["X-Quota-Limit"] = String(quota.limit);
    if (quota.remaining !== undefined) headers["X-Quota-Remaining"] = String(quota.remaining);
    headers["X-Quota-Reset"] = quota.resetsAt.toISOString();
  }
  return headers;
}
