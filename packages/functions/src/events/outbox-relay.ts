import type { DynamoDBStreamEvent } from "aws-lambda";
import { OutboxRelay } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { deadLetterQueueAt, EventBridgePublisher } from "@travel/core/events";
import { instrumented } from "../telemetry";

let relay: OutboxRelay | undefined;

/** The relay as a Lambda builds it from its links: outbox table → the reservation bus or the platform bus (reviews), DLQ. */
export function relayFromLinks(): OutboxRelay {
  if (relay) return relay;
  const { OutboxTable, ReservationBus, Bus, ReservationDeadLetterQueue } = readLinks(["OutboxTable", "ReservationBus", "Bus", "ReservationDeadLetterQueue"]);
  const entities = createBookingEntities(createDynamoClient(), { outbox: OutboxTable.name });
  relay = new OutboxRelay({
    entities,
    publisher: new EventBridgePublisher({ reservations: ReservationBus.name, platform: Bus.name }),
    deadLetters: deadLetterQueueAt(ReservationDeadLetterQueue.url),
  });
  return relay;
}

/**
 * The outbox table's stream → PutEvents. Publish failures are recorded on the rows (and retried by
 * the sweep job); an error here (DynamoDB unreachable) fails the batch so the stream redelivers it.
 */
export const handler = instrumented(async (event: DynamoDBStreamEvent): Promise<void> => {
  const relay = relayFromLinks();
  await relay.relay(await relay.rowsFromStream(event.Records as never));
});
