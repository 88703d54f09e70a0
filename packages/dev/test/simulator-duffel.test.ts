import { Duffel, DuffelError } from "@duffel/api";
import type { CreateOfferRequest, OfferRequest, SeatMapCabinRowSectionElement, SeatMapCabinRowSectionElementSeat } from "@duffel/api/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSimulatorDuffelToken } from "../src/simulator/app";
import { daysFromNow, startSimulator } from "./simulator-server";

/**
 * The simulator's Duffel side, judged by Duffel's official client (@duffel/api): whatever the
 * client can read, send and throw here, it can against Duffel.
 */
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let duffel: Duffel;
const client = (options: Partial<ConstructorParameters<typeof Duffel>[0]> = {}) =>
  new Duffel({ token: defaultSimulatorDuffelToken, basePath: `${simulator.url}/`, ...options });

beforeAll(async () => {
  simulator = await startSimulator();
  duffel = client();
});
afterAll(() => simulator.close());

const departure = daysFromNow(40);
const comeBack = daysFromNow(47);
const oneWay = (origin: string, destination: string, extra: Partial<CreateOfferRequest> = {}) => ({
  slices: [{ origin, destination, departure_date: departure }] as CreateOfferRequest["slices"],
  passengers: [{ type: "adult" as const }],
  cabin_class: "economy" as const,
  return_offers: true as const,
  ...extra,
});
/** Rejections as the client throws them. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected a DuffelError"), (e: unknown) => e as InstanceType<typeof DuffelError>);
const distanceKm = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

describe("the simulator's Duffel flights, through @duffel/api", () => {
  it("answers a return search with full offers, the same ones for the same request", async () => {
    const request = {
      ...oneWay("LHR", "JFK"),
      slices: [{ origin: "LHR", destination: "JFK", departure_date: departure }, { origin: "JFK", destination: "LHR", departure_date: comeBack }] as CreateOfferRequest["slices"],
      passengers: [{ type: "adult" as const }, { age: 7 }],
    };
    const first = await duffel.offerRequests.create(request);
    expect(first.status).toBe(201);
    expect(first.headers!.get("content-type")).toBe("application/json");
    expect(first.headers!.get("x-request-id")).toBeTruthy();
    expect(Number.isNaN(Date.parse(first.headers!.get("ratelimit-reset")!))).toBe(false);
    const { data } = first;
    expect(data.id).toMatch(/^orq_/);
    expect(data.live_mode).toBe(false);
    expect(data.passengers.map((p) => p.type)).toEqual(["adult", "child"]);
    expect(data.offers.length).toBeGreaterThan(0);
    const passengerIds = data.passengers.map((p) => p.id);
    for (const offer of data.offers) {
      expect(offer.id).toMatch(/^off_/);
      expect(offer.total_amount).toMatch(/^\d+\.\d{2}$/);
      expect(Number(offer.base_amount) + Number(offer.tax_amount)).toBeCloseTo(Number(offer.total_amount), 2);
      expect(Date.parse(offer.expires_at) - Date.now()).toBeGreaterThan(25 * 60_000);
      expect(offer.owner.iata_code).toMatch(/^[A-Z0-9]{2}$/);
      expect(offer.passengers.map((p) => p.id)).toEqual(passengerIds);
      expect(offer.conditions.change_before_departure).toHaveProperty("allowed");
      expect(offer.payment_requirements.requires_instant_payment).toBe(false);
      expect(offer.slices).toHaveLength(2);
      expect(offer.slices[0]!.origin.iata_code).toBe("LHR");
      expect(offer.slices[1]!.segments[0]!.departing_at.slice(0, 10)).toBe(comeBack);
      for (const segment of offer.slices.flatMap((s) => s.segments)) {
        expect(segment.id).toMatch(/^seg_/);
        expect(segment.departing_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        expect(segment.duration).toMatch(/^PT/);
        expect(segment.origin).toMatchObject({ type: "airport", iata_code: expect.stringMatching(/^[A-Z]{3}$/), time_zone: expect.any(String), latitude: expect.any(Number) });
        expect(segment.marketing_carrier_flight_number).toMatch(/^\d{4}$/);
        expect(segment.passengers.map((p) => p.passenger_id)).toEqual(passengerIds);
      }
    }
    const again = await duffel.offerRequests.create(request);
    expect(again.data.offers.map((o) => [o.id, o.total_amount])).toEqual(data.offers.map((o) => [o.id, o.total_amount]));
  });

  it("sells the cabin asked for, only direct flights for max_connections 0, and no offers when return_offers is false", async () => {
    const business = await duffel.offerRequests.create(oneWay("CDG", "SIN", { cabin_class: "business" }));
    const cabins = business.data.offers.flatMap((o) => o.slices.flatMap((s) => s.segments.flatMap((seg) => seg.passengers.map((p) => p.cabin_class))));
    expect(new Set(cabins)).toEqual(new Set(["business"]));
    const any = await duffel.offerRequests.create(oneWay("CDG", "SIN", { max_connections: 1 }));
    expect(any.data.offers.some((o) => o.slices[0]!.segments.length === 2)).toBe(true);
    const direct = await duffel.offerRequests.create(oneWay("CDG", "SIN", { max_connections: 0 }));
    expect(direct.data.offers.length).toBeGreaterThan(0);
    expect(direct.data.offers.every((o) => o.slices[0]!.segments.length === 1)).toBe(true);
    const withoutOffers = await duffel.offerRequests.create({ ...oneWay("CDG", "SIN"), return_offers: false });
    expect((withoutOffers.data as Partial<OfferRequest>).offers).toBeUndefined();
  });

  it("reads an offer back at its price with its services, and shows a seat map per segment, the same each time", async () => {
    const search = await duffel.offerRequests.create({ ...oneWay("MAD", "FCO"), passengers: [{ type: "adult" }, { type: "adult" }] });
    const offer = search.data.offers[0]!;
    const read = await duffel.offers.get(offer.id, { return_available_services: true });
    expect(read.data.total_amount).toBe(offer.total_amount);
    expect(read.data.available_services.length).toBeGreaterThan(0);
    expect(read.data.available_services[0]).toMatchObject({ type: "baggage", passenger_ids: [offer.passengers[0]!.id], metadata: { type: "checked" } });
    const maps = await duffel.seatMaps.get({ offer_id: offer.id });
    const segments = offer.slices.flatMap((s) => s.segments);
    expect(maps.data.map((m) => m.segment_id)).toEqual(segments.map((s) => s.id));
    const seats = maps.data[0]!.cabins[0]!.rows.flatMap((r) => r.sections.flatMap((s) => s.elements)).filter((e: SeatMapCabinRowSectionElement): e is SeatMapCabinRowSectionElementSeat => e.type === "seat");
    expect(seats.length).toBeGreaterThan(50);
    for (const seat of seats) expect(seat.designator).toMatch(/^\d{1,2}[A-K]$/);
    const forSale = seats.filter((s) => s.available_services.length > 0);
    expect(forSale.length).toBeGreaterThan(0);
    expect(forSale.length).toBeLessThan(seats.length);
    expect(forSale[0]!.available_services.map((s) => s.passenger_id)).toEqual(offer.passengers.map((p) => p.id));
    const elementTypes = new Set(maps.data[0]!.cabins[0]!.rows.flatMap((r) => r.sections.flatMap((s) => s.elements.map((e) => e.type))));
    expect([...elementTypes]).toEqual(expect.arrayContaining(["seat", "exit_row", "lavatory", "galley"]));
    expect((await duffel.seatMaps.get({ offer_id: offer.id })).data).toEqual(maps.data);
  });

  it("plays Duffel's test routes: an offer gone when read, a price rising 10.00 per read, no offers, a search timing out", async () => {
    const gone = (await duffel.offerRequests.create(oneWay("LGW", "LHR"))).data.offers[0]!;
    const goneError = await failure(duffel.offers.get(gone.id));
    expect(goneError).toBeInstanceOf(DuffelError);
    expect(goneError.status).toBe(422);
    expect(goneError.errors[0]).toMatchObject({ type: "airline_error", code: "offer_no_longer_available" });

    const rising = (await duffel.offerRequests.create(oneWay("LHR", "STN"))).data.offers[0]!;
    const firstRead = await duffel.offers.get(rising.id);
    const secondRead = await duffel.offers.get(rising.id);
    expect(Number(firstRead.data.total_amount)).toBeCloseTo(Number(rising.total_amount) + 10, 2);
    expect(Number(secondRead.data.total_amount)).toBeCloseTo(Number(rising.total_amount) + 20, 2);

    expect((await duffel.offerRequests.create(oneWay("PVD", "RAI"))).data.offers).toEqual([]);
    const timeout = await failure(duffel.offerRequests.create(oneWay("STN", "LHR")));
    expect(timeout.status).toBe(504);
    expect(timeout.errors[0]).toMatchObject({ type: "api_error", code: "gateway_timeout_error" });
  });

  it("refuses what Duffel refuses, in Duffel's error envelope", async () => {
    const badToken = await failure(client({ token: "duffel_test_wrong" }).offerRequests.create(oneWay("LHR", "JFK")));
    expect(badToken.status).toBe(401);
    expect(badToken.errors[0]!.type).toBe("authentication_error");
    expect(badToken.meta.request_id).toBe(badToken.headers.get("x-request-id"));

    const oldVersion = await failure(client({ apiVersion: "v1" as "v2" }).offerRequests.create(oneWay("LHR", "JFK")));
    expect(oldVersion.status).toBe(400);
    expect(oldVersion.errors[0]!.type).toBe("invalid_request_error");

    const noPassengers = await failure(duffel.offerRequests.create({ ...oneWay("LHR", "JFK"), passengers: [] }));
    expect(noPassengers.status).toBe(422);
    expect(noPassengers.errors[0]).toMatchObject({ type: "validation_error", code: "validation_required", source: { field: "passengers", pointer: "/passengers" } });

    const invalid = await failure(duffel.offerRequests.create({ ...oneWay("LHR", "QQQ"), slices: [{ origin: "LHR", destination: "QQQ", departure_date: daysFromNow(-3) }] as CreateOfferRequest["slices"] }));
    // The client's error type has no `source`, though Duffel sends it (and the client passes it on).
    expect(invalid.errors.map((e) => (e as { source?: unknown }).source)).toEqual([
      { field: "destination", pointer: "/slices/0/destination" },
      { field: "departure_date", pointer: "/slices/0/departure_date" },
    ]);

    const unknown = await failure(duffel.offers.get("off_0000doesnotexist00000"));
    expect(unknown.status).toBe(404);
    expect(unknown.errors[0]).toMatchObject({ type: "invalid_request_error", code: "not_found" });
  });
});

describe("the simulator's Duffel stays, through @duffel/api", () => {
  const checkIn = daysFromNow(30);
  const checkOut = daysFromNow(33);
  const around = (latitude: number, longitude: number, radius: number) =>
    duffel.stays.search({ location: { radius, geographic_coordinates: { latitude, longitude } }, check_in_date: checkIn, check_out_date: checkOut, rooms: 1, guests: [{ type: "adult" }, { type: "adult" }] });

  it("finds accommodation within the radius, the same for the same search", async () => {
    // Paris, wherever the reference data puts its centre, has hotels within 40 km of the Louvre.
    const wide = await around(48.8606, 2.3376, 40);
    expect(wide.data.results.length).toBeGreaterThan(0);
    const hotel = wide.data.results[0]!.accommodation;
    const point = hotel.location.geographic_coordinates!;
    const near = await around(point.latitude, point.longitude, 2);
    expect(near.data.results.map((r) => r.accommodation.id)).toContain(hotel.id);
    for (const result of near.data.results) {
      expect(result.id).toMatch(/^srr_/);
      expect(result.accommodation.id).toMatch(/^acc_/);
      expect(distanceKm(point, result.accommodation.location.geographic_coordinates!)).toBeLessThanOrEqual(2);
      expect(result.accommodation.rating === null || (result.accommodation.rating >= 1 && result.accommodation.rating <= 5)).toBe(true);
      expect(result.accommodation.amenities!.length).toBeGreaterThan(0);
      expect(result.cheapest_rate_total_amount).toMatch(/^\d+\.\d{2}$/);
      expect(Date.parse(result.expires_at)).toBeGreaterThan(Date.now());
    }
    const again = await around(point.latitude, point.longitude, 2);
    expect(again.data.results.map((r) => [r.id, r.cheapest_rate_total_amount])).toEqual(near.data.results.map((r) => [r.id, r.cheapest_rate_total_amount]));
  });

  it("rates accommodation as Duffel does: review_score 1.0–10.0 with review_count, or both null, the same each time", async () => {
    const results = (await around(48.8606, 2.3376, 40)).data.results;
    const reviews = results.map((r) => [r.accommodation.review_score, r.accommodation.review_count] as const);
    const scored = reviews.filter(([score]) => score !== null);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.length).toBeLessThan(reviews.length);
    for (const [score, count] of reviews) {
      if (score === null) expect(count).toBeNull();
      else {
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(10);
        expect(Math.round(score * 10) / 10).toBe(score);
        expect(Number.isInteger(count) && count! > 0).toBe(true);
      }
    }
    const again = (await around(48.8606, 2.3376, 40)).data.results.map((r) => [r.accommodation.review_score, r.accommodation.review_count]);
    expect(again).toEqual(reviews);
  });

  it("fetches every rate of a result and quotes one", async () => {
    const [result] = (await around(48.8606, 2.3376, 40)).data.results;
    const all = await duffel.stays.searchResults.fetchAllRates(result!.id);
    expect(all.data.id).toBe(result!.id);
    const rates = all.data.accommodation.rooms.flatMap((room) => {
      expect(room.beds!.length).toBeGreaterThan(0);
      return room.rates;
    });
    expect(rates.length).toBeGreaterThan(1);
    expect(Math.min(...rates.map((r) => Number(r.total_amount)))).toBeCloseTo(Number(result!.cheapest_rate_total_amount), 2);
    for (const rate of rates) {
      expect(rate.id).toMatch(/^rat_/);
      expect(["room_only", "breakfast", "half_board", "full_board", "all_inclusive"]).toContain(rate.board_type);
      expect(rate.quantity_available).toBeGreaterThan(0);
    }
    const refundable = rates.find((r) => r.cancellation_timeline.length > 0)!;
    expect(refundable.cancellation_timeline[0]).toMatchObject({ refund_amount: refundable.total_amount, currency: refundable.total_currency });

    const quote = await duffel.stays.quotes.create(refundable.id);
    expect(quote.status).toBe(201);
    expect(quote.data.id).toMatch(/^quo_/);
    expect(quote.data.total_amount).toBe(refundable.total_amount);
    expect(quote.data.accommodation.rooms[0]!.rates.map((r) => r.id)).toEqual([refundable.id]);

    const unknownRate = await failure(duffel.stays.quotes.create("rat_0000doesnotexist00000"));
    expect(unknownRate.status).toBe(404);
    const unknownResult = await failure(duffel.stays.searchResults.fetchAllRates("srr_0000doesnotexist00000"));
    expect(unknownResult.errors[0]!.code).toBe("not_found");
  });

  it("refuses a check-out before the check-in and a radius that is no distance, naming the field", async () => {
    const backwards = await failure(
      duffel.stays.search({ location: { radius: 5, geographic_coordinates: { latitude: 48.86, longitude: 2.34 } }, check_in_date: checkOut, check_out_date: checkIn, rooms: 1, guests: [{ type: "adult" }] }),
    );
    expect(backwards.status).toBe(422);
    expect((backwards.errors[0] as { source?: unknown }).source).toEqual({ field: "check_out_date", pointer: "/check_out_date" });
    const noRadius = await failure(around(48.86, 2.34, -1));
    expect(noRadius.errors[0]).toMatchObject({ type: "validation_error", source: { field: "radius", pointer: "/location/radius" } });
  });
});

describe("the simulator's Duffel side under /__control", () => {
  it("answers 429 rate_limit_error with its rate-limit headers for the next N calls, then serves again", async () => {
    await simulator.control({ supplier: "duffel", rateLimited: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await failure(duffel.offerRequests.create(oneWay("LHR", "JFK")));
      expect(limited.status).toBe(429);
      expect(limited.errors[0]).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect(Date.parse(limited.headers.get("ratelimit-reset")!)).toBeGreaterThan(Date.now() - 1000);
    }
    expect((await duffel.offerRequests.create(oneWay("LHR", "JFK"))).status).toBe(201);
  });

  it("takes only Duffel down, with a 503 api_error, and counts calls per supplier", async () => {
    const before = simulator.stats().bySupplier.duffel;
    await simulator.control({ supplier: "duffel", down: true });
    try {
      const down = await failure(duffel.offerRequests.create(oneWay("LHR", "JFK")));
      expect(down.status).toBe(503);
      expect(down.errors[0]!.type).toBe("api_error");
    } finally {
      await simulator.control({ supplier: "duffel", down: false });
    }
    expect(simulator.stats().bySupplier.duffel).toBe(before + 1);
  });
});
