import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bookingPolicy, reservationStatuses, type BookingOutcome } from "@travel/core/booking";
import { testPaymentMethods } from "@travel/core/payments";
import { bookingProblem, idempotent } from "../booking-http";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";
import { cancelBody, cancellationQuoteSchema, common, data, holdBody, idempotencyHeaders, inventorySchema, listOf, offerId, orderId, orderSchema, page, reservationId, reservationSchema, unsafe } from "./reservation-schemas";

/**
 * Reservations and orders (the reservation tables' contract). Every route acts for the signed-in traveller (Bearer access
 * token); another traveller's reservation or order is a 404.
 */
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
