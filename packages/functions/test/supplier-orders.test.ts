import { describe, expect, it } from "vitest";
import { flightOffer, json, mailsMentioning, oneOrderTraveller, readDuffel, traveller, useBookingStack, type Json } from "./support/booking";

/**
 * Bookings of Duffel offers become Duffel orders, end to end: the API, the booking worker's relay
 * and subscribers, and the simulator speaking Duffel's v2 format (what it records is read back over
 * HTTP, as Duffel's own API would be).
 */
const stack = useBookingStack(() => ({ suppliers: { flights: "duffel", stays: "amadeus" } }));

/** Duffel's side, as any Duffel client reads it. */
const duffel = (path: string) => readDuffel(stack.simulator, path);
async function ordersFor(reservationId: string): Promise<Json[]> {
  const orders = (await duffel(`/air/orders?limit=200&passenger_name[]=Lovelace`)) as unknown as Json[];
  return orders.filter((o) => o.metadata?.reservation_id === reservationId);
}

/** Deliver what the hold wrote to the outbox, and wait for its subscribers. */
async function deliver(): Promise<void> {
  await stack.worker.relayOnce();
  await stack.worker.drain();
}

async function heldAtDuffel(params: Record<string, string> = {}) {
  const { api } = stack;
  const offer = await flightOffer(api, { origin: "LHR", destination: "BER", ...params });
  const ada = traveller(api);
  const hold = await ada.hold({ offerId: offer.id, ...oneOrderTraveller });
  expect(hold.status).toBe(201);
  const { data } = await json(hold);
  expect(data.supplierOrder).toMatchObject({ supplier: "duffel", status: "PENDING" });
  await deliver();
  return { ada, offer, reservationId: data.reservationId as string, seatIds: data.seatIds as string[] };
}

const reservationOf = async (ada: ReturnType<typeof traveller>, id: string) => (await json(await ada.get(`/v1/reservations/${id}`))).data;

