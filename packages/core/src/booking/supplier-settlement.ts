import { SupplierError } from "../search/suppliers";
import type { BookingContext } from "./context";
import { BookingRefused } from "./outcomes";
import type { SupplierOrder } from "./supplier-orders";
import { earlierOrder, orderRequestOf } from "./supplier-saga";
import { amountText, type ReservationItem } from "./views";

export type SettledSupplierOrder = NonNullable<ReservationItem["supplierOrder"]>;

/** Before charging: a reservation whose supplier hold is still being placed cannot be confirmed yet. */
export function assertSupplierReady(reservation: ReservationItem): void {
  const order = reservation.supplierOrder;
  if (order?.type === "hold" && order.status === "PENDING") {
    throw new BookingRefused("supplier-pending", `${order.supplier} has not confirmed the hold yet; try again in a few seconds`, { retryAfterSeconds: 2 });
  }
  if (order && order.status !== "PENDING" && order.status !== "HELD") {
    throw new BookingRefused("supplier-refused", `${order.supplier} holds nothing for this reservation (${order.status.toLowerCase()}${order.failure ? `: ${order.failure}` : ""})`, { supplierStatus: order.status });
  }
}

/**
 * After the traveller was charged: pay the supplier's held order, or create the instant order
 * paid from our balance. Safe to run again (a confirm retried after a lost answer): a paid order is
 * not paid twice, an instant order already made for this reservation is found, not made again.
 * A timeout is not taken as a refusal: the supplier may have acted, so the order is read back.
 * Throws SupplierError when the supplier did not take the money (the caller refunds).
 */
export async function settleWithSupplier(context: BookingContext, reservation: ReservationItem): Promise<SettledSupplierOrder | undefined> {
  const pending = reservation.supplierOrder;
  if (!pending) return undefined;
  const supplier = context.orderSupplier(reservation);
  const expected = { amount: amountText(reservation.totalAmount, reservation.currency), currency: reservation.currency };
  let order: SupplierOrder;
  if (pending.type === "hold") {
    const orderId = pending.orderId!;
    const current = await supplier.getOrder(orderId);
    order = current.awaitingPayment ? await orAfterTimeout(supplier.payOrder(orderId, expected), () => supplier.getOrder(orderId)) : current;
    if (order.awaitingPayment) throw new SupplierError(`${supplier.name} did not take the payment for order ${orderId}`, supplier.name, undefined, false);
  } else {
    const find = () => earlierOrder(supplier, reservation);
    const create = () => supplier.createOrder(orderRequestOf(reservation, "instant", expected));
    order =
      (await find()) ??
      (await orAfterTimeout(create(), async () => (await find()) ?? Promise.reject(new SupplierError(`${supplier.name} made no order in time`, supplier.name, undefined, true, { timedOut: true }))));
  }
  return {
    ...pending,
    status: "PAID",
    orderId: order.orderId,
    bookingReference: order.bookingReference,
    documents: order.documents,
  };
}

/** A call that timed out may still have happened at the supplier: read back what it did. */
async function orAfterTimeout<T>(call: Promise<T>, readBack: () => Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SupplierError && error.timedOut) return readBack();
    throw error;
  }
}
