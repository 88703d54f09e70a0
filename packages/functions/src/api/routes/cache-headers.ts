import type { Context } from "hono";
import type { CachedResult } from "@travel/core/cache";

type CacheFacts = Pick<CachedResult<unknown>, "status" | "ageSeconds" | "ttlSeconds" | "storedAt">;

/** Tell the client whether the answer came from our cache and how old it is. */
export function setCacheHeaders(c: Context, result: CacheFacts): void {
  c.header("X-Cache", result.status);
  c.header("Age", String(result.ageSeconds));
}

export function cacheMeta(result: CacheFacts) {
  return {
    status: result.status,
    ageSeconds: result.ageSeconds,
    ttlSeconds: result.ttlSeconds,
    storedAt: result.storedAt.toISOString(),
    expiresAt: new Date(result.storedAt.getTime() + result.ttlSeconds * 1000).toISOString(),
  };
}
