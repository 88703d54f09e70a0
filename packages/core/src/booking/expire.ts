import type { BookingContext } from "./context";
import { TransactionRejected, updateItem } from "./transact";
import type { ReservationItem } from "./views";
import { inventoryChange, reservationEvent, reservationPatch } from "./write-items";

/**
 * Move holds past their expiry to EXPIRED and put their seats or rooms back (the expiry job).
 * Reads already show such holds as EXPIRED; this makes the inventory free again.
 */
export async function expireDueHolds(context: BookingContext, options: { limit?: number; traceId?: string } = {}): Promise<{ expired: number }> {
  const nowIso = new Date(context.now()).toISOString();
  const { entities } = context;
  const { data } = await entities.Reservation.query.byStatusAndCreation({ status: "HOLD" })
    .lte({ createdAt: nowIso })
    .where((a, op) => op.lte(a.holdExpiresAt, nowIso))
    .go({ limit: options.limit ?? 100 });
  let expired = 0;
  for (const reservation of data as ReservationItem[]) {
    const after: ReservationItem = { ...reservation, status: "EXPIRED", updatedAt: nowIso };
    try {
      await context.commitChange("EXPIRED", [
        updateItem(
          "reservation",
          reservationPatch(entities, reservation)
            .set({ status: "EXPIRED", updatedAt: nowIso })
            .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.lte(a.holdExpiresAt, nowIso)}`)
            .params(),
        ),
        ...inventoryChange(entities, reservation, "release", nowIso),
        reservationEvent(entities, { name: "ReservationStatusChanged", reservation: after, status: "EXPIRED", previousStatus: "HOLD", traceId: options.traceId ?? `expiry-${nowIso}` }, nowIso),
      ]);
      expired++;
    } catch (error) {
      // Confirmed or cancelled in the meantime: nothing to expire.
      if (!(error instanceof TransactionRejected)) throw error;
    }
  }
  return { expired };
}
