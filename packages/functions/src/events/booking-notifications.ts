import type { EventBridgeEvent } from "aws-lambda";
import { readReservation, type BookingEntities, type ReservationView } from "@travel/core/booking";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { airlineChangeEmail, bookingEmail, cancellationQuoteEmail, supplierRefusalEmail, type EmailMessage, type EmailSender } from "@travel/core/notifications";
import { logger } from "@travel/core/observability";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/**
 * CONFIRMED, or CANCELLED after being confirmed → the booking email, with the itinerary read from
 * the reservation. A released hold (never paid) sends nothing, unless the supplier refused to hold
 * it: then the traveller learns why (`Supplier Order Failed`). An airline's change to the booked
 * flights (`Airline Change Detected`) is told too, with what the traveller may do about it, and
 * a cancellation quote (`Cancellation Quoted`) is sent in writing.
 */
export function sendBookingEmails(entities: BookingEntities, email: EmailSender, now: () => number = Date.now) {
  /** An email about a reservation, composed from it as stored now. */
  const emailAbout = async (reservationId: string, eventId: string, compose: (reservation: ReservationView, eventId: string) => EmailMessage | undefined, what: string) => {
    const reservation = await readReservation(entities, reservationId, now());
    if (!reservation) throw new Error(`reservation ${reservationId} not found`);
    const message = compose(reservation, eventId);
    if (!message) return;
    await email.send(message);
    logger.info(`${what} email sent`, { eventId, reservationId });
  };
  return async (event: BusEvent): Promise<void> => {
    if (event["detail-type"] === eventCatalog.SupplierOrderFailed.detailType) {
      const failed = eventCatalog.SupplierOrderFailed.detail.parse(event.detail);
      return emailAbout(failed.reservationId, failed.eventId, supplierRefusalEmail, "supplier refusal");
    }
    if (event["detail-type"] === eventCatalog.AirlineChangeDetected.detailType) {
      const detected = eventCatalog.AirlineChangeDetected.detail.parse(event.detail);
      return emailAbout(detected.reservationId, detected.eventId, airlineChangeEmail, "airline change");
    }
    if (event["detail-type"] === eventCatalog.CancellationQuoted.detailType) {
      const quoted = eventCatalog.CancellationQuoted.detail.parse(event.detail);
      return emailAbout(quoted.reservationId, quoted.eventId, (reservation) => cancellationQuoteEmail(reservation, quoted), "cancellation quote");
    }
    if (event["detail-type"] !== eventCatalog.ReservationStatusChanged.detailType) return;
    const detail = eventCatalog.ReservationStatusChanged.detail.parse(event.detail);
    const paidCancellation = detail.status === "CANCELLED" && detail.previousStatus === "CONFIRMED";
    if (detail.status !== "CONFIRMED" && !paidCancellation) return;
    // The email describes the change this event announced, whatever happened since.
    const refunded = detail.reservation.refundedAmount ? { refundedAmount: detail.reservation.refundedAmount } : {};
    return emailAbout(detail.reservation.reservationId, detail.eventId, (reservation, eventId) => bookingEmail({ ...reservation, status: detail.status, ...refunded }, eventId), `booking ${detail.status.toLowerCase()}`);
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
