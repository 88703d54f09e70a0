import { SupplierError } from "../search/suppliers";
import type { FlightOffer } from "../search";
import type { BookingContext } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import type { ChangedFlight, FlightOrderSupplier, SupplierAirlineChange, SupplierOrder } from "./supplier-orders";
import { TransactionRejected, transactWrite, updateItem } from "./transact";
import { toReservationView, type ReservationItem, type ReservationView } from "./views";
import { reservationFactEvent, reservationPatch } from "./write-items";

/**
 * Changes the airline makes to a booked journey (a schedule change, a flight renumbered), as the
 * supplier reports them by webhook. The change is read from the supplier (the webhook only says
 * that one happened), recorded on the reservation with its `Airline Change Detected` outbox row in
 * one transaction, and the traveller accepts it (`acceptAirlineChange`) or cancels the booking
 * through the usual quote and cancel.
 */
type RecordedChange = NonNullable<ReservationItem["airlineChange"]>;

/** The reservation an order at the supplier was made for (our id rides in the order's metadata), with the order as read. */
export async function reservationOfOrder(context: BookingContext, supplier: FlightOrderSupplier, orderId: string): Promise<{ reservation: ReservationItem; order: SupplierOrder } | undefined> {
  const order = await supplier.getOrder(orderId);
  const reservation = order.reservationId ? await context.byId(order.reservationId) : undefined;
  // The metadata is the supplier's word; the reservation must agree it is its order.
  return reservation?.supplierOrder?.orderId === orderId ? { reservation, order } : undefined;
}

export type AirlineChangeOutcome = "recorded" | "already-recorded" | "unknown-order" | "no-change";

export async function recordAirlineChange(
  context: BookingContext,
  event: { supplier: string; orderId: string; changeId?: string },
  traceId: string,
): Promise<AirlineChangeOutcome> {
  const supplier = context.flightOrderSupplier(event.supplier);
  const reservation = (await reservationOfOrder(context, supplier, event.orderId))?.reservation;
  if (!reservation) return "unknown-order";
  const changes = await supplier.airlineChanges(event.orderId);
  // The one the event names; else the latest nobody has acted on yet.
  const change = event.changeId ? changes.find((c) => c.changeId === event.changeId) : changes.filter((c) => c.actionTaken === null).at(-1);
  if (!change) return "no-change";
  const nowIso = new Date(context.now()).toISOString();
  const recorded: RecordedChange = {
    changeId: change.changeId,
    supplier: supplier.name,
    detectedAt: change.detectedAt,
    status: change.actionTaken === "accepted" ? "accepted" : "pending",
    availableActions: change.availableActions,
    removed: change.removed.map((flights) => ({ flights })),
    added: change.added.map((flights) => ({ flights })),
  };
  const { entities } = context;
  try {
    await transactWrite(context.deps.client, [
      updateItem(
        "reservation",
        reservationPatch(entities, reservation)
          .set({ airlineChange: recorded, updatedAt: nowIso })
          .where((a, op) => `${op.eq(a.supplierOrder.orderId, event.orderId)} AND (${op.notExists(a.airlineChange)} OR ${op.ne(a.airlineChange.changeId, change.changeId)})`)
          .params(),
      ),
      reservationFactEvent(entities, "AirlineChangeDetected", { reservation, traceId, fields: { supplier: supplier.name, changeId: change.changeId, availableActions: change.availableActions } }, nowIso),
    ]);
    return "recorded";
  } catch (error) {
    // This very change is on the reservation already (a second webhook for it): nothing to add.
    if (error instanceof TransactionRejected && !error.conflicted) return "already-recorded";
    throw error;
  }
}

export interface AcceptChangeRequest {
  userId: string;
  reservationId: string;
  traceId: string;
}

/**
 * The traveller takes the airline's new flights: accepted at the supplier, then the change is
 * marked accepted and the itinerary shows the new flights, in one transaction with the request's
 * idempotency record. An acceptance whose answer was lost is read back rather than refused.
 */
