import { logger } from "../observability";
import { SupplierError } from "../search/suppliers";
import type { BookingContext } from "./context";
import type { BookingEntities } from "./entities";
import { seatsPerFlight } from "./inventory";
import type { SupplierOrderStatus } from "./statuses";
import type { OrderSupplier, SupplierOrder, SupplierOrderRequest } from "./supplier-orders";
import { TransactionRejected, updateItem, type LabelledItem } from "./transact";
import type { ReservationItem } from "./views";
import { inventoryChange, reservationEvent, reservationFactEvent, reservationPatch } from "./write-items";

/**
 * The supplier's half of a hold, run after the hold's own transaction (which took our seats and
 * left the supplier order PENDING) by the subscriber of `Reservation Created`: a saga on the outbox.
 *
 * - Safe to run again: a reservation whose supplier order is no longer PENDING is left alone, and
 *   before ordering it looks for an order already made for this reservation (an earlier attempt
 *   whose answer was lost), so a retry never makes a second one.
 * - A refusal (the offer is gone, a detail is rejected) cancels the hold here: the seats go back
 *   and the reservation says why. A failure that may pass (timeout, 5xx, 429) is thrown, so the
 *   bus delivers the event again.
 * - An order made for a hold that ended meanwhile is cancelled at the supplier: there is never a
 *   supplier order this platform does not know about.
 */
export type SagaOutcome = "held" | "refused" | "not-pending" | "orphan-cancelled";

/** How far back `findOrder` looks for an earlier attempt's order, before the reservation was made. */
const findOrderSlackMs = 5 * 60_000;

/** The order an earlier attempt made for this reservation, if any (what makes ordering safe to retry). */
export function earlierOrder(supplier: OrderSupplier, reservation: ReservationItem): Promise<SupplierOrder | undefined> {
  return supplier.findOrder(reservation.reservationId, {
    familyName: reservation.travelers[0]!.lastName,
    createdAfter: new Date(Date.parse(reservation.createdAt) - findOrderSlackMs).toISOString(),
  });
}

/** The supplier order a reservation asks for, in the travellers' names. */
export function orderRequestOf(reservation: ReservationItem, type: "hold" | "instant", payment?: { amount: string; currency: string }): SupplierOrderRequest {
  const flights = seatsPerFlight(reservation);
  const seats = (reservation.supplierOrder!.seatSegments ?? []).map((segment) => ({ segment, seatIds: flights[segment]?.seatIds ?? [] }));
  return {
    reservationId: reservation.reservationId,
    supplierOfferId: reservation.supplierOrder!.supplierOfferId,
    type,
    travellers: reservation.travelers,
    contactEmail: reservation.contactEmail,
    ...(reservation.contactPhone ? { contactPhone: reservation.contactPhone } : {}),
    ...(payment ? { payment } : {}),
    ...(type === "instant" && seats.length > 0 ? { seats } : {}),
  };
}

