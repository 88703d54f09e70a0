import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "../env";
import { requestTarget, sendRendered } from "../search-response";

/**
 * The search hot path: a repeat of a fresh search URL is answered here, from its rendered
 * response (rendered-responses.ts), before query validation, the cache lookup and rendering. It
 * still counts as a cache hit, and the request id, caller identification and rate limit before it
 * still apply. Anything else goes on to the search route (routes/search.ts).
 */
export const answerRepeatedSearch: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const hit = c.req.method === "GET" ? c.get("rendered").lookup(requestTarget(c), Date.now()) : undefined;
  if (!hit) return next();
  c.get("deps").cache.counters.add(hit.type, "hits");
  return sendRendered(c, hit, "HIT");
};
