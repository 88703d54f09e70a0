import { fromMinorUnits, toMinorUnits } from "../payments/port";
import { newId, type BookingContext } from "./context";
import { BookingRefused } from "./outcomes";
import { bookingPolicy } from "./policy";
import { updateItem } from "./transact";
import type { ReservationItem } from "./views";
import { reservationFactEvent, reservationPatch } from "./write-items";

/** How long a quote of our own stands (a supplier's may end sooner: its `expires_at`). */
const quoteValidMs = 15 * 60_000;

/** What cancelling would give back, until when, and what the supplier said. */
export interface CancellationQuoteView {
  quoteId: string;
  reservationId: string;
  /** What the traveller gets back, in `currency`. */
  refundAmount: string;
  currency: string;
  /** `original-payment`: back to the card paid with; `nothing-paid`: a hold, never charged. */
  refundTo: "original-payment" | "nothing-paid";
  expiresAt: string;
  /** For a booking that is the supplier's order: its own quote (our refund never exceeds it). */
  supplier?: { name: string; refundAmount: string; refundCurrency: string; refundTo: string };
}

/** The share of the price a confirmed booking gets back when cancelled at `nowMs` (the cancellation policy). */
export function refundShare(startsAtMs: number, nowMs: number): number {
  return nowMs < startsAtMs - bookingPolicy.fullRefundUntilHoursBefore * 3_600_000 ? 1 : bookingPolicy.lateCancellationRefundShare;
}

/** What started (departed, checked in, picked up) can no longer be cancelled. */
export function assertNotStarted(reservation: ReservationItem, nowMs: number): void {
  if (nowMs < Date.parse(reservation.startsAt)) return;
  const started = { flights: "flight departed", hotels: "stay began", cars: "rental began" }[reservation.vertical];
  throw new BookingRefused("too-late-to-cancel", `the ${started} at ${reservation.startsAt}`);
}

/**
 * Quote a cancellation as suppliers do, before it is confirmed: our policy's refund and, for a
 * booking that is the supplier's order, the supplier's own quote (Duffel's order cancellation),
 * the traveller getting the lesser. The quote is kept on the reservation; `cancel` with its id
 * confirms it. A new quote replaces the previous one.
 */
export async function quoteCancellation(context: BookingContext, userId: string, reservationId: string, traceId: string = newId("trace")): Promise<CancellationQuoteView> {
  const reservation = await context.owned(userId, reservationId);
  const nowMs = context.now();
  const status = context.statusOf(reservation);
  const quoteId = newId("cq");
  if (status === "HOLD") {
    return { quoteId, reservationId, refundAmount: fromMinorUnits(0, reservation.currency), currency: reservation.currency, refundTo: "nothing-paid", expiresAt: reservation.holdExpiresAt };
  }
  if (status !== "CONFIRMED") throw new BookingRefused("invalid-transition", `reservation ${reservationId} is ${status} and cannot be cancelled`, { reservationStatus: status });
  const startsAt = Date.parse(reservation.startsAt);
  assertNotStarted(reservation, nowMs);
  const paidMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
  let refundMinor = Math.floor(paidMinor * refundShare(startsAt, nowMs));
  let expiresAtMs = nowMs + quoteValidMs;
  let supplier: CancellationQuoteView["supplier"];
  let supplierQuoteId: string | undefined;
  const order = reservation.supplierOrder;
  if (order?.status === "PAID" && order.orderId) {
    const quote = await context.orderSupplier(reservation).quoteCancellation(order.orderId);
    supplierQuoteId = quote.quoteId;
    supplier = { name: order.supplier, refundAmount: quote.refundAmount, refundCurrency: quote.refundCurrency, refundTo: quote.refundTo };
    // Money comes back to us only as cash: credits or vouchers are not cash we can refund.
    const supplierCashMinor = quote.refundCurrency === reservation.currency && (quote.refundTo === "balance" || quote.refundTo === "card" || quote.refundTo === "arc_bsp_cash") ? toMinorUnits(quote.refundAmount, reservation.currency) : 0;
    refundMinor = Math.min(refundMinor, supplierCashMinor);
    expiresAtMs = Math.min(expiresAtMs, Date.parse(quote.expiresAt));
  }
  const expiresAt = new Date(expiresAtMs).toISOString();
  const refundAmount = Number(fromMinorUnits(refundMinor, reservation.currency));
  const nowIso = new Date(nowMs).toISOString();
  const view: CancellationQuoteView = { quoteId, reservationId, refundAmount: fromMinorUnits(refundMinor, reservation.currency), currency: reservation.currency, refundTo: "original-payment", expiresAt, ...(supplier ? { supplier } : {}) };
  await context.commitChange("CONFIRMED", [
    updateItem(
      "reservation",
      reservationPatch(context.entities, reservation)
        .set({ cancellationQuote: { quoteId, refundAmount, expiresAt, ...(supplierQuoteId ? { supplierQuoteId } : {}) }, updatedAt: nowIso })
        .where((a, op) => op.eq(a.status, "CONFIRMED"))
        .params(),
    ),
    reservationFactEvent(
      context.entities,
      "CancellationQuoted",
      { reservation, traceId, fields: { quoteId, refundAmount: view.refundAmount, currency: view.currency, expiresAt, ...(supplier ? { supplier: supplier.name } : {}) } },
      nowIso,
    ),
  ]);
  return view;
}

/**
 * The quote a cancel confirms: the one named, still standing. A booking that is the supplier's
 * order is cancelled only through a quote (the supplier's terms are not ours to guess).
 */
export function quoteToConfirm(context: BookingContext, reservation: ReservationItem, quoteId: string | undefined): NonNullable<ReservationItem["cancellationQuote"]> | undefined {
  const stored = reservation.cancellationQuote;
  if (!quoteId) {
    if (reservation.supplierOrder?.status === "PAID") {
      throw new BookingRefused("cancellation-quote-required", `ask POST /v1/reservations/${reservation.reservationId}/cancellation-quote first: ${reservation.supplierOrder.supplier} quotes what a cancellation gives back`);
    }
    return undefined;
  }
  if (!stored || stored.quoteId !== quoteId) throw new BookingRefused("cancellation-quote-expired", `quote ${quoteId} is not this reservation's current quote; ask for a new one`);
  if (Date.parse(stored.expiresAt) <= context.now()) throw new BookingRefused("cancellation-quote-expired", `quote ${quoteId} expired at ${stored.expiresAt}; ask for a new one`);
  return stored;
}
