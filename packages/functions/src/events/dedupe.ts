import type { IdempotencyClaims } from "@travel/core/booking";
import type { BusEvent, BusHandler } from "@travel/core/events";
import { logger } from "@travel/core/observability";

/**
 * EventBridge delivers at least once (and the outbox relay may publish an event twice when it
 * dies between PutEvents and marking the row), so each subscriber handles an event id once: it
 * claims `event:<subscriber>:<detail.eventId>` in the idempotency table before acting, records
 * completion after, and gives the claim back if it fails (so the retry acts). A duplicate that
 * arrives while the first is still running fails and is retried by the bus.
 */
export function dedupedByEventId(subscriber: string, store: IdempotencyClaims, handle: BusHandler): BusHandler {
  return async (event: BusEvent) => {
    // An event EventBridge replays from an archive is history, not news: only analytics rebuilds
    // from it (without this wrapper). Emails, cache drops and the rest must not happen again.
    if ((event as { "replay-name"?: string })["replay-name"]) {
      logger.info("replayed event ignored", { subscriber, busEventId: event.id });
      return;
    }
    const eventId = (event.detail as { eventId?: unknown } | null)?.eventId;
    if (typeof eventId !== "string") throw new Error(`${subscriber}: event ${event.id} has no detail.eventId to dedupe on`);
    const claim = await store.claim(`event:${subscriber}:${eventId}`, "event");
    if (claim.outcome === "replay") {
      logger.info("duplicate event skipped", { subscriber, eventId, busEventId: event.id });
      return;
    }
    if (claim.outcome !== "claimed") throw new Error(`${subscriber}: event ${eventId} is being handled by another delivery`);
    try {
      await handle(event);
    } catch (error) {
      await store.release(claim.lease);
      throw error;
    }
    await store.complete(claim.lease, { outcome: { ok: null } });
  };
}
