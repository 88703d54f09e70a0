import { describe, expect, it } from "vitest";
import { defaultSimulatorDuffelToken } from "@travel/dev/simulator/app";
import { daysFromNow } from "./support/stack";
import { oneOrderTraveller, traveller, useBookingStack } from "./support/booking";

/**
 * Seats on every flight of an offer (connections and the return): a seat map per flight, a seat
 * per traveller on each, paid seats priced by the supplier and added to the total, and the seats
 * chosen on a Duffel offer booked with its order as Duffel's seat services.
 */
const stack = useBookingStack(() => ({ suppliers: { flights: "duffel", stays: "amadeus" } }));

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const cents = (amount: string) => Math.round(Number(amount) * 100);

let nextDay = 40 + Math.floor(Math.random() * 150);
/** A return trip (at least two flights) sold by Duffel, on days no other test uses. */
async function returnTrip(): Promise<Json> {
  const day = nextDay;
  nextDay += 3;
  const query = new URLSearchParams({ origin: "LHR", destination: "BER", departureDate: daysFromNow(day), returnDate: daysFromNow(day + 2), adults: "1" });
  const { data } = await json(await stack.api.get(`/v1/search/flights?${query}`));
  const offer = (data as Json[]).find((o) => o.itineraries.length === 2);
  expect(offer, `a return offer for ${query}`).toBeDefined();
  return offer!;
}

const seatMapOf = async (offerId: string) => (await json(await stack.api.get(`/v1/offers/${offerId}/seats`))).data;

