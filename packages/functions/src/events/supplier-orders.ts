import type { EventBridgeEvent } from "aws-lambda";
import { BookingService, bookingSettings } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { readLinks } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { logger } from "@travel/core/observability";
import { orderSuppliersFor } from "../order-suppliers";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/** What the saga needs of booking (core/booking/supplier-saga.ts). */
export type SupplierOrderSaga = Pick<BookingService, "placeSupplierHold" | "releaseSupplierHold">;

/**
 * The supplier's half of a hold, on the reservation bus: a hold just made → hold the order at the
 * supplier (or release our seats if it refuses); a hold that ended unpaid (cancelled, expired) →
 * give the supplier's hold back. Reservations without a supplier order are left alone. A failure
 * that may pass is thrown, so the bus delivers the event again (then its dead-letter queue).
 */
export function runSupplierOrderSaga(saga: SupplierOrderSaga) {
  return async (event: BusEvent): Promise<void> => {
    if (event["detail-type"] === eventCatalog.ReservationCreated.detailType) {
      const detail = eventCatalog.ReservationCreated.detail.parse(event.detail);
      const outcome = await saga.placeSupplierHold(detail.reservation.reservationId, detail.traceId);
      if (outcome !== "not-pending") logger.info("supplier hold", { reservationId: detail.reservation.reservationId, outcome });
      return;
    }
    const detail = eventCatalog.ReservationStatusChanged.detail.parse(event.detail);
    if (detail.previousStatus !== "HOLD" || (detail.status !== "CANCELLED" && detail.status !== "EXPIRED")) return;
    const outcome = await saga.releaseSupplierHold(detail.reservation.reservationId);
    if (outcome === "released") logger.info("supplier hold released", { reservationId: detail.reservation.reservationId, status: detail.status });
  };
}

let ready: ((event: BusEvent) => Promise<void>) | undefined;

export const handler = instrumented(async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  ready ??= (() => {
    const parts = subscriberParts();
    const links = readLinks(["ReservationsTable", "OutboxTable", "CatalogTable", "IdempotencyTable", "Booking", "DuffelApi", "CarSupplierApi"]);
    const dynamo = createDynamoClient();
    const entities = createBookingEntities(dynamo, {
      reservations: links.ReservationsTable.name,
      outbox: links.OutboxTable.name,
      catalog: links.CatalogTable.name,
      idempotency: links.IdempotencyTable.name,
    });
    const booking = new BookingService({ client: dynamo, entities, settings: bookingSettings(links.Booking), orderSuppliers: orderSuppliersFor(links) });
    return parts.deduped("SupplierOrders", runSupplierOrderSaga(booking));
  })();
  await ready(event as unknown as BusEvent);
});
