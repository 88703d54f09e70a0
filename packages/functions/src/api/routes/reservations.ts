import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bookingPolicy, reservationStatuses, type BookingOutcome } from "@travel/core/booking";
import { testPaymentMethods } from "@travel/core/payments";
import { carOfferSchema, flightOfferSchema, hotelOfferSchema } from "@travel/core/search";
import { bookingProblem, idempotent } from "../booking-http";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";

/**
 * Reservations and orders (the reservation tables' contract). Every route acts for the signed-in traveller (Bearer access
 * token); another traveller's reservation or order is a 404.
 */
// maxLength: what each pattern allows, said for the document.
const offerId = z.string().regex(/^(fo|ho|co)_[A-Za-z0-9_-]{22}$/, { message: "id must be an offer id from a search (fo_…, ho_…, co_…)" }).meta({ maxLength: 25 });
export const reservationId = z.string().regex(/^res_[A-Za-z0-9_-]{22}$/, { message: "must be a reservation id (res_…)" }).meta({ maxLength: 26 });
const orderId = z.string().regex(/^ord_[A-Za-z0-9_-]{22}$/, { message: "must be an order id (ord_…)" }).meta({ maxLength: 26 });
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

const holdBody = z
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

const orderSchema = z
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

const cancelBody = z.object({ quoteId: z.string().regex(/^cq_[A-Za-z0-9_-]{22}$/, { message: "must be a cancellation quote id (cq_…)" }).meta({ maxLength: 25 }).optional() }).meta({ id: "CancelRequest" });

const cancellationQuoteSchema = z
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

const inventorySchema = z.union([
  z.object({
    vertical: z.literal("flights"),
    offerId: z.string(),
    eventId: z.string(),
    cabin: z.string(),
    fareClass: z.string(),
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
const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional().meta({ description: "`meta.nextCursor` of the previous page" }),
});
export const data = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: schema }) } });
const listOf = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: z.array(schema), meta: z.object({ nextCursor: z.string().nullable() }) }) } });
const common = {
  400: problemResponse("Invalid request"),
  401: problemResponse("Not signed in, or the access token is invalid (see WWW-Authenticate)"),
  503: problemResponse("A data store or the sign-in service's keys are unavailable; retry"),
};
export const unsafe = {
  ...common,
  409: problemResponse("Conflict: seats taken, hold expired, wrong status, the supplier still placing or refused its hold, or the same Idempotency-Key still in flight"),
  422: problemResponse("Selection does not fit the offer, the supplier needs more traveller details (`traveller-details-missing`, with `fields`), or Idempotency-Key reused with a different request"),
};

const seatMap = createRoute({
  method: "get",
  path: "/offers/{id}/seats",
  operationId: "getSeatMap",
  tags: ["Reservations"],
  summary: "Seat map of a flight offer (or room availability of a hotel offer)",
  request: { params: z.object({ id: offerId }) },
  responses: {
    200: { description: "Each seat's status, or rooms per night", content: data(inventorySchema) },
    400: problemResponse("Not an offer id"),
    404: problemResponse("No search produced this offer"),
    410: problemResponse("The offer expired; search again"),
    422: problemResponse("Car offers are not bookable"),
  },
});

const hold = createRoute({
  method: "post",
  path: "/reservations",
  operationId: "holdReservation",
  tags: ["Reservations"],
  summary: "Hold seats or rooms for an offer",
  description:
    `Holds the offer's seats (named in \`seatIds\`, or the first free ones) or rooms for ${bookingPolicy.holdMinutes} minutes (configurable), ` +
    "at the offer's last quoted price. One DynamoDB transaction holds every seat or room, writes the reservation, its " +
    "`Reservation Created` event (outbox) and this request's idempotency record. Seats already taken: 409 naming them.",
  request: { headers: idempotencyHeaders, body: { required: true, content: { "application/json": { schema: holdBody } } } },
  responses: {
    201: { description: "Held", content: data(reservationSchema) },
    ...unsafe,
    404: problemResponse("Offer not found"),
    410: problemResponse("Offer expired"),
  },
});

