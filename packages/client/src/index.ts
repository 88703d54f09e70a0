import createClient, { type ClientOptions, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema";

export type { components, operations, paths, Middleware };

/**
 * A client of the travel API typed by its OpenAPI document: paths, parameters, bodies and every
 * declared response. `baseUrl` is where the API answers, e.g. `http://127.0.0.1:3000`.
 */
export function createTravelClient(options: ClientOptions & { baseUrl: string }) {
  return createClient<paths>(options);
}

export type TravelClient = ReturnType<typeof createTravelClient>;
