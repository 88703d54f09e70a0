import type { EventBridgeEvent } from "aws-lambda";
import type { SearchCache } from "@travel/core/cache";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { logger } from "@travel/core/observability";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/**
 * Seats or rooms held, sold or released → drop the cached search answers that show this route's or
 * city's availability (the tags the reservation recorded when it was made).
 */
export function invalidateReservedInventory(cache: SearchCache) {
  return async (event: BusEvent): Promise<void> => {
    const detail = eventCatalog.ReservationCreated.detail.parse(event.detail);
    const { entries } = await cache.invalidateTags(detail.inventoryTags);
    logger.info("search cache invalidated by reservation", { eventId: detail.eventId, status: detail.status, tags: detail.inventoryTags, entries });
  };
}

let ready: ((event: BusEvent) => Promise<void>) | undefined;

export const handler = instrumented(async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  ready ??= (() => {
    const parts = subscriberParts();
    return parts.deduped("ReservationInventory", invalidateReservedInventory(parts.cache()));
  })();
  await ready(event as unknown as BusEvent);
});