describe("a Duffel offer booked through the API", () => {
  it("is held at Duffel in the travellers' names, then paid and ticketed at confirm", async () => {
    const { ada, reservationId } = await heldAtDuffel();
    const held = await reservationOf(ada, reservationId);
    expect(held.status).toBe("HOLD");
    expect(held.supplierOrder).toMatchObject({ status: "HELD", type: "hold", bookingReference: expect.stringMatching(/^[A-Z0-9]{6}$/) });
    expect(Date.parse(held.holdExpiresAt)).toBeLessThanOrEqual(Date.parse(held.supplierOrder.paymentRequiredBy));

    const [order, ...others] = await ordersFor(reservationId);
    expect(others).toHaveLength(0);
    expect(order).toMatchObject({ booking_reference: held.supplierOrder.bookingReference, payment_status: { awaiting_payment: true } });
    expect(order!.passengers[0]).toMatchObject({ given_name: "Ada", family_name: "Lovelace", born_on: "1985-12-10", title: "ms", gender: "f", phone_number: "+442080160509" });

    const confirmed = await ada.confirm(reservationId);
    expect(confirmed.status).toBe(200);
    const { data } = await json(confirmed);
    expect(data.status).toBe("CONFIRMED");
    expect(data.supplierOrder).toMatchObject({ status: "PAID", bookingReference: held.supplierOrder.bookingReference, documents: [{ type: "electronic_ticket", uniqueIdentifier: expect.any(String) }] });
    expect(data.supplierOrder.paymentRequiredBy).toBeUndefined();
    const paid = await duffel(`/air/orders/${order!.id}`);
    expect(paid.payment_status.awaiting_payment).toBe(false);
    expect(paid.documents[0].unique_identifier).toBe(data.supplierOrder.documents[0].uniqueIdentifier);

    const ourOrder = (await json(await ada.get(`/v1/orders/${data.orderId}`))).data;
    expect(ourOrder.supplierOrder).toMatchObject({ status: "PAID", bookingReference: held.supplierOrder.bookingReference });
    await deliver();
    expect(await mailsMentioning(stack.api.config, held.supplierOrder.bookingReference)).toHaveLength(1);
  });

  it("releases our seat and says why when Duffel refuses the hold", async () => {
    await stack.simulator.control({ duffel: { orders: { failNext: 1, with: "offer_no_longer_available" } } });
    const { ada, offer, reservationId, seatIds } = await heldAtDuffel();
    const refused = await reservationOf(ada, reservationId);
    expect(refused.status).toBe("CANCELLED");
    expect(refused.supplierOrder).toMatchObject({ status: "FAILED", failure: expect.stringContaining("offer_no_longer_available") });
    const seats = (await json(await stack.api.get(`/v1/offers/${offer.id}/seats`))).data;
    expect(seats.seats.find((s: Json) => s.seatId === seatIds[0]).status).not.toBe("HELD");
    expect(await ordersFor(reservationId)).toHaveLength(0);
    // The refusal's own events (written by the release) reach the traveller as an email.
    await deliver();
    const [mail, ...more] = await mailsMentioning(stack.api.config, reservationId);
    expect(more).toHaveLength(0);
    expect(mail).toContain("We could not hold your booking");
    expect(mail).toContain("nothing was charged");
  });

  it("orders once when Duffel's answer is lost: the redelivered event finds the order it made", async () => {
    // The order is made, but its answer comes after the client gave up (DuffelApi.timeoutMs, 3 s locally).
    await stack.simulator.control({ duffel: { orders: { failNext: 1, with: "timeout", timeoutMs: 5_000 } } });
    const calls = async () => (await stack.simulator.stats()).byEndpoint;
    const before = await calls();
    const { ada, reservationId } = await heldAtDuffel();
    const after = await calls();
    const made = (endpoint: string) => (after[endpoint] ?? 0) - (before[endpoint] ?? 0);
    // One creation (timed out), then a look-up per delivery: the second found the order.
    expect(made("POST /air/orders")).toBe(1);
    expect(made("GET /air/orders")).toBeGreaterThanOrEqual(2);
    const held = await reservationOf(ada, reservationId);
    expect(held.supplierOrder.status).toBe("HELD");
    const orders = await ordersFor(reservationId);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.booking_reference).toBe(held.supplierOrder.bookingReference);
  }, 60_000);

  it("refunds the charge and does not confirm when Duffel does not take the payment", async () => {
    const { ada, reservationId } = await heldAtDuffel();
    await stack.simulator.control({ duffel: { payments: { failNext: 1, with: "api_error" } } });
    const response = await ada.confirm(reservationId);
    expect(response.status).toBe(502);
    const problem = await json(response);
    expect(problem).toMatchObject({ type: expect.stringContaining("supplier-failed-refunded"), reservationStatus: "HOLD", refundId: expect.any(String), refundedAmount: expect.any(String) });
    expect((await reservationOf(ada, reservationId)).status).toBe("HOLD");
  });

  it("gives Duffel's hold back when the traveller cancels", async () => {
    const { ada, reservationId } = await heldAtDuffel();
    expect((await ada.cancel(reservationId)).status).toBe(200);
    await deliver();
    const [order] = await ordersFor(reservationId);
    expect(order!.cancelled_at).toEqual(expect.any(String));
    expect((await reservationOf(ada, reservationId)).supplierOrder.status).toBe("CANCELLED");
  });

  it("cancels a paid booking through a quote: Duffel's refund bounds ours, and the order is cancelled there", async () => {
    const { ada, reservationId } = await heldAtDuffel();
    const confirmed = (await json(await ada.confirm(reservationId))).data;
    expect(confirmed.status).toBe("CONFIRMED");

    const unquoted = await ada.cancel(reservationId);
    expect(unquoted.status).toBe(409);
    expect((await json(unquoted)).type).toContain("cancellation-quote-required");

    const quoteResponse = await ada.post(`/v1/reservations/${reservationId}/cancellation-quote`, {}, null);
    expect(quoteResponse.status, await quoteResponse.clone().text()).toBe(200);
    const quote = (await json(quoteResponse)).data;
    expect(quote).toMatchObject({ reservationId, currency: confirmed.currency, refundTo: "original-payment", supplier: { name: "duffel", refundTo: "balance" } });
    expect(Number(quote.refundAmount)).toBeLessThanOrEqual(Number(quote.supplier.refundAmount));
    expect(Number(quote.refundAmount)).toBeLessThanOrEqual(Number(confirmed.totalAmount));

    // The quote is a fact on the bus: the traveller gets it in writing, analytics counts it (with the supplier's orders).
    const countOf = async (metric: string) => ((await json(await stack.api.admin(`/v1/admin/analytics/timeseries?metric=${metric}&interval=hour&points=1`))).data as Json[])[0]!.value as number;
    const quotesBefore = await countOf(`cancellation_quotes.${confirmed.currency}`);
    await deliver();
    const quoteMails = (await mailsMentioning(stack.api.config, quote.quoteId)).filter((m) => m.includes("would give back"));
    expect(quoteMails).toHaveLength(1);
    expect(quoteMails[0]).toContain(`Refund if you cancel now: ${quote.refundAmount} ${confirmed.currency}`);
    expect(await countOf(`cancellation_quotes.${confirmed.currency}`)).toBe(quotesBefore + 1);
    expect(await countOf("supplier_orders.duffel.placed")).toBeGreaterThanOrEqual(1);
    await deliver();
    expect((await mailsMentioning(stack.api.config, quote.quoteId)).filter((m) => m.includes("would give back"))).toHaveLength(1);

    const cancelled = await ada.post(`/v1/reservations/${reservationId}/cancel`, { quoteId: quote.quoteId });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    const after = (await json(cancelled)).data;
    expect(after).toMatchObject({ status: "CANCELLED", refundedAmount: quote.refundAmount, supplierOrder: { status: "CANCELLED" } });
    const [order] = await ordersFor(reservationId);
    expect(order!.cancelled_at).toEqual(expect.any(String));
  });
});
