import { beforeAll, describe, expect, it } from "vitest";
import { duffelOrderOf, duffelWebhookSecret, flightOffer, json, mailsMentioning, oneOrderTraveller, outboxRowsOf, readDuffel, traveller, useBookingStack, type Json } from "./support/booking";

/**
 * Duffel's signed webhooks, end to end: the simulator sends them as Duffel does (signed with the
 * secret the API is given) to the real API over HTTP; the booking worker relays what they wrote
 * and its subscribers email the traveller and count the change.
 */
const webhooks = duffelWebhookSecret();
const { secret } = webhooks;
const stack = useBookingStack((simulatorUrl) => ({ config: webhooks.config(simulatorUrl, { flights: "duffel", stays: "amadeus" }) }));

beforeAll(async () => {
  await stack.simulator.control(webhooks.simulatorControl(stack.api.url));
});

const duffel = (path: string) => readDuffel(stack.simulator, path);

/** A `/__control` action's answer (the simulator's own endpoint, read as any client would). */
async function control(body: Json): Promise<Json> {
  const response = await fetch(`${stack.simulator.url}/__control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(200);
  return json(response);
}

async function deliver(): Promise<void> {
  await stack.worker.relayOnce();
  await stack.worker.drain();
}

/** A Duffel flight booked and paid: its reservation, and Duffel's order id (from Duffel's side). */
async function confirmedAtDuffel() {
  const offer = await flightOffer(stack.api, { origin: "LHR", destination: "BER" });
  const ada = traveller(stack.api);
  const { data: held } = await json(await ada.hold({ offerId: offer.id, ...oneOrderTraveller }));
  await deliver();
  const confirmed = await ada.confirm(held.reservationId);
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  await deliver();
  const order = await duffelOrderOf(stack.simulator, held.reservationId);
  return { ada, reservationId: held.reservationId as string, orderId: order!.id as string };
}

const reservationOf = async (ada: ReturnType<typeof traveller>, id: string) => (await json(await ada.get(`/v1/reservations/${id}`))).data;
const airlineChangeRows = async (reservationId: string) => (await outboxRowsOf(stack.api.config, reservationId)).filter((row) => row.type === "AirlineChangeDetected");

function post(body: string, signature?: string): Promise<Response> {
  return fetch(`${stack.api.url}/v1/webhooks/duffel`, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-duffel-signature": signature } : {}) }, body });
}
const sign = (body: string, key: string, at?: number) => webhooks.signature(body, key, at);

describe("Duffel's webhooks", () => {
  it("refuse what Duffel did not sign: forged, stale, unsigned or malformed (401), and act on none of it", async () => {
    const { ada, reservationId, orderId } = await confirmedAtDuffel();
    const body = JSON.stringify({ id: "eve_forged0000000000001", type: "order.airline_initiated_change_detected", live_mode: false, created_at: new Date().toISOString(), data: { object: { id: orderId } } });
    const refusals = {
      forged: await post(body, sign(body, "not-the-secret")),
      stale: await post(body, sign(body, secret, Math.floor(Date.now() / 1000) - 6 * 60)),
      unsigned: await post(body),
      malformed: await post(body, "v1=deadbeef"),
      tampered: await post(body.replace("false", "true"), sign(body, secret)),
    };
    for (const [what, response] of Object.entries(refusals)) {
      expect(response.status, what).toBe(401);
      expect(response.headers.get("content-type"), what).toContain("application/problem+json");
    }
    expect((await json(refusals.stale)).type).toContain("webhook-signature-stale");
    expect((await json(refusals.unsigned)).type).toContain("webhook-signature-missing");
    // Signed, but not an event: a problem naming what is wrong, not a failure.
    const notAnEvent = "{not json";
    expect((await post(notAnEvent, sign(notAnEvent, secret))).status).toBe(400);
    const incomplete = JSON.stringify({ id: "eve_x" });
    expect((await post(incomplete, sign(incomplete, secret))).status).toBe(400);
    expect((await reservationOf(ada, reservationId)).airlineChange).toBeUndefined();
    expect(await airlineChangeRows(reservationId)).toHaveLength(0);
  });

  it("bring an airline's change to the reservation and the traveller, who accepts it at Duffel; a second delivery changes nothing", async () => {
    const { ada, reservationId, orderId } = await confirmedAtDuffel();
    const before = await reservationOf(ada, reservationId);
    const { airlineChange: detected } = await control({ duffel: { airlineChange: { orderId, delayMinutes: 95 } } });
    expect(detected.delivery).toMatchObject({ type: "order.airline_initiated_change_detected", status: 200 });

    const changed = await reservationOf(ada, reservationId);
    expect(changed.airlineChange).toMatchObject({ status: "pending", availableActions: expect.arrayContaining(["accept", "cancel"]) });
    const bookedFlight = before.itinerary.itineraries[0].segments[0];
    expect(changed.airlineChange.removed[0].flights[0]).toMatchObject({ flightNumber: bookedFlight.flightNumber, departingAt: bookedFlight.departure.at.slice(0, 19) });
    const newDeparture = changed.airlineChange.added[0].flights[0].departingAt;
    expect(Date.parse(`${newDeparture}Z`) - Date.parse(`${bookedFlight.departure.at.slice(0, 19)}Z`)).toBe(95 * 60_000);
    expect(await airlineChangeRows(reservationId)).toHaveLength(1);

    await deliver();
    const [mail, ...moreMail] = await mailsMentioning(stack.api.config, "The airline has changed the flights");
    expect(moreMail.filter((m) => m.includes(reservationId))).toHaveLength(0);
    expect(mail).toContain(reservationId);
    const counted = (await json(await stack.api.admin("/v1/admin/analytics/timeseries?metric=airline_changes.duffel&interval=hour&points=1"))).data as Json[];
    expect(counted[0]!.value).toBeGreaterThanOrEqual(1);

    // Duffel delivers again (a retry): answered, and nothing happens twice.
    const { redelivery } = await control({ duffel: { redeliver: detected.delivery.eventId } });
    expect(redelivery.status).toBe(200);
    await deliver();
    expect(await airlineChangeRows(reservationId)).toHaveLength(1);
    expect((await mailsMentioning(stack.api.config, "The airline has changed the flights")).filter((m) => m.includes(reservationId))).toHaveLength(1);

    const accepted = await ada.post(`/v1/reservations/${reservationId}/airline-change/accept`, {});
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const { data: after } = await json(accepted);
    expect(after.airlineChange).toMatchObject({ status: "accepted", acceptedAt: expect.any(String) });
    expect(after.itinerary.itineraries[0].segments[0].departure.at).toBe(newDeparture);
    const [atDuffel] = (await duffel(`/air/airline_initiated_changes?order_id=${orderId}`)) as unknown as Json[];
    expect(atDuffel).toMatchObject({ id: detected.change.id, action_taken: "accepted" });
    expect((await duffel(`/air/orders/${orderId}`)).slices[0].segments[0].departing_at).toBe(newDeparture);

    const again = await ada.post(`/v1/reservations/${reservationId}/airline-change/accept`, {});
    expect(again.status).toBe(409);
    expect((await json(again)).type).toContain("airline-change-not-acceptable");
  }, 60_000);

  it("acknowledge events they do not act on", async () => {
    const body = JSON.stringify({ id: "eve_ping00000000000000001", type: "ping.triggered", live_mode: false, created_at: new Date().toISOString(), data: { object: {} } });
    const response = await post(body, sign(body, secret));
    expect(response.status).toBe(200);
    expect((await json(response)).data).toEqual({ received: true, duplicate: false });
  });
});