export function acceptAirlineChange(context: BookingContext, request: AcceptChangeRequest, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
  return context.underLease(lease, request.traceId, async () => {
    const reservation = await context.owned(request.userId, request.reservationId);
    const change = reservation.airlineChange;
    const status = context.statusOf(reservation);
    if (!change || change.status !== "pending" || !change.availableActions.includes("accept")) {
      throw new BookingRefused("airline-change-not-acceptable", change ? `the airline's change ${change.status === "accepted" ? "was accepted already" : "cannot be accepted here; cancel instead"}` : "the airline has not changed this booking");
    }
    if (status !== "HOLD" && status !== "CONFIRMED") {
      throw new BookingRefused("invalid-transition", `reservation ${reservation.reservationId} is ${status}`, { reservationStatus: status });
    }
    const supplier = context.flightOrderSupplier(change.supplier);
    await acceptedAtSupplier(supplier, reservation.supplierOrder!.orderId!, change.changeId);
    const nowIso = new Date(context.now()).toISOString();
    const airlineChange: RecordedChange = { ...change, status: "accepted", acceptedAt: nowIso };
    const itinerary = itineraryAfter(reservation, change.added.map((slice) => slice.flights));
    const accepted: ReservationItem = { ...reservation, airlineChange, itinerary, updatedAt: nowIso };
    const view = toReservationView(accepted, context.now());
    const { entities } = context;
    const order = reservation.orderId
      ? [updateItem("order", entities.Order.patch({ orderId: reservation.orderId, reservationId: reservation.reservationId }).set({ itinerary, updatedAt: nowIso }).params())]
      : [];
    await transactWrite(context.deps.client, [
      updateItem(
        "reservation",
        reservationPatch(entities, reservation)
          .set({ airlineChange, itinerary, updatedAt: nowIso })
          .where((a, op) => `${op.eq(a.airlineChange.changeId, change.changeId)} AND ${op.eq(a.airlineChange.status, "pending")}`)
          .params(),
      ),
      ...order,
      context.need("idempotency").completion(lease, { outcome: { ok: view }, traceId: request.traceId }),
    ]).catch((error) => context.explainRejection(error, request.userId, request.reservationId));
    return view;
  });
}

/** Accept at the supplier; if that fails, the change may have been accepted anyway (a lost answer, a retry): read it back. */
async function acceptedAtSupplier(supplier: FlightOrderSupplier, orderId: string, changeId: string): Promise<SupplierAirlineChange> {
  try {
    return await supplier.acceptAirlineChange(changeId);
  } catch (error) {
    const current = (await supplier.airlineChanges(orderId)).find((c) => c.changeId === changeId);
    if (current?.actionTaken === "accepted") return current;
    if (error instanceof SupplierError && !error.retryable) {
      throw new BookingRefused("airline-change-not-acceptable", `${supplier.name} did not accept the change: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The booked flights with the airline's new numbers and times, where the change keeps the
 * journey's shape (the same slices and flights per slice); otherwise the itinerary stays as booked
 * and the change itself says what the new flights are.
 */
function itineraryAfter(reservation: ReservationItem, added: ChangedFlight[][]): unknown {
  if (reservation.vertical !== "flights") return reservation.itinerary;
  const offer = reservation.itinerary as FlightOffer;
  const sameShape = offer.itineraries.length === added.length && offer.itineraries.every((it, i) => it.segments.length === added[i]!.length);
  if (!sameShape) return reservation.itinerary;
  return {
    ...offer,
    itineraries: offer.itineraries.map((it, i) => ({
      ...it,
      segments: it.segments.map((segment, j) => {
        const flight = added[i]![j]!;
        return {
          ...segment,
          flightNumber: flight.flightNumber,
          departure: { ...segment.departure, iataCode: flight.origin, at: flight.departingAt },
          arrival: { ...segment.arrival, iataCode: flight.destination, at: flight.arrivingAt },
        };
      }),
    })),
  };
}
