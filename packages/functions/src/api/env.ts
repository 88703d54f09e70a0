import type { CacheStatus } from "@travel/core/cache";
import type { Caller, TokenSubject } from "@travel/core/identity";
import type { ApiDependencies } from "./deps";
import type { RenderedResponses } from "./rendered-responses";

/** Hono context variables shared by every route. */
export interface ApiEnv {
  Variables: {
    deps: ApiDependencies;
    requestId: string;
    /**
     * Headers every response carries besides X-Request-Id (rate limits). Search responses write
     * them into their own header record; the middleware that set them adds them to the others.
     */
    responseHeaders: Record<string, string>;
    /** The response already carries X-Request-Id and `responseHeaders` (see middleware/response-headers.ts). */
    headersSent: boolean;
    rendered: RenderedResponses;
    /** Whether this server compresses responses itself (not on Lambda: API Gateway does). */
    compress: boolean;
    /** The address the request came from (socket on Node; API Gateway's source IP on Lambda). */
    clientAddress: string;
    /** Who the request counts against: partner key, signed-in user, or anonymous address. */
    caller: Caller;
    /** The signed-in user, when a valid access token came with the request. */
    user?: TokenSubject & { accessToken: string };
    /** The signed-in traveller making the request (set with `user`). */
    userId: string;
    /** Set by search responses, for the request log. */
    cacheStatus: CacheStatus;
  };
}
