import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "../env";

const acceptable = /^[\w\-=]{1,255}$/;

/**
 * Browser-facing security headers for a JSON API, on every response: no MIME sniffing, HTTPS only,
 * never framed, no referrer, not readable cross-site except through CORS. Declared here once:
 * search responses put them in their own header record (search-response.ts), every other response
 * gets them from the middleware below.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-site",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

/**
 * `X-Request-Id` (the caller's id when it is a sane token, else a new UUID), the security headers
 * and whatever later middleware put in `responseHeaders` (rate limits), on every response. Unlike
 * hono/request-id they are added after the handler, and only when the response does not carry them
 * already: search responses put them in their own header record, which the Node adapter writes
 * straight out (setting them beforehand would make every response build a Headers).
 */
export function responseHeaders(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const incoming = c.req.header("X-Request-Id");
    c.set("requestId", incoming && acceptable.test(incoming) ? incoming : randomUUID());
    c.set("responseHeaders", {});
    await next();
    if (c.get("headersSent")) return;
    const headers = c.res.headers;
    headers.set("X-Request-Id", c.get("requestId"));
    // A page that needs its own policy (the API reference, openapi/reference-page.ts) sets it.
    const ownPolicy = headers.get("Content-Security-Policy");
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    if (ownPolicy) headers.set("Content-Security-Policy", ownPolicy);
    for (const [name, value] of Object.entries(c.get("responseHeaders"))) headers.set(name, value);
  };
}
