import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import type { AirlineInitiatedChange } from "@duffel/api/types";
import type { OrderBook } from "./duffel-orders";
import { orderRefusals, type DuffelOrder } from "./duffel-order-wire";
import type { DuffelWebhookSender } from "./duffel-webhooks";
import { duffelError, duffelId, invalidParameter, notFound, type DuffelEnv } from "./duffel-wire";

/**
 * Duffel's airline-initiated changes: `GET /air/airline_initiated_changes?order_id=…` lists an
 * order's, `POST /air/airline_initiated_changes/{id}/actions/accept` accepts one (the order's
 * slices become the changed ones). The simulator's airline makes a change when asked through
 * `/__control` (`{"duffel": {"airlineChange": {"orderId": "ord_…", "delayMinutes": 95}}}`): every
 * flight of the order departs and arrives later, and the `order.airline_initiated_change_detected`
 * webhook is sent with the order as its object.
 */
type Change = Omit<AirlineInitiatedChange, "added" | "removed"> & { added: DuffelOrder["slices"]; removed: DuffelOrder["slices"] };

const defaultDelayMinutes = 95;

/** A local time (Duffel's `departing_at`, no offset) moved by some minutes, in the same form. */
function later(at: string, minutes: number): string {
  return new Date(Date.parse(`${at.slice(0, 19)}Z`) + minutes * 60_000).toISOString().slice(0, 19);
}

export function airlineChanges(orders: OrderBook, webhooks: DuffelWebhookSender) {
  const changes = new Map<string, Change>();
  const app = new Hono<DuffelEnv>();

  app.get("/air/airline_initiated_changes", (c) => {
    const orderId = c.req.query("order_id");
    if (!orderId) return duffelError(c, 422, invalidParameter("order_id", "validation_required", "Parameter 'order_id' can't be blank"));
    return c.json({ data: [...changes.values()].filter((change) => change.order_id === orderId) });
  });

  app.post("/air/airline_initiated_changes/:id/actions/accept", (c) => {
    const change = changes.get(c.req.param("id"));
    if (!change) return duffelError(c, 404, notFound(`airline-initiated change ${c.req.param("id")}`));
    if (change.action_taken !== null) return duffelError(c, 422, orderRefusals.changeAlreadyActioned);
    const now = new Date().toISOString();
    Object.assign(change, { action_taken: "accepted", action_taken_at: now, available_actions: [], updated_at: now });
    const order = orders.get(change.order_id);
    if (order) Object.assign(order, { slices: change.added, synced_at: now });
    return c.json({ data: change });
  });

  /** The airline delays every flight of an order; Duffel detects it and sends its webhook. */
  const detect = async (orderId: string, delayMinutes = defaultDelayMinutes) => {
    const order = orders.get(orderId);
    if (!order) return { error: `no order ${orderId}` };
    if (order.cancelled_at) return { error: `order ${orderId} is cancelled` };
    const now = new Date().toISOString();
    const id = duffelId("aic", orderId, randomUUID());
    const added = order.slices.map((slice) => ({
      ...slice,
      segments: slice.segments.map((segment) => ({ ...segment, id: duffelId("seg", id, segment.id), departing_at: later(segment.departing_at, delayMinutes), arriving_at: later(segment.arriving_at, delayMinutes) })),
    }));
    const change: Change = {
      id,
      order_id: orderId,
      created_at: now,
      updated_at: now,
      action_taken: null,
      action_taken_at: null,
      available_actions: ["accept", "cancel", "change"],
      removed: structuredClone(order.slices),
      added,
      travel_agent_ticket: null,
    };
    changes.set(id, change);
    order.airline_initiated_changes = [...(order.airline_initiated_changes ?? []), change as never];
    const delivery = await webhooks.send("order.airline_initiated_change_detected", order as unknown as Record<string, unknown>, { liveMode: order.live_mode, idempotencyKey: id });
    return { change, delivery };
  };

  return { app, detect };
}
