import { describe, expect, it } from "vitest";
import { defaultSimulatorDuffelToken } from "@travel/dev/simulator/app";
import { mailsMentioning, oneTraveller, traveller, useBookingStack } from "./support/booking";
import { daysFromNow } from "./support/stack";

/**
 * Stays sold by Duffel are Duffel stay bookings, end to end: the API, the booking worker's relay
 * and subscribers, and the simulator speaking Duffel's Stays format (its bookings read back over
 * HTTP, as Duffel's own API would be).
 */
const stack = useBookingStack(() => ({ suppliers: { flights: "amadeus", stays: "duffel" } }));

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const guest = { travelers: oneTraveller, contactPhone: "+442080160509" };

async function duffel(path: string): Promise<Json> {
  const response = await fetch(`${stack.simulator.url}${path}`, { headers: { authorization: `Bearer ${defaultSimulatorDuffelToken}`, "duffel-version": "v2", accept: "application/json" } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Json }).data;
}
async function bookingsFor(reservationId: string): Promise<Json[]> {
  const bookings = (await duffel("/stays/bookings?limit=200")) as unknown as Json[];
  return bookings.filter((b) => b.metadata?.reservation_id === reservationId);
}
const calls = async (endpoint: string) => (await stack.simulator.stats()).byEndpoint[endpoint] ?? 0;

/** A refundable Duffel stay far enough ahead that cancelling still gives money back; each call its own dates. */
let nextDay = 40 + Math.floor(Math.random() * 100);
async function duffelStay(): Promise<Json> {
  const checkIn = nextDay;
  nextDay += 3;
  const response = await stack.api.get(`/v1/search/hotels?cityCode=PAR&checkIn=${daysFromNow(checkIn)}&checkOut=${daysFromNow(checkIn + 2)}&adults=1&rooms=1`);
  const offers = (await json(response)).data as Json[];
  const offer = offers.find((o) => o.supplier === "duffel" && o.cancellation.refundable);
  if (!offer) throw new Error("no refundable Duffel stay in Paris");
  expect(offer.bookingRequirements).toEqual({ travellerFields: ["firstName", "lastName"], contactPhone: true });
  return offer;
}

async function heldStay() {
  const ada = traveller(stack.api);
  const offer = await duffelStay();
  const hold = await ada.hold({ offerId: offer.id, ...guest });
  expect(hold.status, await hold.clone().text()).toBe(201);
  const { data } = await json(hold);
  // Duffel holds no stays: the booking is made at confirm.
  expect(data.supplierOrder).toMatchObject({ supplier: "duffel", status: "PENDING", type: "instant" });
  return { ada, offer, reservationId: data.reservationId as string };
}

describe("a Duffel stay booked through the API", () => {
  it("asks for the phone Duffel needs before holding anything", async () => {
    const offer = await duffelStay();
    const response = await traveller(stack.api).hold({ offerId: offer.id, travelers: oneTraveller });
    expect(response.status).toBe(422);
    expect(await json(response)).toMatchObject({ type: expect.stringContaining("traveller-details-missing"), fields: ["contactPhone"] });
  });

  it("is booked at Duffel at confirm, in the guest's name, with our reservation id, and the hotel's reference reaches the order and the email", async () => {
    const { ada, reservationId } = await heldStay();
    expect(await bookingsFor(reservationId)).toHaveLength(0);
    const confirmed = await ada.confirm(reservationId);
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    const { data } = await json(confirmed);
    expect(data).toMatchObject({ status: "CONFIRMED", supplierOrder: { supplier: "duffel", status: "PAID", type: "instant" } });

    const [booking, ...others] = await bookingsFor(reservationId);
    expect(others).toHaveLength(0);
    expect(booking).toMatchObject({ status: "confirmed", email: "ada@example.com", phone_number: "+442080160509", guests: [{ given_name: "Ada", family_name: "Lovelace" }] });
    expect(data.supplierOrder.bookingReference).toBe(booking!.reference);
    const order = (await json(await ada.get(`/v1/orders/${data.orderId}`))).data;
    expect(order.supplierOrder).toMatchObject({ status: "PAID", bookingReference: booking!.reference });
    await stack.worker.relayOnce();
    await stack.worker.drain();
    const [mail] = await mailsMentioning(stack.api.config, booking!.reference);
    expect(mail).toContain(`Hotel booking reference: ${booking!.reference}`);
  });

  it("cancels through a quote bounded by the rate's cancellation timeline, and the booking is cancelled at Duffel", async () => {
    const { ada, reservationId } = await heldStay();
    const confirmed = (await json(await ada.confirm(reservationId))).data;
    const [booking] = await bookingsFor(reservationId);
    const promised = booking!.accommodation.rooms[0].rates[0].cancellation_timeline.find((t: Json) => Date.parse(t.before) > Date.now());

    const quoteResponse = await ada.post(`/v1/reservations/${reservationId}/cancellation-quote`, {}, null);
    expect(quoteResponse.status, await quoteResponse.clone().text()).toBe(200);
    const quote = (await json(quoteResponse)).data;
    expect(quote).toMatchObject({ refundTo: "original-payment", supplier: { name: "duffel", refundAmount: promised.refund_amount, refundTo: "balance" } });
    expect(Number(quote.refundAmount)).toBeGreaterThan(0);
    expect(Number(quote.refundAmount)).toBeLessThanOrEqual(Math.min(Number(promised.refund_amount), Number(confirmed.totalAmount)));
    expect(Date.parse(quote.expiresAt)).toBeLessThanOrEqual(Date.parse(promised.before));

    const cancelled = await ada.post(`/v1/reservations/${reservationId}/cancel`, { quoteId: quote.quoteId });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    expect((await json(cancelled)).data).toMatchObject({ status: "CANCELLED", refundedAmount: quote.refundAmount, supplierOrder: { status: "CANCELLED" } });
    const [after] = await bookingsFor(reservationId);
    expect(after).toMatchObject({ status: "cancelled", cancelled_at: expect.any(String) });
  });

  it("refunds the charge and stays HOLD when Duffel refuses the booking", async () => {
    const { ada, reservationId } = await heldStay();
    await stack.simulator.control({ duffel: { stayBookings: { failNext: 1, with: "rate_unavailable" } } });
    const response = await ada.confirm(reservationId);
    expect(response.status).toBe(502);
    const problem = await json(response);
    expect(problem).toMatchObject({ type: expect.stringContaining("supplier-failed-refunded"), reservationStatus: "HOLD", refundId: expect.any(String), refundedAmount: expect.any(String) });
    expect(problem.detail).toContain("rate_unavailable");
    expect((await json(await ada.get(`/v1/reservations/${reservationId}`))).data.status).toBe("HOLD");
    expect(await bookingsFor(reservationId)).toHaveLength(0);
  });

  it("books once when Duffel's answer is lost: the confirm finds the booking it made", async () => {
    const { ada, reservationId } = await heldStay();
    // The booking is made, but its answer comes after the client gave up (DuffelApi.timeoutMs, 3 s locally).
    await stack.simulator.control({ duffel: { stayBookings: { failNext: 1, with: "timeout", timeoutMs: 5_000 } } });
    const before = await calls("POST /stays/bookings");
    const confirmed = await ada.confirm(reservationId);
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect((await calls("POST /stays/bookings")) - before).toBe(1);
    const bookings = await bookingsFor(reservationId);
    expect(bookings).toHaveLength(1);
    expect((await json(confirmed)).data.supplierOrder).toMatchObject({ status: "PAID", bookingReference: bookings[0]!.reference });
  }, 60_000);
});
