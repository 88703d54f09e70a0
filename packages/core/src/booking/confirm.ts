import { fromMinorUnits, toMinorUnits } from "../payments/port";
import { newId, type BookingContext } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import { TransactionRejected, updateItem } from "./transact";
import { toReservationView, type OrderItem, type ReservationItem, type ReservationView } from "./views";
import { inventoryChange, newOrder, reservationEvent, reservationPatch } from "./write-items";
import { logger } from "../observability";
import { cancelAtSupplier } from "./supplier-saga";
import { assertSupplierReady, settleWithSupplier, type SettledSupplierOrder } from "./supplier-settlement";

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
    assertSupplierReady(reservation);
    const payments = context.need("payments");
    const amountMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
    const charge = await payments.charge({
      amountMinor,
      currency: reservation.currency,
      paymentMethod: request.paymentMethod,
      // Requests confirming the reservation as it is now share a charge; after a supplier failure
      // (refunded below) the reservation has changed, so the next confirm charges anew.
      idempotencyKey: `confirm:${reservationId}:${reservation.updatedAt}:${request.paymentMethod}`,
      description: `Reservation ${reservationId}`,
      metadata: { reservationId, userId },
    });
    if (charge.status === "declined") {
      throw new BookingRefused("payment-declined", `payment declined: ${charge.reason}`, { declineCode: charge.code, reservationStatus: "HOLD" });
    }

    let supplierOrder: SettledSupplierOrder | undefined;
    try {
      supplierOrder = await settleWithSupplier(context, reservation);
    } catch (error) {
      // The supplier did not take the order or its payment: the traveller gets the money back.
      const refund = await payments.refund({ paymentId: charge.paymentId, amountMinor, idempotencyKey: `refund-supplier-failed:${charge.paymentId}` });
      // Not the refunded payment again at the next confirm (the same charge key would answer it).
      await reservationPatch(context.entities, reservation).set({ updatedAt: new Date(context.now()).toISOString() }).go();
      const why = error instanceof Error ? error.message : String(error);
      throw new BookingRefused(
        "supplier-failed-refunded",
        `${reservation.supplierOrder?.supplier ?? "the supplier"} could not complete the booking (${why}); the payment of ${fromMinorUnits(amountMinor, reservation.currency)} ${reservation.currency} was refunded`,
        { reservationStatus: "HOLD", refundId: refund.refundId, refundedAmount: fromMinorUnits(refund.amountMinor, reservation.currency) },
      );
    }

    const nowIso = new Date(context.now()).toISOString();
    const orderId = newId("ord");
    const confirmed: ReservationItem = { ...reservation, status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, ...(supplierOrder ? { supplierOrder } : {}), updatedAt: nowIso };
    const view = toReservationView(confirmed, context.now());
    const order: OrderItem = {
      orderId,
      reservationId,
      eventId: reservation.eventId,
      userId,
      seatIds: reservation.seatIds,
      ...(reservation.onwardSeats ? { onwardSeats: reservation.onwardSeats } : {}),
      totalAmount: reservation.totalAmount,
      ...(reservation.seatsAmount ? { seatsAmount: reservation.seatsAmount } : {}),
      currency: reservation.currency,
      status: "CONFIRMED",
      paymentIntentId: charge.paymentId,
      itinerary: reservation.itinerary,
      ...(supplierOrder ? { supplierOrder } : {}),
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    const { entities } = context;
    try {
      await context.commitChange("CONFIRMED", [
        updateItem(
          "reservation",
          reservationPatch(entities, reservation)
            .set({ status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, ...(supplierOrder ? { supplierOrder } : {}), updatedAt: nowIso })
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
      // charged: give the money back and say so. The supplier's order it paid for is undone too,
      // unless another request confirmed the reservation with that very order.
      const currentItem = await context.owned(userId, reservationId);
      const current = context.statusOf(currentItem);
      // Another request confirmed it with this very payment (same card, same provider key): that
      // booking stands on it, so nothing is refunded or undone.
      if (current === "CONFIRMED" && currentItem.paymentIntentId === charge.paymentId) {
        throw new BookingRefused("invalid-transition", `reservation ${reservationId} was confirmed by another request with this payment`, { reservationStatus: current, orderId: currentItem.orderId });
      }
      if (supplierOrder?.orderId && current !== "CONFIRMED") {
        try {
          await cancelAtSupplier(context.orderSupplier(reservation), supplierOrder.orderId);
        } catch (cancelError) {
          logger.error("a supplier order paid for a hold that ended could not be cancelled", { reservationId, orderId: supplierOrder.orderId, error: String(cancelError) });
        }
      }
      const refund = await payments.refund({ paymentId: charge.paymentId, amountMinor, idempotencyKey: `refund-unconfirmed:${charge.paymentId}` });
      throw new BookingRefused(
        "hold-expired-refunded",
        `the reservation could not be confirmed (it is ${current}); the payment of ${fromMinorUnits(amountMinor, reservation.currency)} ${reservation.currency} was refunded`,
        { reservationStatus: current, refundId: refund.refundId, refundedAmount: fromMinorUnits(refund.amountMinor, reservation.currency) },
      );
    }
  });
}
