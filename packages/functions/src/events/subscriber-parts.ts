import { IdempotencyStore, type BookingEntities } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { createBusConnectionTemplate, createRedisConnection, SearchCache, type RedisConnection } from "@travel/core/cache";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { BusHandler } from "@travel/core/events";
import { emailSenderFor, type EmailSender } from "@travel/core/notifications";
import { dedupedByEventId } from "./dedupe";

/** Processed-event markers outlive EventBridge's 24-hour retry window. */
export const processedEventTtlSeconds = 2 * 86_400;

/** Where subscribers mark the event ids they handled (the idempotency table). */
export function processedEventStore(dynamo: DynamoDBDocumentClient, entities: BookingEntities, now?: () => number): IdempotencyStore {
  return new IdempotencyStore(dynamo, entities, { ttlSeconds: processedEventTtlSeconds, leaseSeconds: 60 }, now);
}

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
    entities: () => (entities ??= createBookingEntities(dynamo, { idempotency: readLinks(["IdempotencyTable"]).IdempotencyTable.name, ...linkedReservations() })),
    email: (): EmailSender => emailSenderFor(readLinks(["Email"]).Email),
    deduped: (name: string, handle: BusHandler): BusHandler =>
      dedupedByEventId(name, processedEventStore(dynamo, parts.entities()), handle),
  };
  return parts;
}

/** The reservations table, for the subscribers linked to it (the email reads reservations). */
function linkedReservations(): { reservations?: string } {
  try {
    return { reservations: readLinks(["ReservationsTable"]).ReservationsTable.name };
  } catch {
    return {};
  }
}
