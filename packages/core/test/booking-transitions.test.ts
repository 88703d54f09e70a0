import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/booking";
import { SimulatedPaymentProvider, type ChargeRequest } from "../src/payments";
import { ada, bookingCore, hours, minutes, ok, type BookingCore } from "./support/booking";

let core: BookingCore;
beforeAll(async () => {
  core = await bookingCore();
});

const user = () => `user-${randomUUID().slice(0, 8)}`;

async function seatStatus(offerId: string, seatId: string) {
  const map = ok(await core.booking.inventory(offerId));
  if (map.vertical !== "flights") throw new Error("not a seat map");
  return map.seats.find((s) => s.seatId === seatId)?.status;
}

/** The status changes the reservation's outbox rows report, in the order they were written. */
async function eventTrail(reservationId: string) {
  return (await core.outboxRows(reservationId)).map((row) => {
    const detail = JSON.parse(row.payload);
    expect(detail.eventId).toBe(row.outboxId);
    expect(row.status).toBe("PENDING");
    return [row.type, detail.previousStatus ?? null, detail.status].join(" ");
  });
}

async function heldSeat(userId: string, seatId = "20C"): Promise<ReservationView> {
  const offer = core.offers.flight();
  return ok(await core.hold({ userId, offerId: offer.id, seatIds: [seatId] }));
}

describe("HOLD", () => {
  it("holds a chosen seat for ten minutes with its Created event, and shows it held", async () => {
    const offer = core.offers.flight();
    const userId = user();
    const held = ok(await core.hold({ userId, offerId: offer.id, seatIds: ["20C"] }));
    expect(held).toMatchObject({ status: "HOLD", seatIds: ["20C"], quantity: 1, totalAmount: "523.40", currency: "GBP", travelers: [ada], contactEmail: ada.email });
    expect(Date.parse(held.holdExpiresAt) - Date.parse(held.createdAt)).toBe(minutes(10));
    expect(await seatStatus(offer.id, "20C")).toBe("HELD");
    expect(ok(await core.booking.get(userId, held.reservationId))).toEqual(held);
    expect(await eventTrail(held.reservationId)).toEqual(["ReservationCreated  HOLD"]);
  });

  it("assigns the first free seats when none are chosen, and holds hotel rooms per night", async () => {
    const flight = core.offers.flight({ adults: 2 });
    const pair = ok(await core.hold({ userId: user(), offerId: flight.id, travelers: [ada, { firstName: "Charles", lastName: "Babbage" }] }));
    expect(pair.seatIds).toEqual(["14A", "14B"]);

    const hotel = core.offers.hotel();
    const stay = ok(await core.hold({ userId: user(), offerId: hotel.id }));
    expect(stay).toMatchObject({ vertical: "hotels", status: "HOLD", seatIds: [], quantity: 1, totalAmount: "300.00" });
    const rooms = ok(await core.booking.inventory(hotel.id));
    expect(rooms).toMatchObject({ vertical: "hotels", roomsAvailable: 7 });
    if (rooms.vertical === "hotels") for (const night of rooms.nights) expect(night).toMatchObject({ capacity: 8, available: 7, held: 1, sold: 0 });
  });

  it("refuses a seat someone holds, naming it, and writes neither a reservation nor an event", async () => {
    const offer = core.offers.flight();
    ok(await core.hold({ userId: user(), offerId: offer.id, seatIds: ["15B"] }));
    const loser = user();
    expect(await core.hold({ userId: loser, offerId: offer.id, seatIds: ["15B"] })).toEqual({
      refused: { code: "seats-unavailable", message: "seat(s) 15B already taken", details: { seatIds: ["15B"] } },
    });
    expect((await core.booking.listForUser(loser, { limit: 10 })).items).toEqual([]);
  });

  it("refuses selections that do not fit the offer, unknown offers and expired ones", async () => {
    const offer = core.offers.flight();
    const userId = user();
    const refusal = async (request: Parameters<BookingCore["hold"]>[0]) => {
      const outcome = await core.hold(request);
      return "refused" in outcome ? outcome.refused : undefined;
    };
    expect(await refusal({ userId, offerId: offer.id, seatIds: ["3A"] })).toMatchObject({ code: "invalid-selection", message: `no seat 3A in ECONOMY on ${offer.itineraries[0]!.segments[0]!.flightNumber}`, details: { seatIds: ["3A"] } });
    expect(await refusal({ userId, offerId: offer.id, seatIds: ["14A", "14B"] })).toMatchObject({ code: "invalid-selection", message: `choose 1 seat(s) on ${offer.itineraries[0]!.segments[0]!.flightNumber}, one per traveller` });
    expect(await refusal({ userId, offerId: offer.id, travelers: [ada, ada] })).toMatchObject({ code: "invalid-selection", details: { travelers: 1 } });
    expect(await refusal({ userId, offerId: offer.id, quantity: 2 })).toMatchObject({ code: "invalid-selection", details: { quantity: 1 } });
    expect(await refusal({ userId, offerId: "fo_AAAAAAAAAAAAAAAAAAAAAA" })).toMatchObject({ code: "offer-not-found" });
    core.clock.advance(minutes(31));
    try {
      expect(await refusal({ userId, offerId: offer.id })).toMatchObject({ code: "offer-expired" });
    } finally {
      core.clock.advance(-minutes(31));
    }
  });
});

