import type { AnalyticsStore } from "@travel/core/analytics";
import type { BookingEntities, IdempotencyStore } from "@travel/core/booking";
import type { SearchCache } from "@travel/core/cache";
import { eventRules, LocalEventBus, subscriptions, type BusHandler, type DeadLetterQueue, type FileEventArchive } from "@travel/core/events";
import type { EmailSender } from "@travel/core/notifications";
import { aggregateAnalytics } from "./analytics";
import { sendBookingEmails } from "./booking-notifications";
import { invalidateOnSupplierChange } from "./cache-invalidation";
import { dedupedByEventId } from "./dedupe";
import { invalidateReservedInventory } from "./reservation-inventory";

/** What in-process subscribers may use (on AWS each Lambda builds its own from its links). */
export interface SubscriberDeps {
  cache: SearchCache;
  /** Reservation subscribers; without them only the platform bus's subscribers are attached. */
  reservations?: {
    entities: BookingEntities;
    processedEvents: IdempotencyStore;
    email: EmailSender;
  };
  /** The analytics aggregates, and where processed event ids are kept. */
  analytics?: { store: AnalyticsStore; processedEvents: IdempotencyStore };
  /** Where deliveries that keep failing go (EventBridge's target DLQ on AWS). */
  deadLetters?: DeadLetterQueue;
  /** Where accepted events are kept (the bus's EventBridge archive on AWS). */
  archive?: FileEventArchive;
}

/** The same handlers the Lambda subscribers run, by subscription name. */
const localHandlers: Record<string, (deps: SubscriberDeps) => BusHandler | undefined> = {
  CacheInvalidation: (deps) => invalidateOnSupplierChange(deps.cache),
  ReservationInventory: (deps) => deps.reservations && dedupedByEventId("ReservationInventory", deps.reservations.processedEvents, invalidateReservedInventory(deps.cache)),
  BookingNotifications: (deps) =>
    deps.reservations && dedupedByEventId("BookingNotifications", deps.reservations.processedEvents, sendBookingEmails(deps.reservations.entities, deps.reservations.email)),
  Analytics: (deps) => deps.analytics && dedupedByEventId("Analytics", deps.analytics.processedEvents, aggregateAnalytics(deps.analytics.store)),
};

/** The in-process bus with every declared subscription attached, by the declared rules. */
export function createLocalEventBus(deps: SubscriberDeps): LocalEventBus {
  const bus = new LocalEventBus(deps.deadLetters, deps.archive);
  for (const subscription of subscriptions) {
    const factory = localHandlers[subscription.name];
    if (!factory) throw new Error(`subscription ${subscription.name} has no local handler in packages/functions/src/events/local.ts`);
    const handler = factory(deps);
    if (!handler) continue;
    for (const rule of subscription.rules) bus.subscribe(subscription.name, eventRules[rule].bus, eventRules[rule].pattern, handler);
  }
  return bus;
}
