import { fromMinorUnits, toMinorUnits } from "../payments/port";
import { newId, type BookingContext } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import { TransactionRejected, updateItem } from "./transact";
import { toReservationView, type OrderItem, type ReservationItem, type ReservationView } from "./views";
import { inventoryChange, newOrder, reservationEvent, reservationPatch } from "./write-items";

export interface ConfirmRequest {
  userId: string;
  reservationId: string;
  paymentMethod: string;
  traceId: string;
}

/**
 * Take payment, then HOLD → CONFIRMED in one transaction with the order, the seats or rooms sold
 * and the `Reservation Status Changed` outbox row. A hold that ends while the card is charged is
 * compensated: the payment is refunded and the refusal says so.
 */
export function confirmReservation(context: BookingContext, request: ConfirmRequest, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
  return context.underLease(lease, request.traceId, async () => {
    const { userId, reservationId, traceId } = request;
    const reservation = await context.owned(userId, reservationId);
    context.assertActiveHold(reservation, "confirm");
    const payments = context.need("payments");
    const amountMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
    const charge = await payments.charge({
      amountMinor,
      currency: reservation.currency,
      paymentMethod: request.paymentMethod,
      idempotencyKey: `confirm:${reservationId}:${request.paymentMethod}`,
      description: `Reservation ${reservationId}`,
      metadata: { reservationId, userId },
    });
    if (charge.status === "declined") {
      throw new BookingRefused("payment-declined", `payment declined: ${charge.reason}`, { declineCode: charge.code, reservationStatus: "HOLD" });
    }

    const nowIso = new Date(context.now()).toISOString();
    const orderId = newId("ord");
    const confirmed: ReservationItem = { ...reservation, status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, updatedAt: nowIso };
    const view = toReservationView(confirmed, context.now());
    const order: OrderItem = {
      orderId,
      reservationId,
      eventId: reservation.eventId,
      userId,
      seatIds: reservation.seatIds,
      totalAmount: reservation.totalAmount,
      currency: reservation.currency,
      status: "CONFIRMED",
      paymentIntentId: charge.paymentId,
      itinerary: reservation.itinerary,
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    const { entities } = context;
    try {
      await context.commitChange("CONFIRMED", [
        updateItem(
          "reservation",
          reservationPatch(entities, reservation)
            .set({ status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, updatedAt: nowIso })
            .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.gt(a.holdExpiresAt, nowIso)}`)
            .params(),
        ),
        ...inventoryChange(entities, reservation, "sell", nowIso),
        newOrder(entities, order),
        reservationEvent(entities, { name: "ReservationStatusChanged", reservation: confirmed, status: "CONFIRMED", previousStatus: "HOLD", traceId }, nowIso),
        context.need("idempotency").completion(lease, { outcome: { ok: view }, traceId }),
      ]);
      return view;
    } catch (error) {
      // A collision with a transaction in flight wrote nothing: the retry (same key) is charged
      // with the same payment idempotency key, so it is not charged twice.
      if (!(error instanceof TransactionRejected) || error.conflicted || error.failedLabels.includes("idempotency")) throw error;
      // The hold expired, or was cancelled or confirmed by another request, while the card was
      // charged: give the money back and say so.
      const refund = await payments.refund({ paymentId: charge.paymentId, amountMinor, idempotencyKey: `refund-unconfirmed:${charge.paymentId}` });
      const current = context.statusOf(await context.owned(userId, reservationId));
      throw new BookingRefused(
        "hold-expired-refunded",
        `the reservation could not be confirmed (it is ${current}); the payment of ${fromMinorUnits(amountMinor, reservation.currency)} ${reservation.currency} was refunded`,
        { reservationStatus: current, refundId: refund.refundId, refundedAmount: fromMinorUnits(refund.amountMinor, reservation.currency) },
      );
    }
  });
}
