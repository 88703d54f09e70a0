import { firstFreeSeats } from "./availability";
import { fromMinorUnits, toMinorUnits } from "../payments/port";
import { newId, type BookableQuote, type BookingContext, type FlightSeats } from "./context";
import type { IdempotencyLease } from "./idempotency";
import { rentalOf, roomsPerCategoryPerNight, stayOf } from "./inventory";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import { bookingPolicy } from "./policy";
import { TransactionRejected, type LabelledItem } from "./transact";
import { toReservationView, type ReservationItem, type ReservationView, type Traveler } from "./views";
import { newReservation, reservationEvent, roomNightChange, seatHold, seatOfLabel } from "./write-items";
import { missingTravellerFields } from "./supplier-orders";

export interface HoldRequest {
  userId: string;
  offerId: string;
  /** Flights: the seats wanted on the first flight, one per traveller (shorthand for `seats` segment 0). */
  seatIds?: string[];
  /** Flights: the seats wanted per flight (`segment` as the seat map numbers them); flights not named get the first free seats. */
  seats?: Array<{ segment: number; seatIds: string[] }>;
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
  const seatSegments = quote.vertical === "flights" ? [...(request.seatIds ? [0] : []), ...(request.seats ?? []).map((s) => s.segment)].sort((a, b) => a - b) : [];
  return {
    supplier: quote.offer.supplier,
    status: "PENDING",
    type: orderTypeOf(quote, seatSegments.length > 0),
    supplierOfferId: quote.offer.supplierOfferId,
    ...(seatSegments.length > 0 ? { seatSegments } : {}),
  };
}

/**
 * When the supplier is asked: flights and cars are held there with the hold (a fare that must be
 * paid at once is ordered at confirm, and so is one with chosen seats: Duffel books seats only on
 * an order paid at once); stays are booked at confirm, as Duffel holds no stays.
 */
function orderTypeOf(quote: BookableQuote, seatsChosen: boolean): "hold" | "instant" {
  if (quote.vertical === "flights") return quote.offer.payment?.instantPaymentRequired || seatsChosen ? "instant" : "hold";
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
  const flights = await context.seatsOf(quote);
  if (flights.length > bookingPolicy.maxFlightsPerOffer) throw new BookingRefused("not-bookable", `offers of more than ${bookingPolicy.maxFlightsPerOffer} flights cannot be booked here`);
  const chosen = chosenSeats(request, flights, units);
  const forSale = flights.map(seatsForSale);
  const seatsAmount = priceOfChosen(flights, chosen, quote.offer.price.currency);
  const route = `route:${quote.criteria.origin}-${quote.criteria.destination}`;
  // Chosen seats are tried once; assigned seats are re-chosen if someone takes them first.
  for (let attempt = 1; ; attempt++) {
    const seatsByFlight = await Promise.all(flights.map(({ flight }, i) => chosen.get(i) ?? firstFreeSeats(context.entities, flight.eventId, forSale[i]!, units)));
    const short = seatsByFlight.findIndex((seatIds) => seatIds.length < units);
    if (short >= 0) throw new BookingRefused("seats-unavailable", `only ${seatsByFlight[short]!.length} seat(s) left in ${quote.offer.cabin} on ${flights[short]!.flight.flightNumber}`, { seatIds: [] });
    const [first, ...onward] = flights.map(({ flight }, i) => ({ eventId: flight.eventId, seatIds: seatsByFlight[i]! }));
    const reservation: ReservationItem = {
      ...base,
      ...(seatsAmount > 0 ? { totalAmount: Number((base.totalAmount + seatsAmount).toFixed(2)), seatsAmount } : {}),
      eventId: first!.eventId,
      seatIds: first!.seatIds,
      ...(onward.length > 0 ? { onwardSeats: onward } : {}),
      startsAt: flights[0]!.flight.startsAt,
      inventoryTags: [route],
    };
    const seats = flights.flatMap(({ flight }, i) => seatsByFlight[i]!.map((seatId) => seatHold(context.entities, flight, seatId, reservation, nowIso)));
    try {
      return await write(reservation, seats);
    } catch (error) {
      if (!(error instanceof TransactionRejected)) throw error;
      const taken = error.failedLabels.map(seatOfLabel).filter((seat) => seat !== undefined);
      const takenChosen = taken.filter((seat) => flights.some(({ flight }, i) => flight.eventId === seat.eventId && chosen.has(i)));
      if (takenChosen.length > 0) throw new BookingRefused("seats-unavailable", `seat(s) ${takenChosen.map((s) => s.seatId).join(", ")} already taken`, { seatIds: takenChosen.map((s) => s.seatId) });
      if (attempt >= assignedSeatAttempts) {
        if (taken.length > 0) throw new BookingRefused("seats-unavailable", `seat(s) ${taken.map((s) => s.seatId).join(", ")} already taken`, { seatIds: taken.map((s) => s.seatId) });
        // A collision with a transaction in flight wrote nothing: transient, the caller retries.
        throw error;
      }
    }
  }
}

