import { marshall } from "@aws-sdk/util-dynamodb";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AppConfig } from "@travel/core/config";
import type { EventPublisher, LocalEventBus, PublishEntry, PublishOutcome } from "@travel/core/events";
import { SimulatedPaymentProvider } from "@travel/core/payments";
import { AnalyticsStore } from "@travel/core/analytics";
import { createBookingWorker, type BookingWorker } from "../src/worker/booking-worker";
import { deadLetters, flightOffer, mailsMentioning, oneTraveller, outboxRowsOf, scanWhere, traveller } from "./support/booking";
import { amadeusAlone, startApi, startSimulator, testConfig, type RunningSimulator, type TestApi } from "./support/helpers";

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// This file books Paris-New York so its seat maps never meet other files' (London-New York).
const route = { origin: "CDG", destination: "JFK" };

let simulator: RunningSimulator;
let redis: Redis;

beforeAll(async () => {
  simulator = await startSimulator();
  redis = new Redis(inject("stores").redis);
});

afterAll(async () => {
  redis?.disconnect();
  await simulator?.close();
});

/** The stage's reservation figures of the last 24 hours (what the analytics subscriber aggregated). */
async function analytics(config: AppConfig) {
  const { reservations, revenue, refunds } = await new AnalyticsStore(redis, `${config.App.name}:${config.App.stage}:`).overview("24h");
  return { ...reservations, revenue, refunds };
}

describe("hold expiry (holds of about a second)", () => {
  let api: TestApi;
  let worker: BookingWorker;

  beforeAll(async () => {
    // Seat holds on the layout laid out here (the Amadeus format), for a deterministic seat.
    const config = testConfig(simulator.url, amadeusAlone);
    config.Booking = { holdMinutes: 0.02 };
    // Payments that take longer than a hold lasts, for the refund case.
    api = await startApi(simulator.url, { config, payments: new SimulatedPaymentProvider({ slowMs: 2_000 }) });
    worker = createBookingWorker(config);
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it("reads an expired hold as EXPIRED, refuses to confirm it, and the job releases its seat with one EXPIRED event", async () => {
    const offer = await flightOffer(api, route);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, seatIds: ["31A"], travelers: oneTraveller }))).data;
    await sleep(1_500);
    expect((await json(await ada.get(`/v1/reservations/${held.reservationId}`))).data.status).toBe("EXPIRED");
    const refused = await ada.confirm(held.reservationId);
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ type: expect.stringContaining("reservation-expired"), reservationStatus: "EXPIRED" });

    const seat = async () => (await json(await api.get(`/v1/offers/${offer.id}/seats`))).data.seats.find((s: Json) => s.seatId === "31A").status;
    expect(await seat()).toBe("HELD");
    expect((await worker.expireOnce()).expired).toBeGreaterThanOrEqual(1);
    expect(await seat()).toBe("AVAILABLE");
    const [stored] = await scanWhere(api.config.ReservationsTable.name, "reservation_id", held.reservationId);
    expect(stored?.status).toBe("EXPIRED");
    // Another pass finds nothing more to do for it.
    await worker.expireOnce();
    const events = (await outboxRowsOf(api.config, held.reservationId)).map((r) => JSON.parse(r.payload as string));
    expect(events.map((e) => e.status).sort()).toEqual(["EXPIRED", "HOLD"]);

    await worker.relayOnce();
    await worker.drain();
    expect((await analytics(api.config)).expired).toBeGreaterThanOrEqual(1);
    // The seat can be held again.
    expect((await traveller(api).hold({ offerId: offer.id, seatIds: ["31A"], travelers: oneTraveller })).status).toBe(201);
  });

  it("refunds a payment that succeeded after the hold expired, and says so", async () => {
    const offer = await flightOffer(api, route);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    const response = await ada.confirm(held.reservationId, "pm_card_slow");
    expect(response.status).toBe(409);
    const body = await json(response);
    expect(body).toMatchObject({
      type: expect.stringContaining("hold-expired-refunded"),
      refundedAmount: offer.total,
      refundId: expect.stringMatching(/^re_sim_/),
      reservationStatus: "EXPIRED",
    });
    expect(body.detail).toContain("was refunded");
    expect(await scanWhere(api.config.OrdersTable.name, "reservation_id", held.reservationId)).toHaveLength(0);
  });
});

