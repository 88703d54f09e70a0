import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { idempotent } from "../booking-http";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";
import { data, idempotencyHeaders, reservationId, reservationSchema, unsafe } from "./reservation-schemas";

/** What the traveller answers to a change the airline made to the booked flights (`airlineChange` on the reservation). */
const acceptAirlineChange = createRoute({
  method: "post",
  path: "/reservations/{id}/airline-change/accept",
  operationId: "acceptAirlineChange",
  tags: ["Reservations"],
  summary: "Accept the airline's change to the booked flights",
  description:
    "Accepts the pending `airlineChange` at the supplier, then the reservation's change reads `accepted` and its itinerary shows the new flights. " +
    "To refuse the change instead, cancel the booking: `POST /reservations/{id}/cancellation-quote`, then `POST /reservations/{id}/cancel` with its `quoteId`.",
  request: { headers: idempotencyHeaders, params: z.object({ id: reservationId }) },
  responses: {
    200: { description: "Accepted", content: data(reservationSchema) },
    ...unsafe,
    404: problemResponse("Not found (or not yours)"),
    409: problemResponse("No pending change the supplier lets us accept (`airline-change-not-acceptable`), or the reservation is no longer active"),
    502: problemResponse("The supplier did not answer; retry with the same Idempotency-Key"),
  },
});

export const reservationChangeRoutes = new OpenAPIHono<ApiEnv>().openapi(acceptAirlineChange, async (c) => {
  const id = c.req.valid("param").id;
  return idempotent(c, {}, 200, (lease) => c.get("deps").booking.acceptAirlineChange(c.get("userId"), id, { traceId: c.get("requestId") }, lease)) as never;
});