const getReservation = createRoute({
  method: "get",
  path: "/reservations/{id}",
  operationId: "getReservation",
  tags: ["Reservations"],
  summary: "A reservation (a hold past its expiry reads as EXPIRED)",
  request: { params: z.object({ id: reservationId }) },
  responses: { 200: { description: "The reservation", content: data(reservationSchema) }, ...common, 404: problemResponse("Not found (or not yours)") },
});

const myReservations = createRoute({
  method: "get",
  path: "/me/reservations",
  operationId: "listMyReservations",
  tags: ["Reservations"],
  summary: "My reservations, optionally by status (paginated)",
  request: { query: page.extend({ status: z.enum(reservationStatuses).optional() }) },
  responses: { 200: { description: "A page of reservations", content: listOf(reservationSchema) }, ...common },
});

const confirm = createRoute({
  method: "post",
  path: "/reservations/{id}/confirm",
  operationId: "confirmReservation",
  tags: ["Reservations"],
  summary: "Pay and confirm a hold",
  description:
    "Charges the payment method, then in one transaction: HOLD → CONFIRMED (only if still held and not expired), seats or " +
    "rooms → SOLD, the order, the `Reservation Status Changed` event. Declined → 402 and the hold stays. If the hold " +
    "expired while paying, the payment is refunded and the answer (409) says so. Local test payment methods: " +
    Object.entries(testPaymentMethods).map(([pm, what]) => `\`${pm}\` ${what}`).join("; ") + ".",
  request: {
    headers: idempotencyHeaders,
    params: z.object({ id: reservationId }),
    body: { required: true, content: { "application/json": { schema: z.object({ paymentMethod: z.string().min(3).max(255).meta({ example: "pm_card_visa" }) }) } } },
  },
  responses: {
    200: { description: "Confirmed; `orderId` names the order", content: data(reservationSchema) },
    ...unsafe,
    402: problemResponse("Payment declined (the reservation stays on hold)"),
    404: problemResponse("Not found (or not yours)"),
    502: problemResponse("The payment provider failed (retry with the same Idempotency-Key), or the supplier failed after the payment, which was refunded (`supplier-failed-refunded`, with `refundId` and `refundedAmount`)"),
  },
});

const cancel = createRoute({
  method: "post",
  path: "/reservations/{id}/cancel",
  operationId: "cancelReservation",
  tags: ["Reservations"],
  summary: "Cancel: release a hold, or cancel a confirmed booking with a refund",
  description:
    `A hold is released. A confirmed booking is refunded in full until ${bookingPolicy.fullRefundUntilHoursBefore} h before departure or check-in, ` +
    `${bookingPolicy.lateCancellationRefundShare * 100}% after that, and cannot be cancelled once it has begun. ` +
    "With `quoteId` (from the cancellation quote) it refunds what the quote said; a booking that is a supplier's order (Duffel) is cancelled only that way, at the supplier too.",
  request: {
    headers: idempotencyHeaders,
    params: z.object({ id: reservationId }),
    body: { required: false, content: { "application/json": { schema: cancelBody } } },
  },
  responses: {
    200: { description: "Cancelled (with `refundedAmount` if it was paid)", content: data(reservationSchema) },
    ...unsafe,
    404: problemResponse("Not found (or not yours)"),
    502: problemResponse("The payment provider or the supplier failed; retry with the same Idempotency-Key"),
  },
});

const cancellationQuote = createRoute({
  method: "post",
  path: "/reservations/{id}/cancellation-quote",
  operationId: "quoteCancellation",
  tags: ["Reservations"],
  summary: "What cancelling would give back, and until when",
  description:
    "Our cancellation policy's refund and, for a booking that is a supplier's order, the supplier's own quote; the traveller gets the lesser. " +
    "A new quote replaces the previous one; confirm it with `POST /reservations/{id}/cancel` and its `quoteId` before `expiresAt`. No Idempotency-Key: asking again only quotes again.",
  request: { params: z.object({ id: reservationId }) },
  responses: {
    200: { description: "The quote", content: data(cancellationQuoteSchema) },
    ...common,
    404: problemResponse("Not found (or not yours)"),
    409: problemResponse("Not cancellable: already cancelled or expired, or begun"),
    502: problemResponse("The supplier did not answer the quote"),
  },
});

