import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import type { ApiEnv } from "../env";

/**
 * Hono's compression, only for clients that ask (it would otherwise cost every response a header
 * pass). Search responses compress themselves, once per rendered body (search-response.ts).
 */
export function compressWhenAccepted(): MiddlewareHandler<ApiEnv> {
  const compressResponse = compress();
  return (c, next) => (c.req.header("Accept-Encoding") ? compressResponse(c, next) : next());
}