export async function placeSupplierHold(context: BookingContext, reservationId: string, traceId: string): Promise<SagaOutcome> {
  const reservation = await context.byId(reservationId);
  const pending = reservation?.supplierOrder;
  if (!reservation || pending?.status !== "PENDING" || pending.type !== "hold") return "not-pending";
  const supplier = context.orderSupplier(reservation);
  let order: SupplierOrder;
  try {
    order = (await earlierOrder(supplier, reservation)) ?? (await supplier.createOrder(orderRequestOf(reservation, "hold")));
  } catch (error) {
    if (error instanceof SupplierError && error.retryable) throw error;
    const why = error instanceof Error ? error.message : String(error);
    logger.warn("supplier refused a hold order; releasing the hold", { reservationId, supplier: supplier.name, error: why });
    await refuseHold(context, reservation, supplier.name, why, traceId);
    return "refused";
  }
  const nowIso = new Date(context.now()).toISOString();
  // A hold never outlives the supplier's: it ends when the supplier wants paying, if sooner.
  const holdExpiresAt = order.paymentRequiredBy && order.paymentRequiredBy < reservation.holdExpiresAt ? order.paymentRequiredBy : reservation.holdExpiresAt;
  const placed = { ...pending, status: "HELD" as const, orderId: order.orderId, bookingReference: order.bookingReference, ...(order.paymentRequiredBy ? { paymentRequiredBy: order.paymentRequiredBy } : {}) };
  try {
    await context.commitChange("HOLD", [
      updateItem(
        "reservation",
        reservationPatch(context.entities, reservation)
          .set({ supplierOrder: placed, holdExpiresAt, updatedAt: nowIso })
          .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.eq(a.supplierOrder.status, "PENDING")}`)
          .params(),
      ),
      supplierOrderEvent(context.entities, "SupplierOrderPlaced", { reservation, traceId, supplier: supplier.name, status: "HELD", order }, nowIso),
    ]);
    return "held";
  } catch (error) {
    if (!(error instanceof TransactionRejected) || error.conflicted) throw error;
    // Recorded meanwhile by another run (a redelivered event, the supplier's order.created webhook): the same order, kept.
    const current = await context.byId(reservationId);
    if (current?.status === "HOLD" && current.supplierOrder?.status === "HELD" && current.supplierOrder.orderId === order.orderId) return "held";
    // The hold ended (cancelled, expired) while the supplier was asked: undo the order there.
    await cancelAtSupplier(supplier, order.orderId);
    await markSupplierOrder(context, reservation, { ...placed, status: "CANCELLED" }, "PENDING", nowIso).catch(() => undefined);
    return "orphan-cancelled";
  }
}

/**
 * A hold that ended here (cancelled by the traveller, expired) gives its supplier hold back:
 * Duffel cancels an unpaid hold order through the same quote-and-confirm as a paid one, refunding 0.
 */
export async function releaseSupplierHold(context: BookingContext, reservationId: string): Promise<"released" | "nothing-held"> {
  const reservation = await context.byId(reservationId);
  const held = reservation?.supplierOrder;
  if (!reservation || reservation.status === "HOLD" || reservation.status === "CONFIRMED" || held?.status !== "HELD" || !held.orderId) return "nothing-held";
  await cancelAtSupplier(context.orderSupplier(reservation), held.orderId);
  await markSupplierOrder(context, reservation, { ...held, status: "CANCELLED" }, "HELD", new Date(context.now()).toISOString()).catch((error: unknown) => {
    if (!(error instanceof TransactionRejected)) throw error;
  });
  return "released";
}

/** Cancel an order at the supplier (quote, then confirm), unless it is cancelled already. */
export async function cancelAtSupplier(supplier: OrderSupplier, orderId: string): Promise<void> {
  const order = await supplier.getOrder(orderId);
  if (order.cancelledAt) return;
  const quote = await supplier.quoteCancellation(orderId);
  await supplier.confirmCancellation(quote.quoteId);
}

/** The compensation: HOLD → CANCELLED, our seats back, the supplier's refusal on the reservation. */
export async function refuseHold(context: BookingContext, reservation: ReservationItem, supplierName: string, failure: string, traceId: string): Promise<void> {
  const nowIso = new Date(context.now()).toISOString();
  const supplierOrder = { ...reservation.supplierOrder!, status: "FAILED" as const, failure: failure.slice(0, 500) };
  const cancelled: ReservationItem = { ...reservation, status: "CANCELLED", supplierOrder, updatedAt: nowIso };
  const { entities } = context;
  try {
    await context.commitChange("CANCELLED", [
      updateItem(
        "reservation",
        reservationPatch(entities, reservation)
          .set({ status: "CANCELLED", supplierOrder, updatedAt: nowIso })
          .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.eq(a.supplierOrder.status, "PENDING")}`)
          .params(),
      ),
      ...inventoryChange(entities, reservation, "release", nowIso),
      reservationEvent(entities, { name: "ReservationStatusChanged", reservation: cancelled, status: "CANCELLED", previousStatus: "HOLD", traceId }, nowIso),
      supplierOrderEvent(entities, "SupplierOrderFailed", { reservation, traceId, supplier: supplierName, status: "FAILED", failure: supplierOrder.failure }, nowIso),
    ]);
  } catch (error) {
    if (!(error instanceof TransactionRejected) || error.conflicted) throw error;
    // Cancelled or expired meanwhile: its seats went back with that change; the order still says what the supplier did.
    await markSupplierOrder(context, reservation, supplierOrder, "PENDING", nowIso).catch((markError: unknown) => {
      if (!(markError instanceof TransactionRejected)) throw markError;
    });
  }
}

export async function markSupplierOrder(context: BookingContext, reservation: ReservationItem, supplierOrder: NonNullable<ReservationItem["supplierOrder"]>, from: SupplierOrderStatus, nowIso: string): Promise<void> {
  await context.commitChange(reservation.status, [
    updateItem(
      "reservation",
      reservationPatch(context.entities, reservation)
        .set({ supplierOrder, updatedAt: nowIso })
        .where((a, op) => op.eq(a.supplierOrder.status, from))
        .params(),
    ),
  ]);
}

/** The outbox row of a supplier-order fact, in the transaction that records it. */
export function supplierOrderEvent(
  entities: BookingEntities,
  name: "SupplierOrderPlaced" | "SupplierOrderFailed",
  change: { reservation: ReservationItem; traceId: string; supplier: string; status: SupplierOrderStatus; order?: SupplierOrder; failure?: string },
  nowIso: string,
): LabelledItem {
  const { reservation, order } = change;
  return reservationFactEvent(
    entities,
    name,
    {
      reservation,
      traceId: change.traceId,
      fields: {
        supplier: change.supplier,
        type: reservation.supplierOrder?.type ?? "hold",
        ...(order ? { orderId: order.orderId, bookingReference: order.bookingReference } : {}),
        ...(order?.paymentRequiredBy ? { paymentRequiredBy: order.paymentRequiredBy } : {}),
        ...(change.failure ? { failure: change.failure } : {}),
      },
    },
    nowIso,
  );
}
