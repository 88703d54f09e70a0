import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalEventBus, type BusEvent, type EventPublisher } from "../src/events";
import { bookingCore, minutes, ok, type BookingCore } from "./support/booking";

let core: BookingCore;
beforeAll(async () => {
  core = await bookingCore();
});

const user = () => `user-${randomUUID().slice(0, 8)}`;

/** A local bus and what its reservation subscriber received. */
function listeningBus() {
  const bus = new LocalEventBus();
  const received: BusEvent[] = [];
  bus.subscribe("probe", "reservations", { source: ["reservation.service"] }, async (event) => void received.push(event));
  return { bus, received };
}

const summary = (event: BusEvent) => {
  const detail = event.detail as { status: string; reservation: { reservationId: string } };
  return `${event["detail-type"]} ${detail.status}`;
};

describe("the outbox relay", () => {
  it("relays each change's event exactly once and marks its row SENT; a second sweep sends nothing", async () => {
    const { bus, received } = listeningBus();
    const relay = core.relay(bus);
    const userId = user();
    const held = ok(await core.hold({ userId, offerId: core.offers.flight().id }));
    ok(await core.confirm(userId, held.reservationId));
    ok(await core.cancel(userId, held.reservationId));

    expect(await relay.sweep()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    await bus.drain();
    expect(received.map(summary)).toEqual(["Reservation Created HOLD", "Reservation Status Changed CONFIRMED", "Reservation Status Changed CANCELLED"]);
    const rows = await core.outboxRows(held.reservationId);
    expect(received.map((e) => (e.detail as { eventId: string }).eventId).sort()).toEqual(rows.map((r) => r.outboxId).sort());
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["SENT", 1], ["SENT", 1], ["SENT", 1]]);

    expect(await relay.sweep()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await bus.drain();
    expect(received).toHaveLength(3);
  });

  it("retries an event the bus refused once it is due, and still delivers every event once", async () => {
    const { bus, received } = listeningBus();
    let refuseConfirmations = true;
    // The bus accepts the batch but throttles one entry, as PutEvents can.
    const throttling: EventPublisher = {
      publish: (name, detail) => bus.publish(name, detail),
      publishBatch: async (entries) =>
        Promise.all(
          entries.map(async (entry) => {
            if (refuseConfirmations && (entry.detail as { status: string }).status === "CONFIRMED") return { ok: false as const, error: "ThrottlingException: slow down" };
            const [outcome] = await bus.publishBatch([entry]);
            return outcome!;
          }),
        ),
    };
    const relay = core.relay(throttling);
    const userId = user();
    const held = ok(await core.hold({ userId, offerId: core.offers.flight().id }));
    ok(await core.confirm(userId, held.reservationId));

    expect(await relay.sweep()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const waiting = (await core.outboxRows(held.reservationId)).find((r) => r.status === "PENDING")!;
    expect(waiting).toMatchObject({ type: "ReservationStatusChanged", attempts: 1, lastError: "ThrottlingException: slow down" });
    expect(Date.parse(waiting.nextRetryAt)).toBeGreaterThan(core.clock.now());
    // Not due yet: nothing is sent again.
    expect(await relay.sweep()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    refuseConfirmations = false;
    core.clock.advance(minutes(5));
    try {
      expect(await relay.sweep()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    } finally {
      core.clock.advance(-minutes(5));
    }
    await bus.drain();
    expect(received.map(summary)).toEqual(["Reservation Created HOLD", "Reservation Status Changed CONFIRMED"]);
    expect((await core.outboxRows(held.reservationId)).map((r) => r.status)).toEqual(["SENT", "SENT"]);
  });
});
