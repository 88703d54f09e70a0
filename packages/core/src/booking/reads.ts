import type { BookingContext } from "./context";
import type { ReservationStatus } from "./statuses";
import { BookingRefused } from "./outcomes";
import { toOrderView, toReservationView, type OrderView, type Page, type ReservationItem, type ReservationView } from "./views";

/** A traveller's own reservations and orders; someone else's read as not found. */
export async function reservationOf(context: BookingContext, userId: string, reservationId: string): Promise<ReservationView> {
  return toReservationView(await context.owned(userId, reservationId), context.now());
}

/** A user's reservations, by status if given (user-status-index), newest index order. */
export async function reservationsOf(context: BookingContext, userId: string, options: { status?: ReservationStatus; limit: number; cursor?: string }): Promise<Page<ReservationView>> {
  const { Reservation } = context.entities;
  const query = options.status ? Reservation.query.byUserAndStatus({ userId, status: options.status }) : Reservation.query.byUserAndStatus({ userId });
  const { data, cursor } = await query.go({ limit: options.limit, cursor: options.cursor ?? null });
  return { items: data.map((item) => toReservationView(item as ReservationItem, context.now())), nextCursor: cursor };
}

export async function orderOf(context: BookingContext, userId: string, orderId: string): Promise<OrderView> {
  const { data } = await context.entities.Order.query.byId({ orderId }).go();
  const order = data[0];
  if (!order || order.userId !== userId) throw new BookingRefused("order-not-found", `no order ${orderId}`);
  return toOrderView(order);
}

export async function ordersOf(context: BookingContext, userId: string, options: { limit: number; cursor?: string }): Promise<Page<OrderView>> {
  const { data, cursor } = await context.entities.Order.query.byUserAndCreation({ userId }).go({ limit: options.limit, cursor: options.cursor ?? null, order: "desc" });
  return { items: data.map(toOrderView), nextCursor: cursor };
}
