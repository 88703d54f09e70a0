import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetters, flightOffer, hotelOffer, traveller, useBookingStack } from "./support/booking";
import { amadeusAlone, testConfig } from "./support/helpers";
import { startWebhookReceiver } from "./support/webhook";

/**
 * Third-party analytics forwarding against a real webhook receiver: reservation changes made over
 * HTTP reach it as Segment-compatible track calls, in batches, retried through failures, and
 * dead-lettered when the receiver keeps failing.
 */
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => receiver?.close());

const writeKey = "wk_test_forwarding";
const stack = useBookingStack((simulatorUrl) => ({ config: { ...testConfig(simulatorUrl, amadeusAlone), AnalyticsForwarding: { url: receiver.url, writeKey } } }));

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

/** Outbox rows to the bus, and the forwarder's waiting batch sent now. */
async function settle() {
  await stack.worker.relayOnce();
  await stack.worker.drain();
}

const travellers = [{ firstName: "Test", lastName: "Traveller", email: "t@example.com" }];

describe("analytics forwarding (Segment-compatible webhook)", () => {
  it("sends every reservation change as a track call, many in one batch request, with the write key", async () => {
    const { api } = stack;
    receiver.reset();
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: (await flightOffer(api)).id, travelers: travellers }))).data;
    const confirmed = (await json(await ada.confirm(held.reservationId))).data;
    const second = (await json(await ada.hold({ offerId: (await hotelOffer(api)).id, travelers: travellers }))).data;
    expect((await ada.cancel(second.reservationId)).status).toBe(200);
    await settle();

    // Four events, one request: the batch waited for its window (drained here) instead of one call each.
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`);
    expect(request.contentType).toBe("application/json");
    expect(Date.parse(request.body.sentAt)).toBeGreaterThan(0);
    const calls = request.body.batch;
    const userId = await ada.userId();
    expect(calls.map((c) => [c.event, c.properties.reservation_id]).sort()).toEqual(
      [
        ["Reservation Held", held.reservationId],
        ["Reservation Confirmed", held.reservationId],
        ["Reservation Held", second.reservationId],
        ["Reservation Cancelled", second.reservationId],
      ].sort(),
    );
    for (const call of calls) {
      expect(call).toMatchObject({ type: "track", userId, context: { library: { name: "travel-platform-forwarder" } } });
      expect(Date.parse(call.timestamp)).toBeGreaterThan(0);
    }
    expect(new Set(calls.map((c) => c.messageId)).size).toBe(4);
    const confirmation = calls.find((c) => c.event === "Reservation Confirmed")!;
    expect(confirmation.properties).toMatchObject({ revenue: Number(confirmed.totalAmount), total: Number(confirmed.totalAmount), currency: confirmed.currency, order_id: confirmed.orderId, previous_status: "HOLD" });
    // Nothing personal beyond the platform's user id: no traveller names or addresses.
    expect(JSON.stringify(calls)).not.toMatch(/Traveller|t@example\.com/);
  });

  it("retries a batch the receiver refuses with 503 and 429, sending the same message ids", async () => {
    const { api } = stack;
    receiver.reset();
    receiver.answerNext(503, 429);
    const bob = traveller(api);
    const held = (await json(await bob.hold({ offerId: (await flightOffer(api)).id, travelers: travellers }))).data;
    await settle();

    expect(receiver.received.map((r) => r.status)).toEqual([503, 429, 200]);
    const ids = receiver.received.map((r) => r.body.batch.map((c) => c.messageId));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    expect(receiver.accepted().map((c) => [c.event, c.properties.reservation_id])).toEqual([["Reservation Held", held.reservationId]]);
  });

  it("dead-letters the events when the receiver keeps failing, and forwards again once it recovers", async () => {
    const { api } = stack;
    receiver.reset();
    receiver.answerAlways(500);
    const carol = traveller(api);
    const held = (await json(await carol.hold({ offerId: (await flightOffer(api)).id, travelers: travellers }))).data;
    await settle();

    // 3 attempts per delivery (the forwarder), 3 deliveries (the bus), then the dead-letter queue.
    expect(receiver.received).toHaveLength(9);
    expect(receiver.accepted()).toEqual([]);
    const letters = (await deadLetters(api.config)).filter((l) => l.source === "AnalyticsForwarding");
    expect(letters.map((l) => (l.body as Json).detail.reservation.reservationId)).toContain(held.reservationId);

    receiver.answerAlways(undefined);
    receiver.reset();
    expect((await carol.cancel(held.reservationId)).status).toBe(200);
    await settle();
    expect(receiver.accepted().map((c) => c.event)).toEqual(["Reservation Cancelled"]);
  });
});
