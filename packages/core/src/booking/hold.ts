import { firstFreeSeats } from "./availability";
import { newId, type BookableQuote, type BookingContext } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { departureOf, rentalOf, roomsPerCategoryPerNight, stayOf } from "./inventory";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import { bookingPolicy } from "./policy";
import { TransactionRejected, type LabelledItem } from "./transact";
import { toReservationView, type ReservationItem, type ReservationView, type Traveler } from "./views";
import { newReservation, reservationEvent, roomNightChange, seatHold } from "./write-items";
import { missingTravellerFields } from "./supplier-orders";

export interface HoldRequest {
  userId: string;
  offerId: string;
  /** Flights: the seats wanted; without them the first free seats in the cabin are assigned. */
  seatIds?: string[];
  /** Seats or rooms; must match what the offer was priced for. */
  quantity?: number;
  travelers: Traveler[];
  contactEmail: string;
  /** E.164; required by suppliers that take orders. */
  contactPhone?: string;
  traceId: string;
}

/** How many attempts a hold with assigned seats makes when someone takes them first. */
const assignedSeatAttempts = 3;

/**
 * Hold seats or rooms for an offer (status HOLD until `holdExpiresAt`): one transaction takes
 * every seat or room-night under its condition and writes the reservation, its `Reservation
 * Created` outbox row and the key's outcome.
 */
export function holdReservation(context: BookingContext, request: HoldRequest, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
  return context.underLease(lease, request.traceId, async () => {
    const quote = await context.quote(request.offerId);
    const units = unitsFitting(quote, request);
    const supplierOrder = supplierOrderOf(context, quote, request);
    const nowMs = context.now();
    const nowIso = new Date(nowMs).toISOString();
    const base = {
      reservationId: newId("res"),
      userId: request.userId,
      qty: units,
      status: "HOLD" as const,
      holdExpiresAt: new Date(nowMs + context.deps.settings.holdMinutes * 60_000).toISOString(),
      idempotencyKey: lease.key,
      createdAt: nowIso,
      updatedAt: nowIso,
      offerId: request.offerId,
      vertical: quote.vertical,
      totalAmount: Number(quote.offer.price.total),
      currency: quote.offer.price.currency,
      travelers: request.travelers,
      contactEmail: request.contactEmail,
      ...(request.contactPhone ? { contactPhone: request.contactPhone } : {}),
      ...(supplierOrder ? { supplierOrder } : {}),
      itinerary: quote.offer,
    };
    const draft: HoldDraft = {
      base,
      units,
      nowIso,
      write: (reservation, inventory) => writeHold(context, reservation, inventory, lease, request.traceId, nowIso),
    };
    if (quote.vertical === "cars") return holdCar(quote, draft);
    return quote.vertical === "hotels" ? holdRooms(context, quote, draft) : holdSeats(context, quote, request, draft);
  });
}

/**
 * For an offer whose supplier takes orders, what the reservation records of that order: PENDING,
 * to be held at the supplier right after the hold (the saga in ./supplier-saga.ts) or, for an offer
 * that must be paid at once, ordered at confirm. The supplier needs each traveller's full details.
 */
function supplierOrderOf(context: BookingContext, quote: BookableQuote, request: HoldRequest): ReservationItem["supplierOrder"] {
  // What the offer said it needs (its `bookingRequirements`), asked before anything is held.
  const missing = missingTravellerFields(quote.offer.bookingRequirements, request.travelers, request.contactPhone);
  if (missing.length > 0) {
    throw new BookingRefused("traveller-details-missing", `${quote.offer.supplier} needs ${missing.join(", ")} to book this offer`, { fields: missing });
  }
  if (!context.orderSupplierFor(quote.vertical, quote.offer.supplier)) {
    // Cars have no inventory of ours: a rental is only ever the supplier's reservation.
    if (quote.vertical === "cars") throw new BookingRefused("not-bookable", `${quote.offer.supplier} takes no car reservations through this platform`);
    return undefined;
  }
  return { supplier: quote.offer.supplier, status: "PENDING", type: orderTypeOf(quote), supplierOfferId: quote.offer.supplierOfferId };
}

/**
 * When the supplier is asked: flights and cars are held there with the hold (a fare that must be
 * paid at once is ordered at confirm); stays are booked at confirm, as Duffel holds no stays.
 */
function orderTypeOf(quote: BookableQuote): "hold" | "instant" {
  if (quote.vertical === "flights") return quote.offer.payment?.instantPaymentRequired ? "instant" : "hold";
  return quote.vertical === "hotels" ? "instant" : "hold";
}

/** The seats or rooms the offer was priced for, if the request asks for that many. */
function unitsFitting(quote: BookableQuote, request: HoldRequest): number {
  const units = quote.vertical === "flights" ? quote.criteria.adults + quote.criteria.children : quote.vertical === "hotels" ? quote.criteria.rooms : 1;
  if (request.quantity !== undefined && request.quantity !== units) {
    const what = { flights: "seat(s)", hotels: "room(s)", cars: "car(s)" }[quote.vertical];
    throw new BookingRefused("invalid-selection", `offer ${request.offerId} was priced for ${units} ${what}; search again to book ${request.quantity}`, { quantity: units });
  }
  if (quote.vertical === "cars" && request.travelers.length !== 1) {
    throw new BookingRefused("invalid-selection", `a car rental is booked in its driver's name: 1 traveller expected, ${request.travelers.length} given`, { travelers: 1 });
  }
  if (quote.vertical === "flights" && request.travelers.length !== units) {
    throw new BookingRefused("invalid-selection", `offer ${request.offerId} was priced for ${units} traveller(s); ${request.travelers.length} given`, { travelers: units });
  }
  if (quote.vertical === "hotels" && request.travelers.length > quote.criteria.adults) {
    throw new BookingRefused("invalid-selection", `offer ${request.offerId} was priced for ${quote.criteria.adults} guest(s); ${request.travelers.length} given`);
  }
  if (units > bookingPolicy.maxUnitsPerReservation) {
    throw new BookingRefused("invalid-selection", `at most ${bookingPolicy.maxUnitsPerReservation} seats or rooms per reservation`);
  }
  return units;
}

