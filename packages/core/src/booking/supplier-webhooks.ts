import { logger } from "../observability";
import { recordAirlineChange, reservationOfOrder } from "./airline-changes";
import type { BookingContext } from "./context";
import type { SupplierWebhookEvent } from "./supplier-orders";
import { markSupplierOrder, placeSupplierHold, refuseHold } from "./supplier-saga";
import { TransactionRejected } from "./transact";

/**
 * What a supplier's webhook changes here. Each is safe to apply twice (the API also handles each
 * event id once): the airline's change is recorded once per change id, and the order's outcomes
 * go through the supplier saga's own steps, which act only on an order still PENDING (or, for a
 * payment, still HELD), so a webhook and the saga reaching the same answer do not both act.
 */
export type SupplierWebhookOutcome = "recorded" | "already-recorded" | "unknown-order" | "no-change" | "nothing-to-do";

export async function applySupplierEvent(context: BookingContext, event: SupplierWebhookEvent, traceId: string): Promise<SupplierWebhookOutcome> {
  switch (event.kind) {
    case "airline-change-detected":
      return recordAirlineChange(context, event, traceId);
    case "order-created": {
      // Duffel may confirm a hold order's creation later than its answer (202): the saga's own
      // step records it HELD, finding the order made for the reservation rather than making one.
      if (!event.reservationId) return "unknown-order";
      const outcome = await placeSupplierHold(context, event.reservationId, traceId);
      return outcome === "held" ? "recorded" : "nothing-to-do";
    }
    case "order-creation-failed": {
      const reservation = event.reservationId ? await context.byId(event.reservationId) : undefined;
      if (!reservation) return "unknown-order";
      if (reservation.supplierOrder?.status !== "PENDING" || reservation.status !== "HOLD") return "nothing-to-do";
      // The saga's compensation: our seats back, the reservation says why.
      await refuseHold(context, reservation, event.supplier, event.failure, traceId);
      return "recorded";
    }
    case "payment-created": {
      const supplier = context.flightOrderSupplier(event.supplier);
      const found = await reservationOfOrder(context, supplier, event.orderId);
      if (!found) return "unknown-order";
      const { reservation, order } = found;
      const held = reservation.supplierOrder!;
      // Confirm records PAID itself; a payment reported for a booking confirmed while the order
      // still read HELD here is recorded now, with the tickets the order carries.
      if (reservation.status !== "CONFIRMED" || held.status !== "HELD") return "nothing-to-do";
      if (order.awaitingPayment) return "nothing-to-do";
      const nowIso = new Date(context.now()).toISOString();
      try {
        await markSupplierOrder(context, reservation, { ...held, status: "PAID", documents: order.documents }, "HELD", nowIso);
      } catch (error) {
        if (!(error instanceof TransactionRejected) || error.conflicted) throw error;
        return "nothing-to-do";
      }
      logger.info("supplier payment recorded from its webhook", { reservationId: reservation.reservationId, supplier: supplier.name });
      return "recorded";
    }
  }
}
