import type { EventBridgeEvent } from "aws-lambda";
import type { RedisConnection } from "@travel/core/cache";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { toMinorUnits } from "@travel/core/payments";
import { subscriberParts } from "./subscriber-parts";

/** Daily reservation figures kept for 90 days (the analytics issue builds the dashboards on them). */
const retentionSeconds = 90 * 86_400;

export function reservationAnalyticsKey(prefix: string, day: string): string {
  return `${prefix}analytics:reservations:${day}`;
}

/**
 * Counts reservation events per UTC day in one Redis hash: `HOLD`, `CONFIRMED`, `CANCELLED`,
 * `EXPIRED`, plus `revenue:<CUR>` and `refunds:<CUR>` in minor units. Runs behind the event-id
 * dedupe, so a redelivered event is not counted twice.
 */
export function countReservationEvents(redis: RedisConnection, keyPrefix: string) {
  return async (event: BusEvent): Promise<void> => {
    const detail = eventCatalog.ReservationStatusChanged.detail.parse(event.detail);
    const key = reservationAnalyticsKey(keyPrefix, detail.occurredAt.slice(0, 10));
    const { currency, totalAmount, refundedAmount } = detail.reservation;
    const pipeline = redis.multi().hincrby(key, detail.status, 1);
    if (detail.status === "CONFIRMED") pipeline.hincrby(key, `revenue:${currency}`, toMinorUnits(totalAmount, currency));
    if (detail.status === "CANCELLED" && refundedAmount) pipeline.hincrby(key, `refunds:${currency}`, toMinorUnits(refundedAmount, currency));
    await pipeline.expire(key, retentionSeconds).exec();
  };
}

let ready: ((event: BusEvent) => Promise<void>) | undefined;

export async function handler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  ready ??= (() => {
    const parts = subscriberParts();
    return parts.deduped("ReservationAnalytics", countReservationEvents(parts.redis(), parts.keyPrefix));
  })();
  await ready(event as unknown as BusEvent);
}
