import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./env";

const acceptable = /^[\w\-=]{1,255}$/;

/**
 * `X-Request-Id` on every response: the caller's id when it is a sane token, else a new UUID.
 * Unlike hono/request-id, the header is added after the handler, and only when the response
 * does not carry it already: search responses put it in their own header record, which the Node
 * adapter writes straight out (setting it beforehand would make every response build a Headers).
 */
export function requestId(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const incoming = c.req.header("X-Request-Id");
    c.set("requestId", incoming && acceptable.test(incoming) ? incoming : randomUUID());
    await next();
    if (!c.get("requestIdSent")) c.res.headers.set("X-Request-Id", c.get("requestId"));
  };
}
