import { fileURLToPath } from "node:url";
import { AnalyticsStore } from "@travel/core/analytics";
import { BookingService, bookingSettings, OutboxRelay, type RelayReport } from "@travel/core/booking";
import { createBusConnectionTemplate, createRedisConnection, SearchCache, type RedisConnection } from "@travel/core/cache";
import type { AppConfig } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { deadLetterQueueAt, FileEventArchive, type EventPublisher, type LocalEventBus } from "@travel/core/events";
import { emailSenderFor } from "@travel/core/notifications";
import { logger } from "@travel/core/observability";
import { bookingEntitiesFor } from "../api/dynamo-backed";
import { orderSuppliersFor } from "../order-suppliers";
import { createLocalEventBus } from "../events/local";
import { processedEventStore } from "../events/subscriber-parts";

/**
 * The background half of booking on one machine, as AWS runs it: the outbox relay (there a
 * stream-triggered Lambda plus a sweep Cron, here a poller), the hold-expiry job (a Cron there, a
 * timer here) and the reservation bus's subscribers (Lambdas there, the in-process bus here).
 * The same core code and handlers run in both places.
 */
export interface BookingWorker {
  bus: LocalEventBus;
  relay: OutboxRelay;
  /** One relay pass over due outbox rows. */
  relayOnce(): Promise<RelayReport>;
  /** One expiry pass. */
  expireOnce(): Promise<{ expired: number }>;
  /** Run both on timers until stop(). */
  start(intervals?: { relayMs?: number; expiryMs?: number }): void;
  /** Wait for deliveries in progress (tests, shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface BookingWorkerOptions {
  redis?: RedisConnection;
  /** Wrap the bus the relay publishes to (tests: a publisher that fails or loses answers). */
  publisher?: (bus: LocalEventBus) => EventPublisher;
  maxAttempts?: number;
  now?: () => number;
}

export function createBookingWorker(config: AppConfig, options: BookingWorkerOptions = {}): BookingWorker {
  const dynamo = createDynamoClient();
  const redis = options.redis ?? createRedisConnection(config.Redis);
  redis.on("error", () => undefined);
  const keyPrefix = `${config.App.name}:${config.App.stage}:`;
  const cache = new SearchCache({ redis, bus: createBusConnectionTemplate(config.Redis), keyPrefix });
  const entities = bookingEntitiesFor(config, dynamo);
  const deadLetters = deadLetterQueueAt(config.ReservationDeadLetterQueue.url);
  const processedEvents = processedEventStore(dynamo, entities, options.now);
  const booking = new BookingService({
    client: dynamo,
    entities,
    settings: bookingSettings(config.Booking),
    orderSuppliers: orderSuppliersFor(config),
    ...(options.now ? { now: options.now } : {}),
  });
  const bus = createLocalEventBus({
    cache,
    deadLetters,
    ...(config.ReservationBus.archive ? { archive: new FileEventArchive(fileURLToPath(config.ReservationBus.archive)) } : {}),
    analytics: { store: new AnalyticsStore(redis, keyPrefix), processedEvents },
    ...(config.AnalyticsForwarding.url ? { analyticsWebhook: { ...config.AnalyticsForwarding, url: config.AnalyticsForwarding.url } } : {}),
    reservations: { entities, processedEvents, email: emailSenderFor(config.Email) },
    supplierOrders: booking,
  });
  const relay = new OutboxRelay({
    entities,
    publisher: options.publisher?.(bus) ?? bus,
    deadLetters,
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();

  // One pass at a time per job: a slow pass delays the next instead of overlapping it.
  const every = (ms: number, name: string, pass: () => Promise<unknown>) => {
    let busy = false;
    timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        const run = pass()
          .catch((error: Error) => logger.error(`${name} failed`, { error: error.message }))
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
      }, ms),
    );
  };

  return {
    bus,
    relay,
    relayOnce: () => relay.sweep({ limit: 100 }),
    expireOnce: () => booking.expireDue({ limit: 100 }),
    start(intervals = {}) {
      every(intervals.relayMs ?? 250, "outbox relay", () => relay.sweep({ limit: 100 }));
      every(intervals.expiryMs ?? 5_000, "hold expiry", () => booking.expireDue({ limit: 100 }));
    },
    drain: () => bus.drain(),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
      await bus.drain();
      await cache.close();
      if (!options.redis) redis.disconnect();
      dynamo.destroy();
    },
  };
}
