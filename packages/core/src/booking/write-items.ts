import { reservationEventSchemaVersion, type EventName, type ReservationEventDetail } from "../events/catalog";
import type { HotelOffer } from "../search";
import type { BookingEntities } from "./entities";
import type { ReservationStatus } from "./statuses";
import { roomsPerCategoryPerNight, rowOf, seatsPerFlight, stayOf, type SeatLayout } from "./inventory";
import { outboxEntry } from "./outbox";
import { putItem, updateItem, type LabelledItem } from "./transact";
import { amountText, type OrderItem, type ReservationItem } from "./views";

/**
 * The items of booking transactions, each with the condition that keeps it honest, built with
 * ElectroDB (its key templates, field names and entity identifiers stay its own business).
 * Labels say which item's condition failed when DynamoDB cancels the transaction.
 */

export function newReservation(entities: BookingEntities, reservation: ReservationItem): LabelledItem {
  return putItem("reservation", entities.Reservation.create(reservation).params());
}

export function newOrder(entities: BookingEntities, order: OrderItem): LabelledItem {
  return putItem("order", entities.Order.create(order).params());
}

/** A patch of a reservation's item; the caller sets the change and the status it must still have. */
export function reservationPatch(entities: BookingEntities, reservation: ReservationItem) {
  return entities.Reservation.patch({ reservationId: reservation.reservationId, eventId: reservation.eventId }).composite({
    userId: reservation.userId,
    createdAt: reservation.createdAt,
  });
}

/** The label of a seat's item in a transaction: which seat of which flight, when its condition fails. */
export const seatLabel = (eventId: string, seatId: string) => `seat:${eventId}/${seatId}`;

/** The flight and seat a failed label names, or undefined for an item that is not a seat. */
export function seatOfLabel(label: string): { eventId: string; seatId: string } | undefined {
  if (!label.startsWith("seat:")) return undefined;
  const at = label.lastIndexOf("/");
  return { eventId: label.slice("seat:".length, at), seatId: label.slice(at + 1) };
}

/** Take one seat for a hold: only if nobody holds or bought it (a seat with no item has never been held: it is free). */
export function seatHold(
  entities: BookingEntities,
  departure: { eventId: string; layout: SeatLayout },
  seatId: string,
  hold: { reservationId: string; holdExpiresAt: string },
  nowIso: string,
): LabelledItem {
  return updateItem(
    seatLabel(departure.eventId, seatId),
    entities.Seat.upsert({
      eventId: departure.eventId,
      seatId,
      cabin: departure.layout.cabin,
      fareClass: departure.layout.fareClass,
      row: rowOf(seatId),
      status: "HELD",
      reservationId: hold.reservationId,
      holdExpiresAt: hold.holdExpiresAt,
      updatedAt: nowIso,
    })
      .where((a, op) => `${op.notExists(a.status)} OR ${op.eq(a.status, "AVAILABLE")}`)
      .params(),
  );
}

export type RoomChange = "hold" | "release" | "sell" | "unsell";

/**
 * Room counts for one night, changed by arithmetic under a condition. A night nobody has booked
 * has no item and counts as full capacity available, so a hold starts from that default.
 */
export function roomNightChange(
  entities: BookingEntities,
  stay: { hotelId: string; category: string },
  night: string,
  change: RoomChange,
  rooms: number,
  nowIso: string,
): LabelledItem {
  const key = { hotelId: stay.hotelId, night, category: stay.category };
  const { RoomNight } = entities;
  const params = (() => {
    switch (change) {
      case "hold":
        return RoomNight.update(key)
          .data((a, op) => {
            op.subtract(a.available, rooms, roomsPerCategoryPerNight);
            op.add(a.held, rooms, 0);
            op.ifNotExists(a.sold, 0);
          })
          .set({ updatedAt: nowIso })
          .where((a, op) => `${op.notExists(a.available)} OR ${op.gte(a.available, rooms)}`)
          .params();
      case "release":
        return RoomNight.patch(key).add({ available: rooms }).subtract({ held: rooms }).set({ updatedAt: nowIso }).where((a, op) => op.gte(a.held, rooms)).params();
      case "sell":
        return RoomNight.patch(key).subtract({ held: rooms }).add({ sold: rooms }).set({ updatedAt: nowIso }).where((a, op) => op.gte(a.held, rooms)).params();
      case "unsell":
        return RoomNight.patch(key).subtract({ sold: rooms }).add({ available: rooms }).set({ updatedAt: nowIso }).where((a, op) => op.gte(a.sold, rooms)).params();
    }
  })();
  return updateItem(`night:${night}`, params);
}

