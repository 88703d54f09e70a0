import type { EventBridgeEvent } from "aws-lambda";
import { readReservation, type BookingEntities } from "@travel/core/booking";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { bookingEmail, supplierRefusalEmail, type EmailSender } from "@travel/core/notifications";
import { logger } from "@travel/core/observability";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/**
 * CONFIRMED, or CANCELLED after being confirmed → the booking email, with the itinerary read from
 * the reservation. A released hold (never paid) sends nothing, unless the supplier refused to hold
 * it: then the traveller learns why (`Supplier Order Failed`).
 */
export function sendBookingEmails(entities: BookingEntities, email: EmailSender, now: () => number = Date.now) {
  return async (event: BusEvent): Promise<void> => {
    if (event["detail-type"] === eventCatalog.SupplierOrderFailed.detailType) {
      const failed = eventCatalog.SupplierOrderFailed.detail.parse(event.detail);
      const reservation = await readReservation(entities, failed.reservationId, now());
      if (!reservation) throw new Error(`reservation ${failed.reservationId} not found`);
      await email.send(supplierRefusalEmail(reservation, failed.eventId));
      logger.info("supplier refusal email sent", { eventId: failed.eventId, reservationId: failed.reservationId });
      return;
    }
    if (event["detail-type"] !== eventCatalog.ReservationStatusChanged.detailType) return;
    const detail = eventCatalog.ReservationStatusChanged.detail.parse(event.detail);
    const paidCancellation = detail.status === "CANCELLED" && detail.previousStatus === "CONFIRMED";
    if (detail.status !== "CONFIRMED" && !paidCancellation) return;
    const reservation = await readReservation(entities, detail.reservation.reservationId, now());
    if (!reservation) throw new Error(`reservation ${detail.reservation.reservationId} not found`);
    // The email describes the change this event announced, whatever happened since.
    const message = bookingEmail({ ...reservation, status: detail.status, ...(detail.reservation.refundedAmount ? { refundedAmount: detail.reservation.refundedAmount } : {}) }, detail.eventId);
    if (!message) return;
    await email.send(message);
    logger.info("booking email sent", { eventId: detail.eventId, reservationId: reservation.reservationId, status: detail.status });
  };
}

let ready: ((event: BusEvent) => Promise<void>) | undefined;

export const handler = instrumented(async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  ready ??= (() => {
    const parts = subscriberParts();
    return parts.deduped("BookingNotifications", sendBookingEmails(parts.entities(), parts.email()));
  })();
  await ready(event as unknown as BusEvent);
});
