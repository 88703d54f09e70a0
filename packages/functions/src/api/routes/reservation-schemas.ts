import { z } from "@hono/zod-openapi";
import { bookingPolicy, reservationStatuses } from "@travel/core/booking";
import { carOfferSchema, flightOfferSchema, hotelOfferSchema } from "@travel/core/search";
import { problemResponse } from "../problem";

/** The shapes of the reservation routes (./reservations.ts, ./reservation-changes.ts): ids, bodies, answers, and the responses they share. */
// maxLength: what each pattern allows, said for the document.
export const offerId = z.string().regex(/^(fo|ho|co)_[A-Za-z0-9_-]{22}$/, { message: "id must be an offer id from a search (fo_…, ho_…, co_…)" }).meta({ maxLength: 25 });
export const reservationId = z.string().regex(/^res_[A-Za-z0-9_-]{22}$/, { message: "must be a reservation id (res_…)" }).meta({ maxLength: 26 });
export const orderId = z.string().regex(/^ord_[A-Za-z0-9_-]{22}$/, { message: "must be an order id (ord_…)" }).meta({ maxLength: 26 });
const name = z.string().trim().min(1).max(100).regex(/^[\p{L}\p{M}' .-]+$/u, { message: "letters, spaces, apostrophes, dots and hyphens only" });

const travelerSchema = z
  .object({
    firstName: name,
    lastName: name,
    dateOfBirth: z.iso.date().meta({ maxLength: 10, description: "Required when the offer's `bookingRequirements` say so (Duffel flights, car rentals: the driver's)" }).optional(),
    email: z.email().max(254).optional(),
    title: z.enum(["mr", "ms", "mrs", "miss", "dr"]).optional().meta({ description: "Required when the offer's `bookingRequirements` say so (Duffel flights)" }),
    gender: z.enum(["m", "f"]).optional().meta({ description: "As on the traveller's documents; required when the offer's `bookingRequirements` say so (Duffel flights)" }),
  })
  .meta({ id: "Traveler" });

const supplierOrderSchema = z
  .object({
    supplier: z.string(),
    status: z.enum(["PENDING", "HELD", "PAID", "FAILED", "CANCELLED"]).meta({
      description: "PENDING: the supplier is being asked (a hold is placed there within seconds) or, for an order made at confirm, not yet asked; HELD: held there until paid; PAID: ticketed, booked or confirmed there; FAILED: the supplier refused the hold (the reservation is CANCELLED, its seats released); CANCELLED: cancelled there",
    }),
    type: z.enum(["hold", "instant"]).meta({ description: "hold: held at the supplier with the reservation, paid at confirm (flights that may be held, car rentals); instant: ordered and paid at confirm (flights that must be paid at once, Duffel stays)" }),
    bookingReference: z.string().optional().meta({ description: "The airline's booking reference (PNR), the hotel's reference or the rental's confirmation number" }),
    paymentRequiredBy: z.string().optional(),
    documents: z.array(z.object({ type: z.string().meta({ description: "e.g. electronic_ticket" }), uniqueIdentifier: z.string().meta({ description: "e.g. the e-ticket number" }) })).optional(),
    failure: z.string().optional().meta({ description: "Why the supplier refused" }),
  })
  .meta({ id: "SupplierOrder", description: "The supplier's order behind a booking (Duffel flights and stays, car rentals)" });

const seatIdList = z.array(z.string().regex(/^\d{1,2}[A-K]$/, { message: "seat ids look like 12A" }).meta({ maxLength: 3 })).min(1).max(bookingPolicy.maxUnitsPerReservation);

/** Seats per flight, as reservations and orders show them. */
const flightSeatsSchema = z
  .object({
    segment: z.number().int().meta({ description: "The flight's position in the itinerary (0: the first flight)" }),
    flightNumber: z.string(),
    eventId: z.string().meta({ description: "The departure (flight, date, cabin) whose seats are held" }),
    seatIds: z.array(z.string()).meta({ description: "One per traveller, in the travellers' order" }),
  })
  .meta({ id: "FlightSeats" });

export const holdBody = z
  .object({
    offerId,
    seatIds: seatIdList.optional().meta({ description: "Seats on the first flight, one per traveller (shorthand for `seats` with segment 0)" }),
    seats: z
      .array(z.object({ segment: z.number().int().min(0).max(bookingPolicy.maxFlightsPerOffer - 1).meta({ description: "The flight, as the seat map's `segments[].segment` numbers it" }), seatIds: seatIdList }))
      .max(bookingPolicy.maxFlightsPerOffer)
      .optional()
      .meta({
        description:
          "Seats chosen per flight, one per traveller; flights not named get the first free seats (free ones first). Seats the supplier charges for are added to the total. On an offer sold by Duffel, chosen seats are booked with the supplier's order, which Duffel allows only when it is paid at once: the order is then placed at confirm (`supplierOrder.type` instant)",
      }),
    quantity: z.number().int().min(1).max(bookingPolicy.maxUnitsPerReservation).optional(),
    travelers: z
      .array(travelerSchema)
      .min(1)
      .max(bookingPolicy.maxUnitsPerReservation)
      .meta({ description: "Flights: one per seat; stays: the guests (at most the offer's adults); car rentals: the driver alone, with a date of birth" }),
    contactEmail: z.email().max(254).optional(),
    contactPhone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, { message: "an E.164 phone number, like +442080160509" })
      .optional()
      .meta({ maxLength: 16, description: "E.164; required when the offer's `bookingRequirements.contactPhone` is true (Duffel flights and stays, car rentals)" }),
  })
  .refine((b) => !(b.seatIds && b.seats?.some((s) => s.segment === 0)), { message: "name the first flight's seats once: seatIds or seats segment 0", path: ["seats"] })
  .refine((b) => b.contactEmail ?? b.travelers.some((t) => t.email), {
    message: "contactEmail is required unless a traveller has an email (confirmations are sent there)",
    path: ["contactEmail"],
  })
  .meta({ id: "HoldRequest" });

const changedFlight = z.object({ flightNumber: z.string(), origin: z.string(), destination: z.string(), departingAt: z.string().meta({ description: "Local time at the airport" }), arrivingAt: z.string() });
const airlineChangeSchema = z
  .object({
    status: z.enum(["pending", "accepted"]).meta({ description: "pending: the traveller has not answered; accepted: the new flights are the booking's" }),
    detectedAt: z.string(),
    availableActions: z.array(z.string()).meta({ description: "What the supplier allows: `accept` (POST …/airline-change/accept), `cancel` (the cancellation quote, then cancel), `change`" }),
    removed: z.array(z.object({ flights: z.array(changedFlight) })).meta({ description: "The journey's slices as booked" }),
    added: z.array(z.object({ flights: z.array(changedFlight) })).meta({ description: "The journey's slices as the airline changed them" }),
    acceptedAt: z.string().optional(),
  })
  .meta({ id: "AirlineChange", description: "The airline changed the booked flights (a schedule change the supplier reported)" });

export const reservationSchema = z
  .object({
    reservationId: z.string(),
    status: z.enum(reservationStatuses),
    vertical: z.enum(["flights", "hotels", "cars"]),
    offerId: z.string(),
    eventId: z.string().meta({ description: "The departure, stay or rental held (the reservation's event_id; a flight booking's first flight)" }),
    seatIds: z.array(z.string()).meta({ description: "The seats held on the first flight" }),
    seats: z.array(flightSeatsSchema).meta({ description: "Flights: the seats held on every flight; empty for stays and cars" }),
    quantity: z.number().int(),
    holdExpiresAt: z.string(),
    totalAmount: z.string(),
    seatsAmount: z.string().optional().meta({ description: "The part of totalAmount paid for seats the travellers chose" }),
    currency: z.string(),
    travelers: z.array(travelerSchema),
    contactEmail: z.string(),
    itinerary: z.union([flightOfferSchema, hotelOfferSchema, carOfferSchema]),
    startsAt: z.string(),
    orderId: z.string().optional(),
    refundedAmount: z.string().optional(),
    supplierOrder: supplierOrderSchema.optional(),
    airlineChange: airlineChangeSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Reservation" });

export const orderSchema = z
  .object({
    orderId: z.string(),
    reservationId: z.string(),
    eventId: z.string(),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    seatIds: z.array(z.string()),
    seats: z.array(flightSeatsSchema),
    totalAmount: z.string(),
    seatsAmount: z.string().optional(),
    currency: z.string(),
    paymentId: z.string(),
    refundedAmount: z.string().optional(),
    itinerary: z.union([flightOfferSchema, hotelOfferSchema, carOfferSchema]),
    supplierOrder: supplierOrderSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Order" });

export const cancelBody = z.object({ quoteId: z.string().regex(/^cq_[A-Za-z0-9_-]{22}$/, { message: "must be a cancellation quote id (cq_…)" }).meta({ maxLength: 25 }).optional() }).meta({ id: "CancelRequest" });

export const cancellationQuoteSchema = z
  .object({
    quoteId: z.string(),
    reservationId: z.string(),
    refundAmount: z.string().meta({ description: "What the traveller gets back" }),
    currency: z.string(),
    refundTo: z.enum(["original-payment", "nothing-paid"]).meta({ description: "original-payment: back to the card paid with; nothing-paid: a hold, never charged" }),
    expiresAt: z.string(),
    supplier: z
      .object({ name: z.string(), refundAmount: z.string(), refundCurrency: z.string(), refundTo: z.string().meta({ description: "Where the supplier sends its refund (Duffel's refund_to: balance, card, voucher, airline_credits, awaiting_payment…); stays and car rentals: balance" }) })
      .optional()
      .meta({ description: "The supplier's own quote, for bookings that are its order" }),
  })
  .meta({ id: "CancellationQuote" });

const flightSeatMap = {
  eventId: z.string(),
  seatsAvailable: z.number().int(),
  seatMapSource: z.enum(["supplier", "layout"]).meta({ description: "`supplier`: the seller's own seat map (Duffel); `layout`: laid out here for suppliers that publish none" }),
  seats: z.array(
    z.object({
      seatId: z.string(),
      row: z.number().int(),
      letter: z.string(),
      status: z.enum(["AVAILABLE", "HELD", "SOLD", "UNAVAILABLE"]).meta({ description: "HELD and SOLD here; UNAVAILABLE: the supplier does not sell it" }),
      price: z.object({ amount: z.string(), currency: z.string() }).optional().meta({ description: "What the supplier charges for choosing it" }),
    }),
  ),
};

export const inventorySchema = z.union([
  z.object({
    vertical: z.literal("flights"),
    offerId: z.string(),
    cabin: z.string(),
    fareClass: z.string(),
    ...flightSeatMap,
    segments: z
      .array(z.object({ segment: z.number().int(), flightNumber: z.string(), departsAt: z.string(), ...flightSeatMap }))
      .meta({ description: "Every flight of the offer, outbound then return, each with its own seats (a hold names seats per `segment`); the fields beside it repeat the first flight's" }),
  }),
  z.object({
    vertical: z.literal("hotels"),
    offerId: z.string(),
    eventId: z.string(),
    hotelId: z.string(),
    roomCategory: z.string(),
    roomsAvailable: z.number().int(),
    nights: z.array(z.object({ night: z.string(), capacity: z.number().int(), available: z.number().int(), held: z.number().int(), sold: z.number().int() })),
  }),
]);

export const idempotencyHeaders = z.object({
  // Optional here so a missing key gets its own problem type (idempotency-key-missing), not a generic 400.
  "idempotency-key": z.string().optional().meta({ description: "Required. Unique per request (e.g. a UUID); resend it only to retry the same request" }),
});
export const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional().meta({ description: "`meta.nextCursor` of the previous page" }),
});
export const data = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: schema }) } });
export const listOf = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: z.array(schema), meta: z.object({ nextCursor: z.string().nullable() }) }) } });
export const common = {
  400: problemResponse("Invalid request"),
  401: problemResponse("Not signed in, or the access token is invalid (see WWW-Authenticate)"),
  503: problemResponse("A data store or the sign-in service's keys are unavailable; retry"),
};
export const unsafe = {
  ...common,
  409: problemResponse("Conflict: seats taken, hold expired, wrong status, the supplier still placing or refused its hold, or the same Idempotency-Key still in flight"),
  422: problemResponse("Selection does not fit the offer, the supplier needs more traveller details (`traveller-details-missing`, with `fields`), or Idempotency-Key reused with a different request"),
};
