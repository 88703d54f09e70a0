import type { SearchCache } from "@travel/core/cache";
import { LocalEventBus, subscriptions, type BusHandler } from "@travel/core/events";
import { invalidateOnSupplierChange } from "./cache-invalidation";

/** What an in-process subscriber may use (on AWS each Lambda builds its own from its links). */
export interface SubscriberDeps {
  cache: SearchCache;
}

/** The same handlers the Lambda subscribers run, by subscription name. */
const localHandlers: Record<string, (deps: SubscriberDeps) => BusHandler> = {
  CacheInvalidation: (deps) => invalidateOnSupplierChange(deps.cache),
};

/** The in-process bus with every declared subscription attached. */
export function createLocalEventBus(deps: SubscriberDeps): LocalEventBus {
  const bus = new LocalEventBus();
  for (const subscription of subscriptions) {
    const factory = localHandlers[subscription.name];
    if (!factory) throw new Error(`subscription ${subscription.name} has no local handler in packages/functions/src/events/local.ts`);
    bus.subscribe(subscription.name, subscription.pattern, factory(deps));
  }
  return bus;
}
