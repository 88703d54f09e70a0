import { eventCatalog, type BusEvent } from "../events/catalog";
import type { BusHandler } from "../events/publisher";
import { factsFromAirlineChange, factsFromReservation } from "./reservations";
import type { AnalyticsStore } from "./store";

/**
 * Real-time analytics: the API's batches of facts (`Analytics Recorded`) and every reservation
 * change, added to the Redis aggregates. Behind the event-id dedupe, so a redelivered event is
 * not counted twice; an event EventBridge replays from an archive (`replay-name`) is applied
 * without it, because a replay rebuilds aggregates that were cleared first.
 */
export function aggregateAnalytics(store: AnalyticsStore): BusHandler {
  return async (event: BusEvent) => {
    if (event["detail-type"] === eventCatalog.AnalyticsRecorded.detailType) {
      await store.apply(eventCatalog.AnalyticsRecorded.detail.parse(event.detail));
      return;
    }
    if (event["detail-type"] === eventCatalog.AirlineChangeDetected.detailType) {
      await store.apply(factsFromAirlineChange(eventCatalog.AirlineChangeDetected.detail.parse(event.detail)));
      return;
    }
    await store.apply(factsFromReservation(eventCatalog.ReservationStatusChanged.detail.parse(event.detail)));
  };
}

/** Applies every archived event an aggregate is built from, published before `until`, in order. */
export async function applyArchived(store: AnalyticsStore, events: AsyncIterable<BusEvent>, until: Date): Promise<number> {
  const aggregate = aggregateAnalytics(store);
  const counted = new Set<string>([
    eventCatalog.AnalyticsRecorded.detailType,
    eventCatalog.ReservationCreated.detailType,
    eventCatalog.ReservationStatusChanged.detailType,
    eventCatalog.AirlineChangeDetected.detailType,
  ]);
  let applied = 0;
  for await (const event of events) {
    if (!counted.has(event["detail-type"]) || Date.parse(event.time) >= until.getTime()) continue;
    await aggregate(event);
    applied += 1;
  }
  return applied;
}

/**
 * Rebuild the aggregates from the archives: clear them, then apply again every archived analytics
 * and reservation event published before the clear (increments commute, so the buses' order does
 * not matter). Events after the clear are the live subscriber's, so none is counted twice.
 */
export async function rebuildAnalytics(store: AnalyticsStore, archives: Array<{ read(): AsyncIterable<BusEvent> }>): Promise<{ cleared: number; applied: number }> {
  const clearedAt = new Date();
  const cleared = await store.clear();
  let applied = 0;
  for (const archive of archives) applied += await applyArchived(store, archive.read(), clearedAt);
  return { cleared, applied };
}