async function duffelOrderFor(reservationId: string): Promise<Json> {
  const response = await fetch(`${stack.simulator.url}/air/orders?limit=200&passenger_name[]=Lovelace`, {
    headers: { authorization: `Bearer ${defaultSimulatorDuffelToken}`, "duffel-version": "v2", accept: "application/json" },
  });
  const orders = ((await response.json()) as { data: Json[] }).data.filter((o) => o.metadata?.reservation_id === reservationId);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

describe("seats on every flight of an offer", () => {
  it("shows a seat map per flight and holds a seat on each, assigned the cheapest first and not charged", async () => {
    const offer = await returnTrip();
    const flights = offer.itineraries.flatMap((it: Json) => it.segments);
    const map = await seatMapOf(offer.id);
    expect(map.segments.map((s: Json) => s.flightNumber)).toEqual(flights.map((f: Json) => f.flightNumber));
    expect(map.segments.map((s: Json) => s.segment)).toEqual(flights.map((_: unknown, i: number) => i));
    expect(map.eventId).toBe(map.segments[0].eventId);
    for (const segment of map.segments) {
      expect(segment.seatMapSource).toBe("supplier");
      expect(segment.seats.some((s: Json) => s.status === "AVAILABLE")).toBe(true);
    }

    // No seats named: a seat on every flight, the cheapest the airline sells, not charged to the traveller.
    const cheapest = map.segments.map((segment: Json) => Math.min(...segment.seats.filter((s: Json) => s.status === "AVAILABLE").map((s: Json) => Number(s.price?.amount ?? 0))));
    const ada = traveller(stack.api);
    const hold = await ada.hold({ offerId: offer.id, ...oneOrderTraveller });
    expect(hold.status).toBe(201);
    const { data: held } = await json(hold);
    expect(held.seats.map((s: Json) => s.flightNumber)).toEqual(flights.map((f: Json) => f.flightNumber));
    expect(held.totalAmount).toBe(offer.price.total);
    expect(held.seatsAmount).toBeUndefined();
    expect(held.supplierOrder).toMatchObject({ type: "hold", status: "PENDING" });
    const after = await seatMapOf(offer.id);
    held.seats.forEach((flight: Json, i: number) => {
      const seat = after.segments[i].seats.find((s: Json) => s.seatId === flight.seatIds[0]);
      expect(seat.status).toBe("HELD");
      expect(Number(seat.price?.amount ?? 0)).toBe(cheapest[i]);
    });

    // Cancelling gives back the seats of every flight.
    expect((await ada.cancel(held.reservationId)).status).toBe(200);
    const released = await seatMapOf(offer.id);
    held.seats.forEach((flight: Json, i: number) => expect(released.segments[i].seats.find((s: Json) => s.seatId === flight.seatIds[0]).status).toBe("AVAILABLE"));
  });

  it("adds chosen paid seats to the total, books them with Duffel's order as seat services, and guards each flight's seat", async () => {
    const offer = await returnTrip();
    const map = await seatMapOf(offer.id);
    const paid = (segment: number) => map.segments[segment].seats.find((s: Json) => s.status === "AVAILABLE" && Number(s.price?.amount) > 0);
    const outbound = paid(0);
    const back = paid(map.segments.length - 1);
    const lastSegment = map.segments.length - 1;
    const seats = [
      { segment: 0, seatIds: [outbound.seatId] },
      { segment: lastSegment, seatIds: [back.seatId] },
    ];
    const ada = traveller(stack.api);
    const hold = await ada.hold({ offerId: offer.id, seats, ...oneOrderTraveller });
    expect(hold.status).toBe(201);
    const { data: held } = await json(hold);
    const seatsCents = cents(outbound.price.amount) + cents(back.price.amount);
    expect(cents(held.seatsAmount)).toBe(seatsCents);
    expect(cents(held.totalAmount)).toBe(cents(offer.price.total) + seatsCents);
    expect(held.seats[0].seatIds).toEqual([outbound.seatId]);
    expect(held.seats[lastSegment].seatIds).toEqual([back.seatId]);
    // Duffel books seats only with an order paid at once: this one is ordered at confirm.
    expect(held.supplierOrder).toMatchObject({ type: "instant", status: "PENDING" });

    // The same seat on the return flight is taken for anyone else; the outbound's other seats are not.
    const bob = traveller(stack.api);
    const clash = await bob.hold({ offerId: offer.id, seats: [{ segment: lastSegment, seatIds: [back.seatId] }], ...oneOrderTraveller });
    expect(clash.status).toBe(409);
    expect((await json(clash)).seatIds).toEqual([back.seatId]);

    await stack.worker.relayOnce();
    await stack.worker.drain();
    const confirmed = await ada.confirm(held.reservationId);
    expect(confirmed.status).toBe(200);
    const { data } = await json(confirmed);
    expect(data).toMatchObject({ status: "CONFIRMED", supplierOrder: { status: "PAID", type: "instant" } });
    const order = await duffelOrderFor(held.reservationId);
    expect(cents(order.total_amount)).toBe(cents(held.totalAmount));
    const seatServices = order.services.filter((s: Json) => s.type === "seat").map((s: Json) => s.metadata.designator);
    expect(seatServices.sort()).toEqual([outbound.seatId, back.seatId].sort());
    const ourOrder = (await json(await ada.get(`/v1/orders/${data.orderId}`))).data;
    expect(ourOrder.seats.map((s: Json) => s.seatIds[0])).toEqual(held.seats.map((s: Json) => s.seatIds[0]));
    expect(ourOrder.seatsAmount).toBe(held.seatsAmount);
    const sold = await seatMapOf(offer.id);
    expect(sold.segments[lastSegment].seats.find((s: Json) => s.seatId === back.seatId).status).toBe("SOLD");
  });

  it("gives one of 200 concurrent holds on one seat of a Duffel offer the seat, and Duffel sees one order for it", async () => {
    const offer = await returnTrip();
    const map = await seatMapOf(offer.id);
    const seat = map.segments[1].seats.find((s: Json) => s.status === "AVAILABLE");
    const contenders = Array.from({ length: 200 }, (_, i) => traveller(stack.api, `seat-contender-${i}-${Date.now()}`));
    // Sign-ins 20 at a time (the issuer is not what this test contends on), then every hold at once.
    for (let i = 0; i < contenders.length; i += 20) await Promise.all(contenders.slice(i, i + 20).map((t) => t.signedIn()));
    const responses = await Promise.all(contenders.map((t) => t.hold({ offerId: offer.id, seats: [{ segment: 1, seatIds: [seat.seatId] }], ...oneOrderTraveller })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    const winner = contenders[statuses.indexOf(201)]!;
    const { data: held } = await json(responses[statuses.indexOf(201)]!);
    const confirmed = await winner.confirm(held.reservationId);
    expect(confirmed.status).toBe(200);
    const order = await duffelOrderFor(held.reservationId);
    expect(order.services.filter((s: Json) => s.type === "seat").map((s: Json) => s.metadata.designator)).toEqual([seat.seatId]);
  }, 120_000);

  it("refuses a seat selection that does not fit the offer, with the reason", async () => {
    const offer = await returnTrip();
    const ada = traveller(stack.api);
    const noSuchFlight = await ada.hold({ offerId: offer.id, seats: [{ segment: 7, seatIds: ["14A"] }], ...oneOrderTraveller });
    expect(noSuchFlight.status).toBe(422);
    expect((await json(noSuchFlight)).detail).toMatch(/no segment 7/);
    const twice = await ada.hold({ offerId: offer.id, seatIds: ["14A"], seats: [{ segment: 0, seatIds: ["14B"] }], ...oneOrderTraveller });
    expect(twice.status).toBe(400);
    const noSuchSeat = await ada.hold({ offerId: offer.id, seats: [{ segment: 1, seatIds: ["99K"] }], ...oneOrderTraveller });
    expect(noSuchSeat.status).toBe(422);
    expect((await json(noSuchSeat)).seatIds).toEqual(["99K"]);
  });
});