describe("HOLD → CONFIRMED", () => {
  it("takes payment, confirms, writes the order and sells the seat", async () => {
    const userId = user();
    const held = await heldSeat(userId, "25D");
    const confirmed = ok(await core.confirm(userId, held.reservationId));
    expect(confirmed).toMatchObject({ reservationId: held.reservationId, status: "CONFIRMED", orderId: expect.stringMatching(/^ord_/) });
    expect(ok(await core.booking.getOrder(userId, confirmed.orderId!))).toMatchObject({
      reservationId: held.reservationId, status: "CONFIRMED", totalAmount: "523.40", currency: "GBP", seatIds: ["25D"], paymentId: expect.stringMatching(/^pi_sim_/),
    });
    expect((await core.booking.listOrders(userId, { limit: 10 })).items.map((o) => o.orderId)).toEqual([confirmed.orderId]);
    expect(await seatStatus(held.offerId, "25D")).toBe("SOLD");
    expect(await eventTrail(held.reservationId)).toEqual(["ReservationCreated  HOLD", "ReservationStatusChanged HOLD CONFIRMED"]);

    expect(await core.confirm(userId, held.reservationId)).toEqual({
      refused: { code: "invalid-transition", message: `reservation ${held.reservationId} is CONFIRMED and cannot be confirmed`, details: { reservationStatus: "CONFIRMED" } },
    });
  });

  it("keeps the hold when the card is declined, then confirms with another card", async () => {
    const userId = user();
    const held = await heldSeat(userId);
    expect(await core.confirm(userId, held.reservationId, "pm_card_chargeDeclinedInsufficientFunds")).toEqual({
      refused: { code: "payment-declined", message: "payment declined: Your card has insufficient funds.", details: { declineCode: "insufficient_funds", reservationStatus: "HOLD" } },
    });
    expect(ok(await core.booking.get(userId, held.reservationId)).status).toBe("HOLD");
    expect(await eventTrail(held.reservationId)).toEqual(["ReservationCreated  HOLD"]);
    expect(ok(await core.confirm(userId, held.reservationId, "pm_card_visa")).status).toBe("CONFIRMED");
  });

  it("refunds a payment that went through after the hold ended, and says so (compensation)", async () => {
    const payments = new SimulatedPaymentProvider();
    const charged: string[] = [];
    // The charge takes longer than the hold has left: the hold ends while the card is charged.
    const slowCore = await bookingCore({
      payments: {
        name: payments.name,
        refund: (request) => payments.refund(request),
        charge: async (request: ChargeRequest) => {
          const result = await payments.charge(request);
          if (result.status === "succeeded") charged.push(result.paymentId);
          slowCore.clock.advance(minutes(11));
          return result;
        },
      },
    });
    const userId = user();
    const offer = slowCore.offers.flight();
    const held = ok(await slowCore.hold({ userId, offerId: offer.id, seatIds: ["30A"] }));
    const outcome = await slowCore.confirm(userId, held.reservationId);
    expect(outcome).toEqual({
      refused: {
        code: "hold-expired-refunded",
        message: "the reservation could not be confirmed (it is EXPIRED); the payment of 523.40 GBP was refunded",
        details: { reservationStatus: "EXPIRED", refundId: expect.stringMatching(/^re_sim_/), refundedAmount: "523.40" },
      },
    });
    // All of it came back: nothing is left to refund.
    await expect(payments.refund({ paymentId: charged[0]!, amountMinor: 1, idempotencyKey: "probe" })).rejects.toThrow(/exceeds what is left/);
    expect(ok(await slowCore.booking.get(userId, held.reservationId))).toMatchObject({ status: "EXPIRED" });
    expect((await slowCore.booking.listOrders(userId, { limit: 10 })).items).toEqual([]);
    expect(await slowCore.outboxRows(held.reservationId)).toHaveLength(1);
  });
});

