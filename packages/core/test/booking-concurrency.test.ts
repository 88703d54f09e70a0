import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { TransactionRejected } from "../src/booking";
import { SimulatedPaymentProvider, type PaymentProvider } from "../src/payments";
import { bookingCore, ok, type BookingCore } from "./support/booking";

let core: BookingCore;
beforeAll(async () => {
  core = await bookingCore();
});

const user = () => `user-${randomUUID().slice(0, 8)}`;

/**
 * A hold as a well-behaved client sends it: a collision with a transaction in flight wrote nothing
 * and gave the key back (the API's 503), so it is retried with the same key after a short wait.
 */
async function holdRetryingCollisions(request: Parameters<BookingCore["hold"]>[0]) {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await core.hold(request, key);
    } catch (error) {
      if (!(error instanceof TransactionRejected && error.conflicted) || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * attempt));
    }
  }
}

describe("no double booking", () => {
  it("gives one of 30 concurrent holds on one seat the seat, and refuses the other 29 naming it", async () => {
    const offer = core.offers.flight();
    const contenders = Array.from({ length: 30 }, user);
    const outcomes = await Promise.all(contenders.map((userId) => holdRetryingCollisions({ userId, offerId: offer.id, seatIds: ["30F"] })));
    const winners = outcomes.filter((o) => "ok" in o).map(ok);
    const refusals = outcomes.flatMap((o) => ("refused" in o ? [o.refused] : []));
    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(29);
    for (const refusal of refusals) expect(refusal).toEqual({ code: "seats-unavailable", message: "seat(s) 30F already taken", details: { seatIds: ["30F"] } });

    // The tables agree: one reservation holds 30F, the seat names it, and only it has an event.
    const winner = winners[0]!;
    const { data: holders } = await core.entities.Reservation.scan.where((a, op) => op.eq(a.eventId, winner.eventId)).go({ pages: "all" });
    expect(holders.map((r) => r.reservationId)).toEqual([winner.reservationId]);
    const { data: seat } = await core.entities.Seat.get({ eventId: winner.eventId, seatId: "30F" }).go({ consistent: true });
    expect(seat).toMatchObject({ status: "HELD", reservationId: winner.reservationId });
    expect(await core.outboxRows(winner.reservationId)).toHaveLength(1);
  }, 60_000);

  it("guards every flight of a connection: one of 20 holds wanting one seat on the second flight wins, and the losers keep nothing on the first", async () => {
    const offer = core.offers.flight({ connecting: true });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => holdRetryingCollisions({ userId: user(), offerId: offer.id, seats: [{ segment: 0, seatIds: [`${20 + i}A`] }, { segment: 1, seatIds: ["30F"] }] })),
    );
    const winners = outcomes.filter((o) => "ok" in o).map(ok);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.seats.map((s) => s.seatIds)).toEqual([[expect.stringMatching(/^\d\dA$/)], ["30F"]]);
    for (const refusal of outcomes.flatMap((o) => ("refused" in o ? [o.refused] : []))) expect(refusal).toEqual({ code: "seats-unavailable", message: "seat(s) 30F already taken", details: { seatIds: ["30F"] } });
    // The losers' first-flight seats were never taken: only the winner's is held.
    const map = ok(await core.booking.inventory(offer.id));
    if (map.vertical !== "flights") throw new Error("a flight offer's inventory is a seat map");
    expect(map.segments[0]!.seats.filter((s) => s.status === "HELD").map((s) => s.seatId)).toEqual(winners[0]!.seats[0]!.seatIds);
    expect(map.segments[1]!.seats.filter((s) => s.status === "HELD").map((s) => s.seatId)).toEqual(["30F"]);
  });

  it("sells no more rooms than a night has: 9 concurrent holds on 8 rooms, one refused", async () => {
    const hotel = core.offers.hotel();
    const outcomes = await Promise.all(Array.from({ length: 9 }, () => holdRetryingCollisions({ userId: user(), offerId: hotel.id })));
    expect(outcomes.filter((o) => "ok" in o)).toHaveLength(8);
    const [refused, ...more] = outcomes.flatMap((o) => ("refused" in o ? [o.refused] : []));
    expect(more).toHaveLength(0);
    expect(refused).toMatchObject({ code: "rooms-unavailable" });
    const rooms = ok(await core.booking.inventory(hotel.id));
    expect(rooms).toMatchObject({ vertical: "hotels", roomsAvailable: 0 });
    if (rooms.vertical === "hotels") for (const night of rooms.nights) expect(night).toMatchObject({ available: 0, held: 8, sold: 0 });
  }, 60_000);
});

describe("two confirms of one hold", () => {
  it("confirms once and keeps the payment when a second request, paying with the same card, loses the race", async () => {
    // Both requests charge the same provider key (the reservation and the card), so they share one
    // payment; whichever charges second is held back after its charge until the other has answered.
    const inner = new SimulatedPaymentProvider();
    let charges = 0;
    let firstConfirmed!: () => void;
    const afterFirst = new Promise<void>((resolve) => (firstConfirmed = resolve));
    const payments: PaymentProvider = {
      name: inner.name,
      charge: async (request) => {
        const result = await inner.charge(request);
        if (++charges === 2) await afterFirst;
        return result;
      },
      refund: (request) => inner.refund(request),
    };
    const racing = await bookingCore({ payments });
    const userId = user();
    const held = ok(await racing.hold({ userId, offerId: racing.offers.flight().id }));
    const both = [racing.confirm(userId, held.reservationId), racing.confirm(userId, held.reservationId)];
    await Promise.race(both);
    firstConfirmed();
    const outcomes = await Promise.all(both);
    const [confirmed, ...more] = outcomes.filter((o) => "ok" in o).map(ok);
    expect(more).toHaveLength(0);
    expect(confirmed!.status).toBe("CONFIRMED");
    expect(outcomes.filter((o) => "refused" in o)).toEqual([{ refused: expect.objectContaining({ code: "invalid-transition" }) }]);
    // The booking's payment is whole: cancelling it still refunds the full price.
    const cancelled = ok(await racing.cancel(userId, held.reservationId));
    expect(cancelled.refundedAmount).toBe(confirmed!.totalAmount);
  }, 60_000);
});
