import { eventCatalog, type BusEvent } from "../events/catalog";
import type { BusHandler } from "../events/publisher";
import type { AnalyticsFacts } from "./facts";
import { factsFromAirlineChange, factsFromCancellationQuote, factsFromReservation, factsFromReview, factsFromSupplierOrder } from "./reservations";
import type { AnalyticsStore } from "./store";

/** What each event analytics counts adds to the aggregates, by detail type: one table, read by the live subscriber and by replays. */
const factsByDetailType: Record<string, (detail: unknown) => AnalyticsFacts> = {
  [eventCatalog.AnalyticsRecorded.detailType]: (detail) => eventCatalog.AnalyticsRecorded.detail.parse(detail),
  [eventCatalog.ReservationCreated.detailType]: (detail) => factsFromReservation(eventCatalog.ReservationCreated.detail.parse(detail)),
  [eventCatalog.ReservationStatusChanged.detailType]: (detail) => factsFromReservation(eventCatalog.ReservationStatusChanged.detail.parse(detail)),
  [eventCatalog.SupplierOrderPlaced.detailType]: (detail) => factsFromSupplierOrder(eventCatalog.SupplierOrderPlaced.detail.parse(detail), "placed"),
  [eventCatalog.SupplierOrderFailed.detailType]: (detail) => factsFromSupplierOrder(eventCatalog.SupplierOrderFailed.detail.parse(detail), "failed"),
  [eventCatalog.AirlineChangeDetected.detailType]: (detail) => factsFromAirlineChange(eventCatalog.AirlineChangeDetected.detail.parse(detail)),
  [eventCatalog.CancellationQuoted.detailType]: (detail) => factsFromCancellationQuote(eventCatalog.CancellationQuoted.detail.parse(detail)),
  [eventCatalog.ReviewSubmitted.detailType]: (detail) => factsFromReview(eventCatalog.ReviewSubmitted.detail.parse(detail), "submitted"),
  [eventCatalog.ReviewApproved.detailType]: (detail) => factsFromReview(eventCatalog.ReviewApproved.detail.parse(detail), "approved"),
  [eventCatalog.ReviewRemoved.detailType]: (detail) => factsFromReview(eventCatalog.ReviewRemoved.detail.parse(detail), "removed"),
};

/**
 * Real-time analytics: the API's batches of facts (`Analytics Recorded`) and every reservation
 * fact (changes, supplier orders, airline changes, cancellation quotes) and review event, added to the Redis aggregates. Behind the event-id dedupe, so a redelivered event is
 * not counted twice; an event EventBridge replays from an archive (`replay-name`) is applied
 * without it, because a replay rebuilds aggregates that were cleared first.
 */
export function aggregateAnalytics(store: AnalyticsStore): BusHandler {
  return async (event: BusEvent) => {
    const factsOf = factsByDetailType[event["detail-type"]];
    if (!factsOf) throw new Error(`analytics does not count ${event["detail-type"]} events`);
    await store.apply(factsOf(event.detail));
  };
}

/** Applies every archived event an aggregate is built from, published before `until`, in order. */
export async function applyArchived(store: AnalyticsStore, events: AsyncIterable<BusEvent>, until: Date): Promise<number> {
  const aggregate = aggregateAnalytics(store);
  let applied = 0;
  for await (const event of events) {
    if (!(event["detail-type"] in factsByDetailType) || Date.parse(event.time) >= until.getTime()) continue;
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
