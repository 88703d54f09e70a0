import type { ApiDependencies } from "./deps";

/** Hono context variables shared by every route. */
export interface ApiEnv {
  Variables: { deps: ApiDependencies; requestId: string };
}
