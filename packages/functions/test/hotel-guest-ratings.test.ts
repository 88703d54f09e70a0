import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceData } from "@travel/core/reference-data";
import type { HotelOffer, HotelSearchCriteria, StaySearchContext } from "@travel/core/search";
import { AmadeusSupplier, DuffelSupplier, hotelSentimentsPerCall } from "@travel/core/suppliers";
import { defaultSimulatorCredentials, defaultSimulatorDuffelToken } from "@travel/dev/simulator/app";
import { accommodationOf, hotelsAround } from "@travel/dev/simulator/duffel-accommodation";
import { hotelSentimentOf } from "@travel/dev/simulator/hotels";
import { daysFromNow, startSimulator, type RunningSimulator } from "./support/stack";

/**
 * The suppliers' guest ratings on hotel offers, as each adapter reads them off the simulator's
 * wire: Duffel's accommodation `review_score` (1.0–10.0) and `review_count`, and the Amadeus
 * format's Hotel Ratings API (`GET /v2/e-reputation/hotel-sentiments`: `overallRating` 0–100 over
 * `numberOfReviews`, at most 3 hotels per call, hotels without sentiments left out).
 */
const paris = referenceData().cityByCode.get("PAR")!;
const criteria: HotelSearchCriteria = { cityCode: "PAR", checkIn: daysFromNow(50), checkOut: daysFromNow(52), adults: 2, rooms: 1, currency: "USD" };
const context: StaySearchContext = {
  centre: async () => ({ latitude: paris.latitude, longitude: paris.longitude }),
  remember: (_what, load) => load(),
};
const sentimentCalls = async (simulator: RunningSimulator) => (await simulator.stats()).byEndpoint["GET /v2/e-reputation/hotel-sentiments"] ?? 0;
const hotelsOf = (offers: HotelOffer[]) => [...new Map(offers.map((o) => [o.hotel.hotelId, o.hotel])).values()];

describe("guest ratings on hotel offers, from the simulator's wire", () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("Duffel: each accommodation's review_score and review_count, none where Duffel has no score", async () => {
    const duffel = new DuffelSupplier({ baseUrl: simulator.url, accessToken: defaultSimulatorDuffelToken, timeoutMs: 5_000 });
    const offers = await duffel.searchHotels(criteria, context);
    expect(offers.length).toBeGreaterThan(0);
    const wire = new Map(hotelsAround(await context.centre(), 50).map((nearby) => accommodationOf(nearby)).map((a) => [a.id, a]));
    const hotels = hotelsOf(offers);
    for (const hotel of hotels) {
      const accommodation = wire.get(hotel.hotelId)!;
      expect(accommodation, hotel.hotelId).toBeDefined();
      if (accommodation.review_score === null) expect(hotel.guestRating).toBeUndefined();
      else expect(hotel.guestRating).toEqual({ source: "duffel", value: accommodation.review_score, reviewCount: accommodation.review_count });
    }
    const rated = hotels.filter((h) => h.guestRating);
    expect(rated.length).toBeGreaterThan(0);
    for (const { guestRating } of rated) {
      expect(guestRating!.value).toBeGreaterThanOrEqual(1);
      expect(guestRating!.value).toBeLessThanOrEqual(10);
    }
  });

  it("Amadeus format: the offered hotels' sentiments, at most 3 hotels per call; hotels without sentiments have no rating", async () => {
    const amadeus = new AmadeusSupplier({ baseUrl: simulator.url, ...defaultSimulatorCredentials, timeoutMs: 5_000 });
    const before = await sentimentCalls(simulator);
    const offers = await amadeus.searchHotels(criteria, context);
    const hotels = hotelsOf(offers);
    expect(hotels.length).toBeGreaterThan(hotelSentimentsPerCall);
    expect((await sentimentCalls(simulator)) - before).toBe(Math.ceil(hotels.length / hotelSentimentsPerCall));
    for (const hotel of hotels) {
      const sentiment = hotelSentimentOf(hotel.hotelId);
      if (!sentiment) expect(hotel.guestRating).toBeUndefined();
      else expect(hotel.guestRating).toEqual({ source: "amadeus", value: sentiment.overallRating, reviewCount: sentiment.numberOfReviews });
    }
    expect(hotels.filter((h) => h.guestRating).length).toBeGreaterThan(0);
    expect(hotels.filter((h) => !h.guestRating).length).toBeGreaterThan(0);
  });

  it("Amadeus format: offers still come back, without ratings, when the Hotel Ratings API fails", async () => {
    const failingSentiments: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes("/e-reputation/hotel-sentiments")) {
        return new Response(JSON.stringify({ errors: [{ status: 500, code: 141, title: "SYSTEM ERROR HAS OCCURRED" }] }), { status: 500, headers: { "content-type": "application/vnd.amadeus+json" } });
      }
      return fetch(input, init);
    };
    const rated = await new AmadeusSupplier({ baseUrl: simulator.url, ...defaultSimulatorCredentials, timeoutMs: 5_000 }).searchHotels(criteria, context);
    const unrated = await new AmadeusSupplier({ baseUrl: simulator.url, ...defaultSimulatorCredentials, timeoutMs: 5_000, fetch: failingSentiments }).searchHotels(criteria, context);
    expect(unrated.map((o) => o.id)).toEqual(rated.map((o) => o.id));
    expect(unrated.every((o) => o.hotel.guestRating === undefined)).toBe(true);
  });
});
