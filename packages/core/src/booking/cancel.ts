import { fromMinorUnits, toMinorUnits } from "../payments/port";
import type { BookingContext } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import { assertNotStarted, quoteToConfirm, refundShare } from "./cancellation-quote";
import { updateItem } from "./transact";
import { toReservationView, type ReservationItem, type ReservationView } from "./views";
import { inventoryChange, reservationEvent, reservationPatch } from "./write-items";

export interface CancelRequest {
  userId: string;
  reservationId: string;
  /** The cancellation quote to confirm (required for bookings that are a supplier's order). */
  quoteId?: string;
  traceId: string;
}

/** Release a hold, or cancel a confirmed booking with the refund the policy allows. */
export function cancelReservation(context: BookingContext, request: CancelRequest, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
  return context.underLease(lease, request.traceId, async () => {
    const reservation = await context.owned(request.userId, request.reservationId);
    return reservation.status === "HOLD" ? releaseHold(context, reservation, request, lease) : cancelConfirmed(context, reservation, request, lease);
  });
}

async function releaseHold(context: BookingContext, reservation: ReservationItem, request: CancelRequest, lease: IdempotencyLease): Promise<ReservationView> {
  context.assertActiveHold(reservation, "cancel");
  const nowIso = new Date(context.now()).toISOString();
  const cancelled: ReservationItem = { ...reservation, status: "CANCELLED", updatedAt: nowIso };
  const view = toReservationView(cancelled, context.now());
  const { entities } = context;
  await context
    .commitChange("CANCELLED", [
      updateItem("reservation", reservationPatch(entities, reservation).set({ status: "CANCELLED", updatedAt: nowIso }).where((a, op) => op.eq(a.status, "HOLD")).params()),
      ...inventoryChange(entities, reservation, "release", nowIso),
      reservationEvent(entities, { name: "ReservationStatusChanged", reservation: cancelled, status: "CANCELLED", previousStatus: "HOLD", traceId: request.traceId }, nowIso),
      context.need("idempotency").completion(lease, { outcome: { ok: view }, traceId: request.traceId }),
    ])
    .catch((error) => context.explainRejection(error, request.userId, request.reservationId));
  return view;
}

async function cancelConfirmed(context: BookingContext, reservation: ReservationItem, request: CancelRequest, lease: IdempotencyLease): Promise<ReservationView> {
  const { reservationId } = request;
  if (reservation.status !== "CONFIRMED" || !reservation.paymentIntentId || !reservation.orderId) {
    throw new BookingRefused("invalid-transition", `reservation ${reservationId} is ${reservation.status} and cannot be cancelled`, { reservationStatus: reservation.status });
  }
  const nowMs = context.now();
  const nowIso = new Date(nowMs).toISOString();
  const startsAt = Date.parse(reservation.startsAt);
  assertNotStarted(reservation, nowMs);
  const quote = quoteToConfirm(context, reservation, request.quoteId);
  const paidMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
  // The supplier's cancellation first: confirming the same quote again is a no-op there.
  const order = reservation.supplierOrder;
  const supplierOrder = order?.status === "PAID" && order.orderId && quote?.supplierQuoteId ? { ...order, status: "CANCELLED" as const } : undefined;
  if (supplierOrder && quote?.supplierQuoteId) {
    await context.orderSupplier(reservation).confirmCancellation(quote.supplierQuoteId);
  }
  const refundMinor = quote ? toMinorUnits(String(quote.refundAmount), reservation.currency) : Math.floor(paidMinor * refundShare(startsAt, nowMs));
  // Same key on every retry: a cancellation never refunds twice. Nothing owed (a non-refundable
  // fare, say) is no refund at all: providers refuse a refund of 0.
  const refund = refundMinor > 0 ? await context.need("payments").refund({ paymentId: reservation.paymentIntentId, amountMinor: refundMinor, idempotencyKey: `cancel:${reservationId}` }) : { amountMinor: 0 };
  const refundedAmount = Number(fromMinorUnits(refund.amountMinor, reservation.currency));
  const cancelled: ReservationItem = { ...reservation, status: "CANCELLED", refundedAmount, ...(supplierOrder ? { supplierOrder } : {}), updatedAt: nowIso };
  const view = toReservationView(cancelled, context.now());
  const { entities } = context;
  await context
    .commitChange("CANCELLED", [
      updateItem(
        "reservation",
        reservationPatch(entities, reservation)
          .set({ status: "CANCELLED", refundedAmount, ...(supplierOrder ? { supplierOrder } : {}), updatedAt: nowIso })
          .where((a, op) => op.eq(a.status, "CONFIRMED"))
          .params(),
      ),
      updateItem(
        "order",
        entities.Order.patch({ orderId: reservation.orderId, reservationId })
          .set({ status: "CANCELLED", refundedAmount, ...(supplierOrder ? { supplierOrder } : {}), updatedAt: nowIso })
          .where((a, op) => op.eq(a.status, "CONFIRMED"))
          .params(),
      ),
      ...inventoryChange(entities, reservation, "unsell", nowIso),
      reservationEvent(entities, { name: "ReservationStatusChanged", reservation: cancelled, status: "CANCELLED", previousStatus: "CONFIRMED", traceId: request.traceId }, nowIso),
      context.need("idempotency").completion(lease, { outcome: { ok: view }, traceId: request.traceId }),
    ])
    .catch((error) => context.explainRejection(error, request.userId, reservationId));
  return view;
}
