import { BookingService, bookingSettings } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { logger } from "@travel/core/observability";
import { instrumented } from "../telemetry";

let booking: BookingService | undefined;

/**
 * Cron (the reservation contract's expiry scheduler): holds past `hold_expires_at` → EXPIRED, their
 * seats or rooms released and a `Reservation Status Changed` event written, one transaction each.
 */
export const handler = instrumented(async (): Promise<void> => {
  if (!booking) {
    const links = readLinks(["ReservationsTable", "OutboxTable", "CatalogTable", "Booking"]);
    const client = createDynamoClient();
    const entities = createBookingEntities(client, {
      reservations: links.ReservationsTable.name,
      outbox: links.OutboxTable.name,
      catalog: links.CatalogTable.name,
    });
    booking = new BookingService({ client, entities, settings: bookingSettings(links.Booking) });
  }
  let total = 0;
  // Up to five pages a run; the next run picks up the rest.
  for (let page = 0; page < 5; page++) {
    const { expired } = await booking.expireDue({ limit: 100 });
    total += expired;
    if (expired < 100) break;
  }
  logger.info("holds expired", { expired: total });
});
