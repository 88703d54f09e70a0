import type { EventBridgeEvent } from "aws-lambda";
import { createBusConnectionTemplate, createRedisConnection, SearchCache } from "@travel/core/cache";
import { readLinks } from "@travel/core/config";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { logger } from "@travel/core/observability";
import { hotelRatingTag } from "@travel/core/search";
import { instrumented } from "../telemetry";

/**
 * PriceUpdated / InventoryChanged → drop the cached answers they make wrong: every entry tagged
 * with one of the named routes or cities. ReviewApproved / ReviewRemoved of a hotel → drop every
 * cached answer showing that hotel, whose rating just moved. Deleting twice is harmless, so
 * redelivery is safe.
 */
export function invalidateOnChange(cache: SearchCache) {
  return async (event: BusEvent): Promise<void> => {
    // A replay from an archive is history: today's cache is not what it was about.
    if ((event as { "replay-name"?: string })["replay-name"]) return;
    const tags = tagsMadeWrongBy(event);
    if (tags.length === 0) return;
    const { entries } = await cache.invalidateTags(tags);
    logger.info("cache invalidated by event", { eventId: event.id, detailType: event["detail-type"], tags, entries });
  };
}

function tagsMadeWrongBy(event: BusEvent): string[] {
  if (event.source === eventCatalog.ReviewApproved.source) {
    // Approved and removed share one detail schema; an airline's rating is in no cached answer.
    const { subject } = eventCatalog.ReviewApproved.detail.parse(event.detail);
    return subject.kind === "hotel" ? [hotelRatingTag(subject.id)] : [];
  }
  // Both supplier events share one detail schema.
  const detail = eventCatalog.PriceUpdated.detail.parse(event.detail);
  return [...detail.routes.map((r) => `route:${r}`), ...detail.cityCodes.map((c) => `city:${c}`)];
}

let lambdaHandler: ((event: BusEvent) => Promise<void>) | undefined;

/** Lambda subscriber on the Bus (see packages/core/src/events/subscriptions.ts). */
export const handler = instrumented(async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  if (!lambdaHandler) {
    const config = readLinks(["App", "Redis"]);
    const cache = new SearchCache({
      redis: createRedisConnection(config.Redis),
      bus: createBusConnectionTemplate(config.Redis),
      keyPrefix: `${config.App.name}:${config.App.stage}:`,
    });
    lambdaHandler = invalidateOnChange(cache);
  }
  await lambdaHandler(event as unknown as BusEvent);
});