describe("HOLD → CANCELLED and CONFIRMED → CANCELLED", () => {
  it("releases a hold: the seat is free again", async () => {
    const userId = user();
    const held = await heldSeat(userId, "26A");
    const cancelled = ok(await core.cancel(userId, held.reservationId));
    expect(cancelled).toMatchObject({ status: "CANCELLED" });
    expect(cancelled.refundedAmount).toBeUndefined();
    expect(await seatStatus(held.offerId, "26A")).toBe("AVAILABLE");
    expect(await eventTrail(held.reservationId)).toEqual(["ReservationCreated  HOLD", "ReservationStatusChanged HOLD CANCELLED"]);
  });

  it("refunds in full until 24 h before departure, half after, and refuses once the flight has left", async () => {
    const refundedAt = async (beforeDeparture: number) => {
      const userId = user();
      const offer = core.offers.flight({ daysAhead: 3, total: "100.01" });
      const held = ok(await core.hold({ userId, offerId: offer.id, seatIds: ["27C"] }));
      ok(await core.confirm(userId, held.reservationId));
      const shift = Date.parse(held.startsAt) - beforeDeparture - core.clock.now();
      core.clock.advance(shift);
      try {
        return { held, userId, outcome: await core.cancel(userId, held.reservationId) };
      } finally {
        core.clock.advance(-shift);
      }
    };

    const early = await refundedAt(hours(25));
    const cancelled = ok(early.outcome);
    expect(cancelled).toMatchObject({ status: "CANCELLED", refundedAmount: "100.01" });
    const order = ok(await core.booking.getOrder(early.userId, cancelled.orderId!));
    expect(order).toMatchObject({ status: "CANCELLED", refundedAmount: "100.01" });
    expect(await seatStatus(early.held.offerId, "27C")).toBe("AVAILABLE");
    expect(await eventTrail(early.held.reservationId)).toEqual([
      "ReservationCreated  HOLD",
      "ReservationStatusChanged HOLD CONFIRMED",
      "ReservationStatusChanged CONFIRMED CANCELLED",
    ]);

    // Half of 100.01, rounded down to the cent.
    expect(ok((await refundedAt(hours(12))).outcome)).toMatchObject({ status: "CANCELLED", refundedAmount: "50.00" });

    const late = await refundedAt(-minutes(1));
    expect(late.outcome).toEqual({ refused: { code: "too-late-to-cancel", message: `the flight departed at ${late.held.startsAt}`, details: {} } });
    expect(ok(await core.booking.get(late.userId, late.held.reservationId)).status).toBe("CONFIRMED");
  });

  it("refuses to cancel twice, and someone else's reservation is not found", async () => {
    const userId = user();
    const held = await heldSeat(userId);
    expect(await core.cancel(user(), held.reservationId)).toEqual({
      refused: { code: "reservation-not-found", message: `no reservation ${held.reservationId}`, details: {} },
    });
    ok(await core.cancel(userId, held.reservationId));
    expect(await core.cancel(userId, held.reservationId)).toMatchObject({ refused: { code: "invalid-transition", details: { reservationStatus: "CANCELLED" } } });
  });
});

describe("HOLD → EXPIRED", () => {
  it("reads an expired hold as EXPIRED, refuses to confirm it, and the job releases its seat with one EXPIRED event", async () => {
    const userId = user();
    const held = await heldSeat(userId, "28F");
    core.clock.advance(minutes(11));
    try {
      expect(ok(await core.booking.get(userId, held.reservationId)).status).toBe("EXPIRED");
      expect(await core.confirm(userId, held.reservationId)).toMatchObject({ refused: { code: "reservation-expired", details: { reservationStatus: "EXPIRED" } } });
      expect(await seatStatus(held.offerId, "28F")).toBe("HELD");

      expect((await core.booking.expireDue()).expired).toBeGreaterThanOrEqual(1);
      expect(await seatStatus(held.offerId, "28F")).toBe("AVAILABLE");
      expect(await eventTrail(held.reservationId)).toEqual(["ReservationCreated  HOLD", "ReservationStatusChanged HOLD EXPIRED"]);
      // Nothing is due any more: a second pass changes nothing.
      expect((await core.booking.expireDue()).expired).toBe(0);
      expect(await eventTrail(held.reservationId)).toHaveLength(2);
    } finally {
      core.clock.advance(-minutes(11));
    }
  });

  it("gives expired rooms back to the night's count", async () => {
    const hotel = core.offers.hotel({ daysAhead: 5 });
    ok(await core.hold({ userId: user(), offerId: hotel.id }));
    core.clock.advance(minutes(11));
    try {
      await core.booking.expireDue();
    } finally {
      core.clock.advance(-minutes(11));
    }
    const rooms = ok(await core.booking.inventory(hotel.id));
    if (rooms.vertical !== "hotels") throw new Error("not a hotel");
    for (const night of rooms.nights) expect(night).toMatchObject({ available: 8, held: 0, sold: 0 });
  });
});

describe("reads", () => {
  it("lists a traveller's reservations by status and answers unknown ids as not found", async () => {
    const userId = user();
    const first = await heldSeat(userId);
    const second = await heldSeat(userId);
    ok(await core.cancel(userId, second.reservationId));
    expect((await core.booking.listForUser(userId, { status: "HOLD", limit: 10 })).items.map((r) => r.reservationId)).toEqual([first.reservationId]);
    expect((await core.booking.listForUser(userId, { limit: 10 })).items).toHaveLength(2);
    expect(await core.booking.getOrder(userId, "ord_AAAAAAAAAAAAAAAAAAAAAA")).toMatchObject({ refused: { code: "order-not-found" } });
    expect(await core.booking.inventory("fo_AAAAAAAAAAAAAAAAAAAAAA")).toMatchObject({ refused: { code: "offer-not-found" } });
  });
});
