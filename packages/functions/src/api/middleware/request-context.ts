import type { Context, MiddlewareHandler } from "hono";
import type { ApiDependencies } from "../deps";
import type { ApiEnv } from "../env";
import type { RenderedResponses } from "../rendered-responses";

export interface RequestContextOptions {
  deps: ApiDependencies;
  rendered: RenderedResponses;
  /** Whether this server compresses responses itself (not on Lambda: API Gateway does). */
  compress: boolean;
  clientAddress(c: Context): string | undefined;
}

/** What every later middleware and handler reads from the context: dependencies and the caller's address. */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set("deps", options.deps);
    c.set("rendered", options.rendered);
    c.set("compress", options.compress);
    c.set("clientAddress", options.clientAddress(c) ?? "unknown");
    await next();
  };
}
