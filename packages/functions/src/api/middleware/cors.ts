import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { ApiEnv } from "../env";

/** Headers a browser script may read on our responses: request id, cache, validators, limits, replays. */
export const exposedHeaders = [
  "X-Request-Id", "X-Cache", "Age", "ETag", "Retry-After", "Idempotent-Replayed",
  "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
  "X-Quota-Limit", "X-Quota-Remaining", "X-Quota-Reset",
];

/**
 * Browsers on the allowed origins only (the `ApiSettings` link); preflights are answered here,
 * before any credential. Without origins: same-origin only, so no CORS headers at all.
 */
export function allowedOriginsCors(origins: readonly string[]): MiddlewareHandler<ApiEnv> {
  const allowed = new Set(origins);
  if (allowed.size === 0) return (_c, next) => next();
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "X-Api-Key", "X-Request-Id"],
    exposeHeaders: exposedHeaders,
    maxAge: 600,
  });
}
