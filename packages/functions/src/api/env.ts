import type { CacheStatus } from "@travel/core/cache";
import type { ApiDependencies } from "./deps";
import type { RenderedResponses } from "./rendered-responses";

/** Hono context variables shared by every route. */
export interface ApiEnv {
  Variables: {
    deps: ApiDependencies;
    requestId: string;
    /** The response already carries X-Request-Id (see request-id.ts). */
    requestIdSent: boolean;
    rendered: RenderedResponses;
    /** Whether this server compresses responses itself (not on Lambda: API Gateway does). */
    compress: boolean;
    /** The signed-in traveller making the request (from the verified access token). */
    userId: string;
    /** Set by search responses, for the request log. */
    cacheStatus: CacheStatus;
  };
}
