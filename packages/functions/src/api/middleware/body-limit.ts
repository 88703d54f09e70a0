import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ApiEnv } from "../env";
import { problem } from "../problem";

/** No request body this API takes comes near this; anything larger is refused before parsing. */
export const maxRequestBodyBytes = 64 * 1024;

const methodsWithoutBody = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * 413 for bodies over `maxRequestBodyBytes`. Only where a body can come: on a GET, Hono's
 * bodyLimit would still build a Fetch Request (with its AbortController) from Node's request to
 * look for one, on every search.
 */
export function limitRequestBody(): MiddlewareHandler<ApiEnv> {
  const limit = bodyLimit({
    maxSize: maxRequestBodyBytes,
    onError: (c) => problem(c, 413, "payload-too-large", "Request body too large", `request bodies are at most ${maxRequestBodyBytes / 1024} KiB`),
  });
  return (c, next) => (methodsWithoutBody.has(c.req.method) ? next() : limit(c, next));
}