const getOrder = createRoute({
  method: "get",
  path: "/orders/{id}",
  operationId: "getOrder",
  tags: ["Reservations"],
  summary: "An order (a confirmed reservation)",
  request: { params: z.object({ id: orderId }) },
  responses: { 200: { description: "The order", content: data(orderSchema) }, ...common, 404: problemResponse("Not found (or not yours)") },
});

const myOrders = createRoute({
  method: "get",
  path: "/me/orders",
  operationId: "listMyOrders",
  tags: ["Reservations"],
  summary: "My orders, newest first (paginated)",
  request: { query: page },
  responses: { 200: { description: "A page of orders", content: listOf(orderSchema) }, ...common },
});

const routes = new OpenAPIHono<ApiEnv>();

/** A read route's outcome: `{ data }` with 200, or the refusal's problem response. */
function answer<T>(c: Parameters<typeof bookingProblem>[0], outcome: BookingOutcome<T>, ok: (data: T) => Response): Response {
  if ("ok" in outcome) return ok(outcome.ok);
  const { status, body } = bookingProblem(c, outcome.refused);
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json" });
}

export const reservationRoutes = routes
  .openapi(seatMap, async (c) => {
    return answer(c, await c.get("deps").booking.inventory(c.req.valid("param").id), (inventory) => {
      c.header("Cache-Control", "no-store");
      return c.json({ data: inventory }, 200);
    }) as never;
  })
  .openapi(hold, async (c) => {
    const body = c.req.valid("json");
    return idempotent(c, body, 201, (lease) =>
      c.get("deps").booking.hold(
        { ...body, userId: c.get("userId"), contactEmail: body.contactEmail ?? body.travelers.find((t) => t.email)!.email!, traceId: c.get("requestId") },
        lease,
      ),
    ) as never;
  })
  .openapi(getReservation, async (c) => {
    return answer(c, await c.get("deps").booking.get(c.get("userId"), c.req.valid("param").id), (reservation) => c.json({ data: reservation }, 200)) as never;
  })
  .openapi(myReservations, async (c) => {
    const { status, limit, cursor } = c.req.valid("query");
    const page = await c.get("deps").booking.listForUser(c.get("userId"), { ...(status ? { status } : {}), limit, ...(cursor ? { cursor } : {}) });
    return c.json({ data: page.items, meta: { nextCursor: page.nextCursor } }, 200);
  })
  .openapi(confirm, async (c) => {
    const body = c.req.valid("json");
    const id = c.req.valid("param").id;
    return idempotent(c, body, 200, (lease) =>
      c.get("deps").booking.confirm(c.get("userId"), id, { paymentMethod: body.paymentMethod, traceId: c.get("requestId") }, lease),
    ) as never;
  })
  .openapi(cancel, async (c) => {
    const id = c.req.valid("param").id;
    const body = (c.req.valid("json") as z.infer<typeof cancelBody> | undefined) ?? {};
    return idempotent(c, body, 200, (lease) =>
      c.get("deps").booking.cancel(c.get("userId"), id, { traceId: c.get("requestId"), ...(body.quoteId ? { quoteId: body.quoteId } : {}) }, lease),
    ) as never;
  })
  .openapi(cancellationQuote, async (c) => {
    return answer(c, await c.get("deps").booking.quoteCancellation(c.get("userId"), c.req.valid("param").id, c.get("requestId")), (quote) => {
      c.header("Cache-Control", "no-store");
      return c.json({ data: quote }, 200);
    }) as never;
  })
  .openapi(getOrder, async (c) => {
    return answer(c, await c.get("deps").booking.getOrder(c.get("userId"), c.req.valid("param").id), (order) => c.json({ data: order }, 200)) as never;
  })
  .openapi(myOrders, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await c.get("deps").booking.listOrders(c.get("userId"), { limit, ...(cursor ? { cursor } : {}) });
    return c.json({ data: page.items, meta: { nextCursor: page.nextCursor } }, 200);
  });
