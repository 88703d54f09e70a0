import { eventCatalog, type EventPattern } from "./catalog";

/**
 * Who listens to what, declared once: `infra/events.ts` subscribes each handler to the Bus with
 * this pattern on AWS, and the local in-process bus applies the same pattern to the same handler.
 * Keep this file free of runtime imports beyond the catalog: `sst.config.ts` loads it.
 */
export interface Subscription {
  name: string;
  /** Module path from the repository root, and the exported handler, as SST takes it. */
  handler: string;
  pattern: EventPattern;
  /** Needs the VPC and Redis (cache invalidation). */
  needsCache: boolean;
}

export const subscriptions: Subscription[] = [
  {
    name: "CacheInvalidation",
    handler: "packages/functions/src/events/cache-invalidation.handler",
    pattern: {
      source: [eventCatalog.PriceUpdated.source],
      detailType: [eventCatalog.PriceUpdated.detailType, eventCatalog.InventoryChanged.detailType],
    },
    needsCache: true,
  },
];