/** The seat or room-night writes that move a held or sold reservation's inventory, each with its condition. */
export function inventoryChange(entities: BookingEntities, reservation: ReservationItem, change: Exclude<RoomChange, "hold">, nowIso: string): LabelledItem[] {
  // A rental holds no seat or room of ours: only the supplier's reservation changes.
  if (reservation.vertical === "cars") return [];
  if (reservation.vertical === "hotels") {
    const stay = stayOf(reservation.itinerary as HotelOffer);
    return stay.nights.map((night) => roomNightChange(entities, stay, night, change, reservation.qty, nowIso));
  }
  const { Seat } = entities;
  return seatsPerFlight(reservation).flatMap(({ eventId, seatIds }) =>
    seatIds.map((seatId) => {
      const key = { eventId, seatId };
      const params =
        change === "sell"
          ? Seat.patch(key).set({ status: "SOLD", updatedAt: nowIso }).remove(["holdExpiresAt"])
              .where((a, op) => `${op.eq(a.reservationId, reservation.reservationId)} AND ${op.eq(a.status, "HELD")}`)
          : Seat.patch(key).set({ status: "AVAILABLE", updatedAt: nowIso }).remove(["reservationId", "holdExpiresAt"])
              .where((a, op) => `${op.eq(a.reservationId, reservation.reservationId)} AND ${op.eq(a.status, change === "release" ? "HELD" : "SOLD")}`);
      return updateItem(seatLabel(eventId, seatId), params.params());
    }),
  );
}

/**
 * The outbox row of a fact about a reservation beside its status (a supplier's order, an airline's
 * change, a cancellation quote): the envelope every such event carries, and its own `fields`.
 */
export function reservationFactEvent(
  entities: BookingEntities,
  name: Extract<EventName, "SupplierOrderPlaced" | "SupplierOrderFailed" | "AirlineChangeDetected" | "CancellationQuoted">,
  fact: { reservation: Pick<ReservationItem, "reservationId" | "userId">; traceId: string; fields: Record<string, unknown> },
  nowIso: string,
): LabelledItem {
  const { reservation, traceId } = fact;
  return outboxEntry(
    entities,
    {
      name,
      aggregateType: "reservation",
      aggregateId: reservation.reservationId,
      traceId,
      detail: (eventId) => ({
        schemaVersion: reservationEventSchemaVersion,
        eventId,
        traceId,
        occurredAt: nowIso,
        reservationId: reservation.reservationId,
        userId: reservation.userId,
        ...fact.fields,
      }),
    },
    nowIso,
  );
}

/** The outbox row of a reservation's event, for the transaction that makes the change it reports. */
export function reservationEvent(
  entities: BookingEntities,
  change: { name: EventName; reservation: ReservationItem; status: ReservationStatus; previousStatus?: ReservationStatus; traceId: string },
  nowIso: string,
): LabelledItem {
  const { reservation, status, previousStatus, traceId } = change;
  return outboxEntry(
    entities,
    {
      name: change.name,
      aggregateType: "reservation",
      aggregateId: reservation.reservationId,
      traceId,
      detail: (eventId): ReservationEventDetail => ({
        schemaVersion: reservationEventSchemaVersion,
        eventId,
        traceId,
        occurredAt: nowIso,
        status,
        ...(previousStatus ? { previousStatus } : {}),
        reservation: {
          reservationId: reservation.reservationId,
          eventId: reservation.eventId,
          userId: reservation.userId,
          vertical: reservation.vertical,
          offerId: reservation.offerId,
          qty: reservation.qty,
          seatIds: reservation.seatIds,
          totalAmount: amountText(reservation.totalAmount, reservation.currency),
          currency: reservation.currency,
          holdExpiresAt: reservation.holdExpiresAt,
          ...(reservation.orderId ? { orderId: reservation.orderId } : {}),
          ...(reservation.refundedAmount !== undefined ? { refundedAmount: amountText(reservation.refundedAmount, reservation.currency) } : {}),
        },
        inventoryTags: reservation.inventoryTags,
      }),
    },
    nowIso,
  );
}
