import { randomBytes } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityItem } from "electrodb";
import { reservationEventSchemaVersion, type EventName, type ReservationEventDetail } from "../events/catalog";
import { metrics } from "../observability";
import { fromMinorUnits, toMinorUnits, type PaymentProvider } from "../payments/port";
import { OfferGoneError, OfferNotFoundError, type FlightOffer, type HotelOffer, type QuotedOffer } from "../search";
import type { BookingEntities, ReservationStatus } from "./entities";
import { BookingError } from "./errors";
import type { IdempotencyLease, IdempotencyStore } from "./idempotency";
import { departureOf, roomsPerCategoryPerNight, rowOf, seatIdsOf, stayOf } from "./inventory";
import { outboxEntry } from "./outbox";
import { bookingPolicy, type BookingSettings } from "./policy";
import { TransactionRejected, transactWrite, updateItem, type LabelledItem } from "./transact";

type ReservationItem = EntityItem<BookingEntities["Reservation"]>;
type OrderItem = EntityItem<BookingEntities["Order"]>;

export interface Traveler {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  email?: string;
}

export interface HoldRequest {
  userId: string;
  offerId: string;
  /** Flights: the seats wanted; without them the first free seats in the cabin are assigned. */
  seatIds?: string[];
  /** Seats or rooms; must match what the offer was priced for. */
  quantity?: number;
  travelers: Traveler[];
  contactEmail: string;
  traceId: string;
}

