import { createBookingEntities, IdempotencyStore, type BookingEntities } from "@travel/core/booking";
import { createBusConnectionTemplate, createRedisConnection, SearchCache, type RedisConnection } from "@travel/core/cache";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import type { BusHandler } from "@travel/core/events";
import { emailSenderFor, type EmailSender } from "@travel/core/notifications";
import { dedupedByEventId } from "./dedupe";

/** Processed-event markers outlive EventBridge's 24-hour retry window. */
export const processedEventTtlSeconds = 2 * 86_400;
const notLinked = "(not linked to this function)";

/**
 * What a subscriber Lambda builds from its own links (each subscription in core/events declares
 * the few it gets), lazily and once per container.
 */
export function subscriberParts() {
  const { App } = readLinks(["App"]);
  const dynamo = createDynamoClient();
  let redis: RedisConnection | undefined;
  let entities: BookingEntities | undefined;
  const parts = {
    keyPrefix: `${App.name}:${App.stage}:`,
    redis: () => (redis ??= createRedisConnection(readLinks(["Redis"]).Redis)),
    cache: () => {
      const { Redis } = readLinks(["Redis"]);
      return new SearchCache({ redis: parts.redis(), bus: createBusConnectionTemplate(Redis), keyPrefix: parts.keyPrefix });
    },
    entities: () => (entities ??= subscriberEntities(dynamo, readLinks(["IdempotencyTable"]).IdempotencyTable.name, tryLink("ReservationsTable"))),
    email: (): EmailSender => emailSenderFor(readLinks(["Email"]).Email),
    deduped: (name: string, handle: BusHandler): BusHandler =>
      dedupedByEventId(name, new IdempotencyStore(dynamo, parts.entities(), { ttlSeconds: processedEventTtlSeconds, leaseSeconds: 60 }), handle),
  };
  return parts;
}

function tryLink(name: "ReservationsTable"): string {
  try {
    return readLinks([name])[name].name;
  } catch {
    return notLinked;
  }
}

export function subscriberEntities(dynamo: ReturnType<typeof createDynamoClient>, idempotencyTable: string, reservationsTable: string): BookingEntities {
  return createBookingEntities(dynamo, { idempotency: idempotencyTable, reservations: reservationsTable, orders: notLinked, outbox: notLinked, catalog: notLinked });
}