/** Publishes the first `count` entries of a batch, then never answers: the relay process "dies" mid-batch. */
function dyingAfter(count: number) {
  return (bus: LocalEventBus): EventPublisher => ({
    publish: (name, detail) => bus.publish(name, detail),
    publishBatch: async (entries: PublishEntry[]): Promise<PublishOutcome[]> => {
      await bus.publishBatch(entries.slice(0, count));
      return new Promise(() => undefined);
    },
  });
}

describe("outbox relay", () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(simulator.url, { suppliers: amadeusAlone });
  });

  afterAll(async () => {
    await api?.close();
  });

  it("delivers every change exactly once per subscriber when the relay dies mid-batch and a new one takes over", async () => {
    // Ten state changes: five holds, three confirmed, two cancelled.
    const ada = traveller(api);
    const ids: string[] = [];
    let confirmedCents = 0;
    for (let i = 0; i < 5; i++) {
      const offer = await flightOffer(api, route);
      ids.push((await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data.reservationId);
      if (i < 3) confirmedCents += Math.round(Number(offer.total) * 100);
    }
    for (const id of ids.slice(0, 3)) expect((await ada.confirm(id)).status).toBe(200);
    for (const id of ids.slice(3)) expect((await ada.cancel(id)).status).toBe(200);

    const first = createBookingWorker(api.config, { publisher: dyingAfter(4) });
    void first.relayOnce(); // hangs after publishing four of the ten
    await sleep(500);
    await first.drain();
    const afterCrash = (await Promise.all(ids.map((id) => outboxRowsOf(api.config, id)))).flat();
    expect(afterCrash).toHaveLength(10);
    expect(afterCrash.every((r) => r.status === "PENDING")).toBe(true);
    expect((await analytics(api.config)).held).toBeGreaterThan(0);

    const second = createBookingWorker(api.config);
    try {
      const report = await second.relayOnce();
      expect(report).toEqual({ sent: 10, retrying: 0, failed: 0 });
      await second.drain();
      // Four events reached the subscribers twice; each acted once.
      // (The two cancellations were of holds: nothing to refund.)
      expect(await analytics(api.config)).toEqual({ held: 5, confirmed: 3, cancelled: 2, expired: 0, revenue: { USD: (confirmedCents / 100).toFixed(2) }, refunds: {} });
      const rows = (await Promise.all(ids.map((id) => outboxRowsOf(api.config, id)))).flat();
      expect(rows.every((r) => r.status === "SENT")).toBe(true);
      for (const row of rows) {
        const processed = await Promise.all(
          ["ReservationInventory", "Analytics"].map(async (subscriber) => (await scanWhere(api.config.IdempotencyTable.name, "idempotency_key", `event:${subscriber}:${row.outbox_id}`))[0]?.status),
        );
        expect(processed).toEqual(["COMPLETED", "COMPLETED"]);
      }
      // One confirmation email per confirmed booking; released holds send none.
      for (const id of ids.slice(0, 3)) expect(await mailsMentioning(api.config, id)).toHaveLength(1);
      for (const id of ids.slice(3)) expect(await mailsMentioning(api.config, id)).toHaveLength(0);
    } finally {
      await second.stop();
      void first.stop();
    }
  });

  it("retries only the entries PutEvents refused, and reads new rows from a DynamoDB stream batch", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const offer = await flightOffer(api, route);
      ids.push((await json(await traveller(api).hold({ offerId: offer.id, travelers: oneTraveller }))).data.reservationId);
    }
    const rows = (await Promise.all(ids.map((id) => outboxRowsOf(api.config, id)))).flat();
    // A stream batch as DynamoDB delivers it to the relay Lambda: INSERT records with NewImage.
    const streamBatch = rows.map((row, i) => ({ eventName: "INSERT", eventID: String(i), dynamodb: { NewImage: marshall(row), StreamViewType: "NEW_IMAGE" } }));
    const modify = { eventName: "MODIFY", dynamodb: { NewImage: marshall({ ...rows[0], status: "SENT" }) } };
    let second: string | undefined;
    const refuseSecond = (bus: LocalEventBus): EventPublisher => ({
      publish: (name, detail) => bus.publish(name, detail),
      publishBatch: async (entries) => {
        const outcomes = await bus.publishBatch(entries.slice(0, 1));
        second = (entries[1]?.detail as Json | undefined)?.eventId;
        return [...outcomes, { ok: false, error: "ThrottlingException: Rate exceeded" }];
      },
    });
    const worker = createBookingWorker(api.config, { publisher: refuseSecond });
    try {
      const parsed = await worker.relay.rowsFromStream([...streamBatch, modify] as never);
      expect(parsed.map((r) => r.outboxId).sort()).toEqual(rows.map((r) => r.outbox_id).sort());
      expect(await worker.relay.relay(parsed)).toEqual({ sent: 1, retrying: 1, failed: 0 });
      const after = (await Promise.all(ids.map((id) => outboxRowsOf(api.config, id)))).flat();
      expect(after.find((r) => r.outbox_id === second)).toMatchObject({ status: "PENDING", attempts: 1, last_error: "ThrottlingException: Rate exceeded" });
      expect(after.filter((r) => r.status === "SENT")).toHaveLength(1);
    } finally {
      await worker.stop();
    }
    // Once its retry is due, the refused entry goes out.
    const later = createBookingWorker(api.config, { now: () => Date.now() + 60 * 60_000 });
    try {
      expect(await later.relayOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    } finally {
      await later.stop();
    }
  });

  it("retries a failing publish with backoff, then dead-letters the event and marks its row FAILED", async () => {
    const offer = await flightOffer(api, route);
    const held = (await json(await traveller(api).hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    let now = Date.now();
    const failing = () => ({
      publish: () => Promise.reject(new Error("bus unreachable")),
      publishBatch: async (entries: PublishEntry[]) => entries.map(() => ({ ok: false as const, error: "InternalFailure: bus unreachable" })),
    });
    const worker = createBookingWorker(api.config, { publisher: failing, maxAttempts: 3, now: () => now });
    try {
      expect(await worker.relayOnce()).toMatchObject({ retrying: 1 });
      let [row] = await outboxRowsOf(api.config, held.reservationId);
      expect(row).toMatchObject({ status: "PENDING", attempts: 1, last_error: "InternalFailure: bus unreachable" });
      expect(Date.parse(row!.next_retry_at as string)).toBeGreaterThan(now);
      // Not due yet: nothing happens.
      expect(await worker.relayOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      now += 10 * 60_000;
      expect(await worker.relayOnce()).toMatchObject({ retrying: 1 });
      now += 10 * 60_000;
      expect(await worker.relayOnce()).toMatchObject({ failed: 1 });
      [row] = await outboxRowsOf(api.config, held.reservationId);
      expect(row).toMatchObject({ status: "FAILED", attempts: 3 });
      const letters = await deadLetters(api.config);
      const letter = letters.find((l) => (l.body as Json).aggregateId === held.reservationId);
      expect(letter).toMatchObject({ source: "outbox-relay", attempts: 3, reason: "InternalFailure: bus unreachable", body: { type: "ReservationCreated", payload: { status: "HOLD" } } });
    } finally {
      await worker.stop();
    }
  });
});