export interface ReservationView {
  reservationId: string;
  status: ReservationStatus;
  vertical: "flights" | "hotels";
  offerId: string;
  eventId: string;
  seatIds: string[];
  quantity: number;
  holdExpiresAt: string;
  totalAmount: string;
  currency: string;
  travelers: Traveler[];
  contactEmail: string;
  itinerary: FlightOffer | HotelOffer;
  startsAt: string;
  orderId?: string;
  refundedAmount?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrderView {
  orderId: string;
  reservationId: string;
  eventId: string;
  status: "CONFIRMED" | "CANCELLED";
  seatIds: string[];
  totalAmount: string;
  currency: string;
  paymentId: string;
  refundedAmount?: string;
  itinerary: FlightOffer | HotelOffer;
  createdAt: string;
  updatedAt: string;
}

export type InventoryView =
  | {
      vertical: "flights";
      offerId: string;
      eventId: string;
      cabin: string;
      fareClass: string;
      seatsAvailable: number;
      seats: Array<{ seatId: string; row: number; letter: string; status: "AVAILABLE" | "HELD" | "SOLD" }>;
    }
  | {
      vertical: "hotels";
      offerId: string;
      eventId: string;
      hotelId: string;
      roomCategory: string;
      roomsAvailable: number;
      nights: Array<{ night: string; capacity: number; available: number; held: number; sold: number }>;
    };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface BookingServiceDeps {
  client: DynamoDBDocumentClient;
  entities: BookingEntities;
  settings: BookingSettings;
  /** The API's parts; the expiry job runs without them. */
  offers?: { quotedOffer(id: string): Promise<QuotedOffer> };
  payments?: PaymentProvider;
  idempotency?: IdempotencyStore;
  now?: () => number;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString("base64url").slice(0, 22)}`;

/** An amount stored as a number, shown as the currency's decimal string ("523.40"). */
function amountText(amount: number, currency: string): string {
  return fromMinorUnits(toMinorUnits(String(amount), currency), currency);
}

/** HOLD past its expiry reads as EXPIRED even before the expiry job has run. */
export function effectiveStatus(reservation: Pick<ReservationItem, "status" | "holdExpiresAt">, now: number): ReservationStatus {
  return reservation.status === "HOLD" && Date.parse(reservation.holdExpiresAt) <= now ? "EXPIRED" : reservation.status;
}

/** A reservation as travellers and subscribers see it. */
export function toReservationView(r: ReservationItem, now: number): ReservationView {
    return {
    reservationId: r.reservationId,
    status: effectiveStatus(r, now),
    vertical: r.vertical,
    offerId: r.offerId,
    eventId: r.eventId,
    seatIds: r.seatIds,
    quantity: r.qty,
    holdExpiresAt: r.holdExpiresAt,
    totalAmount: amountText(r.totalAmount, r.currency),
    currency: r.currency,
    travelers: r.travelers as Traveler[],
    contactEmail: r.contactEmail,
    itinerary: r.itinerary as FlightOffer | HotelOffer,
    startsAt: r.startsAt,
    ...(r.orderId ? { orderId: r.orderId } : {}),
    ...(r.refundedAmount !== undefined ? { refundedAmount: amountText(r.refundedAmount, r.currency) } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Read one reservation by id (subscribers; no ownership check, they act for the system). */
export async function readReservation(entities: BookingEntities, reservationId: string, now: number): Promise<ReservationView | undefined> {
  const { data } = await entities.Reservation.query.byId({ reservationId }).go();
  return data[0] ? toReservationView(data[0] as ReservationItem, now) : undefined;
}

/**
 * Reservations: HOLD → CONFIRMED | CANCELLED | EXPIRED. Every state change is one DynamoDB
 * transaction holding the inventory change (with conditions), the reservation, the outbox row of
 * its event and, for API calls, the idempotency record's response: no double booking, no event
 * without its change, no change without its event, no retry that books twice.
 */
export class BookingService {
  constructor(private readonly deps: BookingServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private need<K extends "offers" | "payments" | "idempotency">(part: K): NonNullable<BookingServiceDeps[K]> {
    const value = this.deps[part];
    if (!value) throw new Error(`BookingService was built without ${part}`);
    return value as NonNullable<BookingServiceDeps[K]>;
  }

  /** The seat map of a flight offer's departure, or room availability for a hotel offer's nights. */
  async inventory(offerId: string): Promise<InventoryView> {
    const quote = await this.quote(offerId);
    if (quote.vertical === "flights") {
      const departure = departureOf(quote.offer);
      const taken = await this.seatStates(departure.eventId);
      const seats = seatIdsOf(departure.layout).map((seatId) => ({
        seatId,
        row: rowOf(seatId),
        letter: seatId.replace(/^\d+/, ""),
        status: taken.get(seatId) ?? ("AVAILABLE" as const),
      }));
      return {
        vertical: "flights",
        offerId,
        eventId: departure.eventId,
        cabin: departure.layout.cabin,
        fareClass: departure.layout.fareClass,
        seatsAvailable: seats.filter((s) => s.status === "AVAILABLE").length,
        seats,
      };
    }
    const stay = stayOf(quote.offer);
    const counts = await this.roomCounts(stay.hotelId, stay.category, stay.nights);
    return {
      vertical: "hotels",
      offerId,
      eventId: stay.eventId,
      hotelId: stay.hotelId,
      roomCategory: stay.category,
      roomsAvailable: Math.min(...counts.map((n) => n.available)),
      nights: counts,
    };
  }

  /** Hold seats or rooms for an offer (status HOLD until `holdExpiresAt`). */
  async hold(request: HoldRequest, lease: IdempotencyLease): Promise<ReservationView> {
    const quote = await this.quote(request.offerId);
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    const units = quote.vertical === "flights" ? quote.criteria.adults + quote.criteria.children : quote.criteria.rooms;
    if (request.quantity !== undefined && request.quantity !== units) {
      throw new BookingError("invalid-selection", `offer ${request.offerId} was priced for ${units} ${quote.vertical === "flights" ? "seat(s)" : "room(s)"}; search again to book ${request.quantity}`, { quantity: units });
    }
    if (quote.vertical === "flights" && request.travelers.length !== units) {
      throw new BookingError("invalid-selection", `offer ${request.offerId} was priced for ${units} traveller(s); ${request.travelers.length} given`, { travelers: units });
    }
    if (quote.vertical === "hotels" && request.travelers.length > quote.criteria.adults) {
      throw new BookingError("invalid-selection", `offer ${request.offerId} was priced for ${quote.criteria.adults} guest(s); ${request.travelers.length} given`);
    }
    if (units > bookingPolicy.maxUnitsPerReservation) {
      throw new BookingError("invalid-selection", `at most ${bookingPolicy.maxUnitsPerReservation} seats or rooms per reservation`);
    }

    const reservationId = newId("res");
    const base = {
      reservationId,
      userId: request.userId,
      qty: units,
      status: "HOLD" as const,
      holdExpiresAt: new Date(nowMs + this.deps.settings.holdMinutes * 60_000).toISOString(),
      idempotencyKey: lease.key,
      createdAt: nowIso,
      updatedAt: nowIso,
      offerId: request.offerId,
      vertical: quote.vertical,
      totalAmount: Number(quote.offer.price.total),
      currency: quote.offer.price.currency,
      travelers: request.travelers,
      contactEmail: request.contactEmail,
      itinerary: quote.offer,
    };

    if (quote.vertical === "hotels") {
      const stay = stayOf(quote.offer, quote.criteria.cityCode);
      if (units > roomsPerCategoryPerNight) throw new BookingError("rooms-unavailable", `the hotel has ${roomsPerCategoryPerNight} rooms of this category a night`);
      const reservation: ReservationItem = { ...base, eventId: stay.eventId, seatIds: [], startsAt: stay.startsAt, inventoryTags: [`hotels:${quote.criteria.cityCode}`] };
      const rooms = stay.nights.map((night) => this.roomNightChange(stay, night, "hold", units, nowIso));
      try {
        return await this.writeHold(reservation, rooms, lease, request.traceId);
      } catch (error) {
        if (error instanceof TransactionRejected && !error.conflicted && error.failedLabels.every((l) => l.startsWith("night:"))) {
          const nights = error.failedLabels.map((l) => l.slice("night:".length));
          throw new BookingError("rooms-unavailable", `no ${stay.category} room left for ${nights.join(", ")}`, { nights });
        }
        throw error;
      }
    }

    const departure = departureOf(quote.offer);
    const route = `route:${quote.criteria.origin}-${quote.criteria.destination}`;
    const layoutSeats = new Set(seatIdsOf(departure.layout));
    if (request.seatIds) {
      const unknown = request.seatIds.filter((s) => !layoutSeats.has(s));
      if (unknown.length > 0) throw new BookingError("invalid-selection", `no seat ${unknown.join(", ")} in ${departure.layout.cabin} on this flight`, { seatIds: unknown });
      if (new Set(request.seatIds).size !== request.seatIds.length) throw new BookingError("invalid-selection", "a seat is named twice");
      if (request.seatIds.length !== units) throw new BookingError("invalid-selection", `choose ${units} seat(s), one per traveller`);
    }
    // Chosen seats are tried once; assigned seats are re-chosen if someone takes them first.
    for (let attempt = 1; ; attempt++) {
      const seatIds = request.seatIds ?? (await this.firstFreeSeats(departure.eventId, [...layoutSeats], units));
      if (seatIds.length < units) throw new BookingError("seats-unavailable", `only ${seatIds.length} seat(s) left in ${departure.layout.cabin}`, { seatIds: [] });
      const reservation: ReservationItem = { ...base, eventId: departure.eventId, seatIds, startsAt: departure.startsAt, inventoryTags: [route] };
      const seats = seatIds.map((seatId) =>
        updateItem(
          `seat:${seatId}`,
          this.deps.entities.Seat.upsert({
            eventId: departure.eventId,
            seatId,
            cabin: departure.layout.cabin,
            fareClass: departure.layout.fareClass,
            row: rowOf(seatId),
            status: "HELD",
            reservationId,
            holdExpiresAt: reservation.holdExpiresAt,
            updatedAt: nowIso,
          })
            // A seat with no item has never been held: it is free.
            .where((a, op) => `${op.notExists(a.status)} OR ${op.eq(a.status, "AVAILABLE")}`)
            .params(),
        ),
      );
      try {
        return await this.writeHold(reservation, seats, lease, request.traceId);
      } catch (error) {
        if (!(error instanceof TransactionRejected)) throw error;
        const takenSeats = error.failedLabels.filter((l) => l.startsWith("seat:")).map((l) => l.slice("seat:".length));
        if (request.seatIds || attempt >= 3) {
          if (takenSeats.length > 0) throw new BookingError("seats-unavailable", `seat(s) ${takenSeats.join(", ")} already taken`, { seatIds: takenSeats });
          // A collision with a transaction in flight wrote nothing: transient (503), retry.
          throw error;
        }
      }
    }
  }

  private async writeHold(reservation: ReservationItem, inventory: LabelledItem[], lease: IdempotencyLease, traceId: string): Promise<ReservationView> {
    const view = toReservationView(reservation, this.now());
    await this.commitChange("HOLD", [
      ...inventory,
      { label: "reservation", item: { Put: this.deps.entities.Reservation.create(reservation).params() as never } },
      this.event("ReservationCreated", reservation, "HOLD", undefined, traceId),
      this.need("idempotency").completion(lease, { status: 201, body: { data: view } }),
    ]);
    return view;
  }

  async get(userId: string, reservationId: string): Promise<ReservationView> {
    return toReservationView(await this.owned(userId, reservationId), this.now());
  }

  /** A user's reservations, by status if given (user-status-index), newest index order. */
  async listForUser(userId: string, options: { status?: ReservationStatus; limit: number; cursor?: string }): Promise<Page<ReservationView>> {
    const query = options.status
      ? this.deps.entities.Reservation.query.byUserAndStatus({ userId, status: options.status })
      : this.deps.entities.Reservation.query.byUserAndStatus({ userId });
    const { data, cursor } = await query.go({ limit: options.limit, cursor: options.cursor ?? null });
    return { items: data.map((item) => toReservationView(item as ReservationItem, this.now())), nextCursor: cursor };
  }

  /** Take payment, then HOLD → CONFIRMED with the order, in one transaction. */
  async confirm(userId: string, reservationId: string, input: { paymentMethod: string; traceId: string }, lease: IdempotencyLease): Promise<ReservationView> {
    const reservation = await this.owned(userId, reservationId);
    this.assertActiveHold(reservation, "confirm");
    const amountMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
    const charge = await this.need("payments").charge({
      amountMinor,
      currency: reservation.currency,
      paymentMethod: input.paymentMethod,
      idempotencyKey: `confirm:${reservationId}:${input.paymentMethod}`,
      description: `Reservation ${reservationId}`,
      metadata: { reservationId, userId },
    });
    if (charge.status === "declined") {
      throw new BookingError("payment-declined", `payment declined: ${charge.reason}`, { declineCode: charge.code, reservationStatus: "HOLD" });
    }

    const nowIso = new Date(this.now()).toISOString();
    const orderId = newId("ord");
    const confirmed: ReservationItem = { ...reservation, status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, updatedAt: nowIso };
    const view = toReservationView(confirmed, this.now());
    const order: OrderItem = {
      orderId,
      reservationId,
      eventId: reservation.eventId,
      userId,
      seatIds: reservation.seatIds,
      totalAmount: reservation.totalAmount,
      currency: reservation.currency,
      status: "CONFIRMED",
      paymentIntentId: charge.paymentId,
      itinerary: reservation.itinerary,
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    try {
      await this.commitChange("CONFIRMED", [
        updateItem(
          "reservation",
          this.reservationPatch(reservation)
            .set({ status: "CONFIRMED", orderId, paymentIntentId: charge.paymentId, updatedAt: nowIso })
            .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.gt(a.holdExpiresAt, nowIso)}`)
            .params(),
        ),
        ...this.inventoryChange(reservation, "sell", nowIso),
        { label: "order", item: { Put: this.deps.entities.Order.create(order).params() as never } },
        this.event("ReservationStatusChanged", confirmed, "CONFIRMED", "HOLD", input.traceId),
        this.need("idempotency").completion(lease, { status: 200, body: { data: view } }),
      ]);
      return view;
    } catch (error) {
      // A collision with a transaction in flight wrote nothing: the retry (same key) is charged
      // with the same payment idempotency key, so it is not charged twice.
      if (!(error instanceof TransactionRejected) || error.conflicted || error.failedLabels.includes("idempotency")) throw error;
      // The hold expired, or was cancelled or confirmed by another request, while the card was
      // charged: give the money back and say so.
      const refund = await this.need("payments").refund({ paymentId: charge.paymentId, amountMinor, idempotencyKey: `refund-unconfirmed:${charge.paymentId}` });
      const current = await this.owned(userId, reservationId);
      throw new BookingError(
        "hold-expired-refunded",
        `the reservation could not be confirmed (it is ${this.statusOf(current)}); the payment of ${fromMinorUnits(amountMinor, reservation.currency)} ${reservation.currency} was refunded`,
        { reservationStatus: this.statusOf(current), refundId: refund.refundId, refundedAmount: fromMinorUnits(refund.amountMinor, reservation.currency) },
      );
    }
  }

  /** Release a hold, or cancel a confirmed booking with the refund the policy allows. */
  async cancel(userId: string, reservationId: string, input: { traceId: string }, lease: IdempotencyLease): Promise<ReservationView> {
    const reservation = await this.owned(userId, reservationId);
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    if (reservation.status === "HOLD") {
      this.assertActiveHold(reservation, "cancel");
      const cancelled: ReservationItem = { ...reservation, status: "CANCELLED", updatedAt: nowIso };
      const view = toReservationView(cancelled, this.now());
      await this.commitChange("CANCELLED", [
        updateItem(
          "reservation",
          this.reservationPatch(reservation).set({ status: "CANCELLED", updatedAt: nowIso }).where((a, op) => op.eq(a.status, "HOLD")).params(),
        ),
        ...this.inventoryChange(reservation, "release", nowIso),
        this.event("ReservationStatusChanged", cancelled, "CANCELLED", "HOLD", input.traceId),
        this.need("idempotency").completion(lease, { status: 200, body: { data: view } }),
      ]).catch((error) => this.explainRejection(error, userId, reservationId));
      return view;
    }
    if (reservation.status !== "CONFIRMED" || !reservation.paymentIntentId || !reservation.orderId) {
      throw new BookingError("invalid-transition", `reservation ${reservationId} is ${reservation.status} and cannot be cancelled`, { reservationStatus: reservation.status });
    }
    const startsAt = Date.parse(reservation.startsAt);
    if (nowMs >= startsAt) throw new BookingError("too-late-to-cancel", `the ${reservation.vertical === "flights" ? "flight departed" : "stay began"} at ${reservation.startsAt}`);
    const share = nowMs < startsAt - bookingPolicy.fullRefundUntilHoursBefore * 3_600_000 ? 1 : bookingPolicy.lateCancellationRefundShare;
    const paidMinor = toMinorUnits(String(reservation.totalAmount), reservation.currency);
    // Same key on every retry: a cancellation never refunds twice.
    const refund = await this.need("payments").refund({ paymentId: reservation.paymentIntentId, amountMinor: Math.floor(paidMinor * share), idempotencyKey: `cancel:${reservationId}` });
    const refundedAmount = Number(fromMinorUnits(refund.amountMinor, reservation.currency));
    const cancelled: ReservationItem = { ...reservation, status: "CANCELLED", refundedAmount, updatedAt: nowIso };
    const view = toReservationView(cancelled, this.now());
    await this.commitChange("CANCELLED", [
      updateItem(
        "reservation",
        this.reservationPatch(reservation).set({ status: "CANCELLED", refundedAmount, updatedAt: nowIso }).where((a, op) => op.eq(a.status, "CONFIRMED")).params(),
      ),
      updateItem(
        "order",
        this.deps.entities.Order.patch({ orderId: reservation.orderId, reservationId })
          .set({ status: "CANCELLED", refundedAmount, updatedAt: nowIso })
          .where((a, op) => op.eq(a.status, "CONFIRMED"))
          .params(),
      ),
      ...this.inventoryChange(reservation, "unsell", nowIso),
      this.event("ReservationStatusChanged", cancelled, "CANCELLED", "CONFIRMED", input.traceId),
      this.need("idempotency").completion(lease, { status: 200, body: { data: view } }),
    ]).catch((error) => this.explainRejection(error, userId, reservationId));
    return view;
  }

  /**
   * Move holds past their expiry to EXPIRED and put their seats or rooms back (the expiry job).
   * Reads already show such holds as EXPIRED; this makes the inventory free again.
   */
  async expireDue(options: { limit?: number; traceId?: string } = {}): Promise<{ expired: number }> {
    const nowIso = new Date(this.now()).toISOString();
    const { data } = await this.deps.entities.Reservation.query.byStatusAndCreation({ status: "HOLD" })
      .lte({ createdAt: nowIso })
      .where((a, op) => op.lte(a.holdExpiresAt, nowIso))
      .go({ limit: options.limit ?? 100 });
    let expired = 0;
    for (const reservation of data as ReservationItem[]) {
      const after: ReservationItem = { ...reservation, status: "EXPIRED", updatedAt: nowIso };
      try {
        await this.commitChange("EXPIRED", [
          updateItem(
            "reservation",
            this.reservationPatch(reservation)
              .set({ status: "EXPIRED", updatedAt: nowIso })
              .where((a, op) => `${op.eq(a.status, "HOLD")} AND ${op.lte(a.holdExpiresAt, nowIso)}`)
              .params(),
          ),
          ...this.inventoryChange(reservation, "release", nowIso),
          this.event("ReservationStatusChanged", after, "EXPIRED", "HOLD", options.traceId ?? `expiry-${nowIso}`),
        ]);
        expired++;
      } catch (error) {
        // Confirmed or cancelled in the meantime: nothing to expire.
        if (!(error instanceof TransactionRejected)) throw error;
      }
    }
    return { expired };
  }

  async getOrder(userId: string, orderId: string): Promise<OrderView> {
    const { data } = await this.deps.entities.Order.query.byId({ orderId }).go();
    const order = data[0];
    if (!order || order.userId !== userId) throw new BookingError("order-not-found", `no order ${orderId}`);
    return this.orderView(order);
  }

  async listOrders(userId: string, options: { limit: number; cursor?: string }): Promise<Page<OrderView>> {
    const { data, cursor } = await this.deps.entities.Order.query.byUserAndCreation({ userId }).go({ limit: options.limit, cursor: options.cursor ?? null, order: "desc" });
    return { items: data.map((o) => this.orderView(o)), nextCursor: cursor };
  }

  // --- parts -------------------------------------------------------------------------------

  private async quote(offerId: string): Promise<Extract<QuotedOffer, { vertical: "flights" | "hotels" }>> {
    let quote: QuotedOffer;
    try {
      quote = await this.need("offers").quotedOffer(offerId);
    } catch (error) {
      if (error instanceof OfferNotFoundError) throw new BookingError("offer-not-found", error.message);
      if (error instanceof OfferGoneError) throw new BookingError("offer-expired", error.message);
      throw error;
    }
    if (quote.vertical === "cars") throw new BookingError("not-bookable", "car rentals can be searched but not booked through this API yet");
    return quote;
  }

  private async owned(userId: string, reservationId: string): Promise<ReservationItem> {
    const { data } = await this.deps.entities.Reservation.query.byId({ reservationId }).go();
    const reservation = data[0] as ReservationItem | undefined;
    // Someone else's reservation is "not found": its existence is not confirmed.
    if (!reservation || reservation.userId !== userId) throw new BookingError("reservation-not-found", `no reservation ${reservationId}`);
    return reservation;
  }

  private statusOf(reservation: ReservationItem): ReservationStatus {
    return effectiveStatus(reservation, this.now());
  }

  private assertActiveHold(reservation: ReservationItem, action: "confirm" | "cancel"): void {
    const status = this.statusOf(reservation);
    if (status === "HOLD") return;
    if (status === "EXPIRED") throw new BookingError("reservation-expired", `the hold expired at ${reservation.holdExpiresAt}; hold again`, { reservationStatus: status });
    throw new BookingError("invalid-transition", `reservation ${reservation.reservationId} is ${status} and cannot be ${action === "confirm" ? "confirmed" : "cancelled"}`, { reservationStatus: status });
  }

  private async explainRejection(error: unknown, userId: string, reservationId: string): Promise<never> {
    if (error instanceof TransactionRejected && !error.conflicted && !error.failedLabels.includes("idempotency")) {
      const current = await this.owned(userId, reservationId);
      throw new BookingError("invalid-transition", `reservation ${reservationId} changed meanwhile and is now ${this.statusOf(current)}`, { reservationStatus: this.statusOf(current) });
    }
    throw error;
  }

  private reservationPatch(reservation: ReservationItem) {
    return this.deps.entities.Reservation.patch({ reservationId: reservation.reservationId, eventId: reservation.eventId }).composite({
      userId: reservation.userId,
      createdAt: reservation.createdAt,
    });
  }

  /** Writes a status change (with its outbox event) in one transaction, and counts it once it committed. */
  private async commitChange(status: ReservationStatus, items: LabelledItem[]): Promise<void> {
    await transactWrite(this.deps.client, items);
    metrics.count("ReservationStatusCount", { Status: status });
  }

  private event(name: EventName, reservation: ReservationItem, status: ReservationStatus, previousStatus: ReservationStatus | undefined, traceId: string): LabelledItem {
    const nowIso = new Date(this.now()).toISOString();
    return outboxEntry(
      this.deps.entities,
      {
        name,
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

  /** The seat or room-night writes that move a reservation's inventory, each with its condition. */
  private inventoryChange(reservation: ReservationItem, change: "release" | "sell" | "unsell", nowIso: string): LabelledItem[] {
    if (reservation.vertical === "hotels") {
      const stay = stayOf(reservation.itinerary as HotelOffer);
      return stay.nights.map((night) => this.roomNightChange(stay, night, change, reservation.qty, nowIso));
    }
    const { Seat } = this.deps.entities;
    return reservation.seatIds.map((seatId) => {
      const key = { eventId: reservation.eventId, seatId };
      const params =
        change === "sell"
          ? Seat.patch(key).set({ status: "SOLD", updatedAt: nowIso }).remove(["holdExpiresAt"])
              .where((a, op) => `${op.eq(a.reservationId, reservation.reservationId)} AND ${op.eq(a.status, "HELD")}`)
          : Seat.patch(key).set({ status: "AVAILABLE", updatedAt: nowIso }).remove(["reservationId", "holdExpiresAt"])
              .where((a, op) => `${op.eq(a.reservationId, reservation.reservationId)} AND ${op.eq(a.status, change === "release" ? "HELD" : "SOLD")}`);
      return updateItem(`seat:${seatId}`, params.params());
    });
  }

  /**
   * Room counts for one night are changed with arithmetic under a condition (hand-written: ElectroDB
   * has no `if_not_exists(a) - n` update). A night nobody has booked has no item and counts as full
   * capacity available.
   */
  private roomNightChange(stay: { hotelId: string; category: string }, night: string, change: "hold" | "release" | "sell" | "unsell", n: number, nowIso: string): LabelledItem {
    const { TableName, Key } = this.deps.entities.RoomNight.get({ hotelId: stay.hotelId, night, category: stay.category }).params() as { TableName: string; Key: Record<string, string> };
    const expressions = {
      hold: ["available = if_not_exists(available, :capacity) - :n, held = if_not_exists(held, :zero) + :n, sold = if_not_exists(sold, :zero)", "attribute_not_exists(available) OR available >= :n"],
      release: ["available = available + :n, held = held - :n", "held >= :n"],
      sell: ["held = held - :n, sold = sold + :n", "held >= :n"],
      unsell: ["sold = sold - :n, available = available + :n", "sold >= :n"],
    } as const;
    const [set, condition] = expressions[change];
    return updateItem(`night:${night}`, {
      TableName,
      Key,
      UpdateExpression: `SET ${set}, hotelId = :hotelId, night = :night, category = :category, updatedAt = :now, #entity = :entity, #version = :version`,
      ConditionExpression: condition,
      ExpressionAttributeNames: { "#entity": "__edb_e__", "#version": "__edb_v__" },
      ExpressionAttributeValues: {
        ":n": n,
        ...(change === "hold" ? { ":capacity": roomsPerCategoryPerNight, ":zero": 0 } : {}),
        ":hotelId": stay.hotelId,
        ":night": night,
        ":category": stay.category,
        ":now": nowIso,
        ":entity": "roomNight",
        ":version": "1",
      },
    });
  }

  private async seatStates(eventId: string): Promise<Map<string, "AVAILABLE" | "HELD" | "SOLD">> {
    const { data } = await this.deps.entities.Seat.query.byDeparture({ eventId }).go({ pages: "all", consistent: true });
    return new Map(data.map((seat) => [seat.seatId, seat.status]));
  }

  private async firstFreeSeats(eventId: string, layout: string[], count: number): Promise<string[]> {
    const states = await this.seatStates(eventId);
    return layout.filter((seatId) => (states.get(seatId) ?? "AVAILABLE") === "AVAILABLE").slice(0, count);
  }

  private async roomCounts(hotelId: string, category: string, nights: string[]) {
    const { data } = await this.deps.entities.RoomNight.query.byHotel({ hotelId }).go({ pages: "all" });
    const byNight = new Map(data.filter((d) => d.category === category).map((d) => [d.night, d]));
    return nights.map((night) => {
      const counts = byNight.get(night);
      return { night, capacity: roomsPerCategoryPerNight, available: counts?.available ?? roomsPerCategoryPerNight, held: counts?.held ?? 0, sold: counts?.sold ?? 0 };
    });
  }

  private orderView(o: OrderItem): OrderView {
    return {
      orderId: o.orderId,
      reservationId: o.reservationId,
      eventId: o.eventId,
      status: o.status,
      seatIds: o.seatIds,
      totalAmount: amountText(o.totalAmount, o.currency),
      currency: o.currency,
      paymentId: o.paymentIntentId,
      ...(o.refundedAmount !== undefined ? { refundedAmount: amountText(o.refundedAmount, o.currency) } : {}),
      itinerary: o.itinerary as FlightOffer | HotelOffer,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }
}