/**
 * The seats a flight may be held on, cheapest first (stable, so in seat-map order within a price):
 * a seat assigned here is not charged for, so it never takes one the airline sells dearer.
 */
function seatsForSale({ layout, atSupplier }: FlightSeats): string[] {
  const priceOf = (seatId: string) => Number(atSupplier.get(seatId)?.price?.amount ?? 0);
  return layout.filter((seatId) => atSupplier.get(seatId)?.available !== false).sort((a, b) => priceOf(a) - priceOf(b));
}

/** The seats the request names, per flight (by position), checked against each flight's seat map. */
function chosenSeats(request: HoldRequest, flights: FlightSeats[], units: number): Map<number, string[]> {
  const chosen = new Map<number, string[]>();
  if (request.seatIds) chosen.set(0, request.seatIds);
  for (const { segment, seatIds } of request.seats ?? []) {
    if (segment >= flights.length) throw new BookingRefused("invalid-selection", `the offer has ${flights.length} flight(s); no segment ${segment}`);
    if (chosen.has(segment)) throw new BookingRefused("invalid-selection", `seats for segment ${segment} are named twice`);
    chosen.set(segment, seatIds);
  }
  for (const [segment, seatIds] of chosen) {
    const { flight, layout, atSupplier } = flights[segment]!;
    const known = new Set(layout);
    const unknown = seatIds.filter((s) => !known.has(s));
    if (unknown.length > 0) throw new BookingRefused("invalid-selection", `no seat ${unknown.join(", ")} in ${flight.layout.cabin} on ${flight.flightNumber}`, { seatIds: unknown });
    const taken = seatIds.filter((s) => atSupplier.get(s)?.available === false);
    if (taken.length > 0) throw new BookingRefused("seats-unavailable", `seat(s) ${taken.join(", ")} on ${flight.flightNumber} not for sale by the airline`, { seatIds: taken });
    if (new Set(seatIds).size !== seatIds.length) throw new BookingRefused("invalid-selection", `a seat is named twice on ${flight.flightNumber}`);
    if (seatIds.length !== units) throw new BookingRefused("invalid-selection", `choose ${units} seat(s) on ${flight.flightNumber}, one per traveller`);
  }
  return chosen;
}

/** What the chosen seats cost at the supplier (free on seat maps laid out here), in the offer's currency. */
function priceOfChosen(flights: FlightSeats[], chosen: Map<number, string[]>, currency: string): number {
  let cents = 0;
  for (const [segment, seatIds] of chosen) {
    const { atSupplier } = flights[segment]!;
    for (const seatId of seatIds) {
      const price = atSupplier.get(seatId)?.price;
      if (!price) continue;
      if (price.currency !== currency) throw new BookingRefused("invalid-selection", `seat ${seatId} is priced in ${price.currency}, the offer in ${currency}`, { seatIds: [seatId] });
      cents += toMinorUnits(price.amount, currency);
    }
  }
  return Number(fromMinorUnits(cents, currency));
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