/** A hold before its inventory is chosen: the reservation but for what it holds, and how to write it. */
interface HoldDraft {
  base: Omit<ReservationItem, "eventId" | "seatIds" | "startsAt" | "inventoryTags">;
  units: number;
  nowIso: string;
  write: (reservation: ReservationItem, inventory: LabelledItem[]) => Promise<ReservationView>;
}

async function holdRooms(context: BookingContext, quote: Extract<BookableQuote, { vertical: "hotels" }>, { base, units, nowIso, write }: HoldDraft): Promise<ReservationView> {
  const stay = stayOf(quote.offer, quote.criteria.cityCode);
  if (units > roomsPerCategoryPerNight) throw new BookingRefused("rooms-unavailable", `the hotel has ${roomsPerCategoryPerNight} rooms of this category a night`);
  const reservation: ReservationItem = { ...base, eventId: stay.eventId, seatIds: [], startsAt: stay.startsAt, inventoryTags: [`hotels:${quote.criteria.cityCode}`] };
  const rooms = stay.nights.map((night) => roomNightChange(context.entities, stay, night, "hold", units, nowIso));
  try {
    return await write(reservation, rooms);
  } catch (error) {
    if (error instanceof TransactionRejected && !error.conflicted && error.failedLabels.every((l) => l.startsWith("night:"))) {
      const nights = error.failedLabels.map((l) => l.slice("night:".length));
      throw new BookingRefused("rooms-unavailable", `no ${stay.category} room left for ${nights.join(", ")}`, { nights });
    }
    throw error;
  }
}

/** A rental holds nothing of ours: the supplier's reservation (placed by the saga) is the hold. */
function holdCar(quote: Extract<BookableQuote, { vertical: "cars" }>, { base, write }: HoldDraft): Promise<ReservationView> {
  const rental = rentalOf(quote.offer);
  return write({ ...base, eventId: rental.eventId, seatIds: [], startsAt: rental.startsAt, inventoryTags: [] }, []);
}

async function holdSeats(context: BookingContext, quote: Extract<BookableQuote, { vertical: "flights" }>, request: HoldRequest, { base, units, nowIso, write }: HoldDraft): Promise<ReservationView> {
  const departure = departureOf(quote.offer);
  const route = `route:${quote.criteria.origin}-${quote.criteria.destination}`;
  const { layout, supplier } = await context.seatsOf(quote);
  // A seat the supplier does not sell cannot be held here either.
  const notForSale = new Set(supplier?.seats.filter((s) => !s.available).map((s) => s.seatId));
  const layoutSeats = new Set(layout.filter((seatId) => !notForSale.has(seatId)));
  if (request.seatIds) {
    const unknown = request.seatIds.filter((s) => !layoutSeats.has(s));
    if (unknown.length > 0) {
      const taken = unknown.filter((s) => notForSale.has(s));
      if (taken.length === unknown.length) throw new BookingRefused("seats-unavailable", `seat(s) ${taken.join(", ")} not for sale by the airline`, { seatIds: taken });
      throw new BookingRefused("invalid-selection", `no seat ${unknown.join(", ")} in ${departure.layout.cabin} on this flight`, { seatIds: unknown });
    }
    if (new Set(request.seatIds).size !== request.seatIds.length) throw new BookingRefused("invalid-selection", "a seat is named twice");
    if (request.seatIds.length !== units) throw new BookingRefused("invalid-selection", `choose ${units} seat(s), one per traveller`);
  }
  // Chosen seats are tried once; assigned seats are re-chosen if someone takes them first.
  for (let attempt = 1; ; attempt++) {
    const seatIds = request.seatIds ?? (await firstFreeSeats(context.entities, departure.eventId, [...layoutSeats], units));
    if (seatIds.length < units) throw new BookingRefused("seats-unavailable", `only ${seatIds.length} seat(s) left in ${departure.layout.cabin}`, { seatIds: [] });
    const reservation: ReservationItem = { ...base, eventId: departure.eventId, seatIds, startsAt: departure.startsAt, inventoryTags: [route] };
    const seats = seatIds.map((seatId) => seatHold(context.entities, departure, seatId, reservation, nowIso));
    try {
      return await write(reservation, seats);
    } catch (error) {
      if (!(error instanceof TransactionRejected)) throw error;
      const takenSeats = error.failedLabels.filter((l) => l.startsWith("seat:")).map((l) => l.slice("seat:".length));
      if (request.seatIds || attempt >= assignedSeatAttempts) {
        if (takenSeats.length > 0) throw new BookingRefused("seats-unavailable", `seat(s) ${takenSeats.join(", ")} already taken`, { seatIds: takenSeats });
        // A collision with a transaction in flight wrote nothing: transient, the caller retries.
        throw error;
      }
    }
  }
}

async function writeHold(context: BookingContext, reservation: ReservationItem, inventory: LabelledItem[], lease: IdempotencyLease, traceId: string, nowIso: string): Promise<ReservationView> {
  const view = toReservationView(reservation, context.now());
  await context.commitChange("HOLD", [
    ...inventory,
    newReservation(context.entities, reservation),
    reservationEvent(context.entities, { name: "ReservationCreated", reservation, status: "HOLD", traceId }, nowIso),
    context.need("idempotency").completion(lease, { outcome: { ok: view }, traceId }),
  ]);
  return view;
}
