import type { z } from "@hono/zod-openapi";
import type { OfferSearchResult, SearchService } from "@travel/core/search";
import type { RenderedSearch } from "../rendered-responses";

/**
 * One search vertical, declared: the question it takes, the offers it answers with, how it asks
 * the search service, and what identifies one answer (for cursors) and one search (for analytics).
 * Everything else (validation → cache → supplier → one page of response) is the same for all.
 */
export interface SearchVertical<Query extends z.ZodObject, Offer extends z.ZodObject> {
  vertical: RenderedSearch["searched"]["vertical"];
  operationId: string;
  summary: string;
  description: string;
  query: Query;
  offer: Offer;
  search(service: SearchService, query: z.output<Query>): Promise<OfferSearchResult<z.output<Offer>>>;
  /** Everything that changes the list: its cache key and the refinements applied to the cached offers. */
  fingerprint(query: z.output<Query>): string;
  searched(query: z.output<Query>): Omit<RenderedSearch["searched"], "vertical">;
}
