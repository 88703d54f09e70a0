import type { EventBridgeEvent } from "aws-lambda";
import { readReservation, type BookingEntities } from "@travel/core/booking";
import { eventCatalog, type BusEvent } from "@travel/core/events";
import { bookingEmail, type EmailSender } from "@travel/core/notifications";
import { logger } from "@travel/core/observability";
import { subscriberParts } from "./subscriber-parts";
import { instrumented } from "../telemetry";

/**
 * CONFIRMED, or CANCELLED after being confirmed → the booking email, with the itinerary read from
 * the reservation. A released hold (never paid) sends nothing.
 */
export function sendBookingEmails(entities: BookingEntities, email: EmailSender, now: () => number = Date.now) {
  return async (event: BusEvent): Promise<void> => {
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
