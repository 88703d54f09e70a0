import type { EventBridgeEvent } from "aws-lambda";
import { aggregateAnalytics, AnalyticsStore } from "@travel/core/analytics";
import type { BusEvent, BusHandler } from "@travel/core/events";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/**
 * Real-time analytics (core/analytics/replay.ts): the API's batches of facts and every reservation
 * change, added to the Redis aggregates, behind the event-id dedupe so a redelivered event is not
 * counted twice; an event EventBridge replays from an archive (`replay-name`) is applied without it,
 * because a replay rebuilds aggregates that were cleared first.
 */
let ready: { deduped: BusHandler; direct: BusHandler } | undefined;

export const handler = instrumented(async (event: EventBridgeEvent<string, unknown> & { "replay-name"?: string }): Promise<void> => {
  ready ??= (() => {
    const parts = subscriberParts();
    const direct = aggregateAnalytics(new AnalyticsStore(parts.redis(), parts.keyPrefix));
    return { direct, deduped: parts.deduped("Analytics", direct) };
  })();
  await (event["replay-name"] ? ready.direct : ready.deduped)(event as unknown as BusEvent);
});

