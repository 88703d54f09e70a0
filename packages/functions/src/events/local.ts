import { aggregateAnalytics, WebhookForwarder, type AnalyticsStore, type WebhookSettings } from "@travel/core/analytics";
import type { BookingEntities, IdempotencyClaims } from "@travel/core/booking";
import type { SearchCache } from "@travel/core/cache";
import { eventRules, LocalEventBus, subscriptions, type BatchHandler, type BusHandler, type DeadLetterQueue, type FileEventArchive } from "@travel/core/events";
import type { EmailSender } from "@travel/core/notifications";
import { forwardAnalytics } from "./analytics-forwarding";
import { sendBookingEmails } from "./booking-notifications";
import { invalidateOnChange } from "./cache-invalidation";
import { dedupedByEventId } from "./dedupe";
import { invalidateReservedInventory } from "./reservation-inventory";
import { runSupplierOrderSaga, type SupplierOrderSaga } from "./supplier-orders";

/** What in-process subscribers may use (on AWS each Lambda builds its own from its links). */
export interface SubscriberDeps {
  cache: SearchCache;
  /** Reservation subscribers; without them only the platform bus's subscribers are attached. */
  reservations?: {
    entities: BookingEntities;
    processedEvents: IdempotencyClaims;
    email: EmailSender;
  };
  /** The supplier-order saga (the booking service with its order suppliers); without it, none runs. */
  supplierOrders?: SupplierOrderSaga;
  /** The analytics aggregates, and where processed event ids are kept. */
  analytics?: { store: AnalyticsStore; processedEvents: IdempotencyClaims };
  /** The third-party analytics webhook; without it nothing is forwarded. */
  analyticsWebhook?: WebhookSettings | undefined;
  /** Where deliveries that keep failing go (EventBridge's target DLQ on AWS). */
  deadLetters?: DeadLetterQueue;
  /** Where accepted events are kept (the bus's EventBridge archive on AWS). */
  archive?: FileEventArchive;
}

/** The same handlers the Lambda subscribers run, by subscription name. */
const localHandlers: Record<string, (deps: SubscriberDeps) => BusHandler | undefined> = {
  CacheInvalidation: (deps) => invalidateOnChange(deps.cache),
  ReservationInventory: (deps) => deps.reservations && dedupedByEventId("ReservationInventory", deps.reservations.processedEvents, invalidateReservedInventory(deps.cache)),
  BookingNotifications: (deps) =>
    deps.reservations && dedupedByEventId("BookingNotifications", deps.reservations.processedEvents, sendBookingEmails(deps.reservations.entities, deps.reservations.email)),
  SupplierOrders: (deps) => deps.reservations && deps.supplierOrders && dedupedByEventId("SupplierOrders", deps.reservations.processedEvents, runSupplierOrderSaga(deps.supplierOrders)),
  Analytics: (deps) => deps.analytics && dedupedByEventId("Analytics", deps.analytics.processedEvents, aggregateAnalytics(deps.analytics.store)),
};

/** The batch subscribers' handlers (`batch` in their subscription). */
const localBatchHandlers: Record<string, (deps: SubscriberDeps) => BatchHandler | undefined> = {
  AnalyticsForwarding: (deps) => deps.analyticsWebhook && forwardAnalytics(new WebhookForwarder(deps.analyticsWebhook)),
};

/** The in-process bus with every declared subscription attached, by the declared rules. */
export function createLocalEventBus(deps: SubscriberDeps): LocalEventBus {
  const bus = new LocalEventBus(deps.deadLetters, deps.archive);
  for (const subscription of subscriptions) {
    if (subscription.batch) {
      const factory = localBatchHandlers[subscription.name];
      if (!factory) throw new Error(`batch subscription ${subscription.name} has no local handler in packages/functions/src/events/local.ts`);
      const handler = factory(deps);
      const rules = subscription.rules.map((rule) => ({ bus: eventRules[rule].bus, pattern: eventRules[rule].pattern }));
      if (handler) bus.subscribeBatch(subscription.name, rules, handler, { size: subscription.batch.size, windowMs: subscription.batch.windowSeconds * 1000 });
      continue;
    }
    const factory = localHandlers[subscription.name];
    if (!factory) throw new Error(`subscription ${subscription.name} has no local handler in packages/functions/src/events/local.ts`);
    const handler = factory(deps);
    if (!handler) continue;
    for (const rule of subscription.rules) bus.subscribe(subscription.name, eventRules[rule].bus, eventRules[rule].pattern, handler);
  }
  return bus;
}
