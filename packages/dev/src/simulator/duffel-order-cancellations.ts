import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { cents, money } from "./duffel-order-services";
import { orderRefusals, type DuffelCancellation, type DuffelOrder } from "./duffel-order-wire";
import { duffelError, duffelId, invalidField, notFound, readData, type DuffelEnv } from "./duffel-wire";

/**
 * Duffel's order cancellations: first a quote of what cancelling would refund, to be confirmed
 * within 15 minutes; confirming it cancels the order. An unpaid hold refunds nothing (there is
 * nothing to give back); a paid order refunds its total less the refund penalty when its
 * conditions allow a refund, and nothing otherwise, to the balance it was paid from.
 */
const quoteLifetimeMs = 15 * 60_000;
const maxStoredCancellations = 50_000;

function refundOf(order: DuffelOrder): Pick<DuffelCancellation, "refund_amount" | "refund_currency" | "refund_to"> {
  if (order.payment_status.awaiting_payment) return { refund_amount: "0.00", refund_currency: order.total_currency, refund_to: "awaiting_payment" };
  const refund = order.conditions.refund_before_departure;
  const amount = refund?.allowed ? Math.max(0, cents(order.total_amount) - cents(refund.penalty_amount)) : 0;
  return { refund_amount: money(amount), refund_currency: order.total_currency, refund_to: "balance" };
}

export function orderCancellationsApi(orders: Map<string, DuffelOrder>) {
  const cancellations = new Map<string, DuffelCancellation>();
  const app = new Hono<DuffelEnv>();
  const known = (c: Context<DuffelEnv>) => {
    const id = c.req.param("id")!;
    return cancellations.get(id) ?? duffelError(c, 404, notFound(`order cancellation ${id}`));
  };

  app.post("/air/order_cancellations", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const orderId = data.order_id;
    if (typeof orderId !== "string" || orderId === "") return duffelError(c, 422, invalidField("/order_id", "validation_required", "Field 'order_id' can't be blank"));
    const order = orders.get(orderId);
    if (!order) return duffelError(c, 404, notFound(`order ${orderId}`));
    if (order.cancelled_at) return duffelError(c, 422, orderRefusals.alreadyCancelled);
    const now = new Date();
    const cancellation: DuffelCancellation = {
      id: duffelId("ore", orderId, randomUUID()),
      order_id: orderId,
      live_mode: c.get("liveMode"),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + quoteLifetimeMs).toISOString(),
      confirmed_at: null,
      ...refundOf(order),
      airline_credits: [],
    };
    cancellations.set(cancellation.id, cancellation);
    if (cancellations.size > maxStoredCancellations) cancellations.delete(cancellations.keys().next().value!);
    return c.json({ data: cancellation }, 201);
  });

  app.get("/air/order_cancellations/:id", (c) => {
    const cancellation = known(c);
    return cancellation instanceof Response ? cancellation : c.json({ data: cancellation });
  });

  app.post("/air/order_cancellations/:id/actions/confirm", (c) => {
    const cancellation = known(c);
    if (cancellation instanceof Response) return cancellation;
    // Confirming again (a retry after a lost answer) shows the same confirmed cancellation.
    if (cancellation.confirmed_at) return c.json({ data: cancellation });
    const order = orders.get(cancellation.order_id);
    if (!order) return duffelError(c, 404, notFound(`order ${cancellation.order_id}`));
    if (order.cancelled_at) return duffelError(c, 422, orderRefusals.alreadyCancelled);
    if (Date.parse(cancellation.expires_at) <= Date.now()) return duffelError(c, 422, orderRefusals.cancellationExpired);
    const now = new Date().toISOString();
    cancellation.confirmed_at = now;
    Object.assign(order, { cancelled_at: now, cancellation, available_actions: [], synced_at: now });
    return c.json({ data: cancellation });
  });

  return app;
}
