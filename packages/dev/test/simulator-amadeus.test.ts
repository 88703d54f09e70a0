import http from "node:http";
import Amadeus, { type AmadeusError } from "amadeus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSimulatorCredentials } from "../src/simulator/app";
import { daysFromNow, startSimulator } from "./simulator-server";

/**
 * The simulator's Amadeus side, judged by Amadeus' official SDK (amadeus 11.0.0). The SDK only
 * speaks TLS unless given an `http` whose requests say `http:` (its `ssl: false` is ignored).
 */
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let amadeus: Amadeus;

beforeAll(async () => {
  simulator = await startSimulator();
  amadeus = new Amadeus({
    ...defaultSimulatorCredentials,
    host: "127.0.0.1",
    port: simulator.port,
    http: { request: (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => http.request({ ...options, protocol: "http:" }, callback) },
  });
});
afterAll(() => simulator.close());

/** The SDK rejects with plain objects, not Errors. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected the SDK to reject"), (e: unknown) => e as AmadeusError);
const departure = daysFromNow(40);
type Offer = { validatingAirlineCodes: string[]; itineraries: Array<{ segments: Array<{ carrierCode: string }> }> };
type Hotel = { hotelId: string; rating?: number; distance: { value: number } };
type Sentiment = { type: string; hotelId: string; overallRating: number; numberOfReviews: number; numberOfRatings: number; sentiments?: Record<string, number> };

describe("the simulator's Amadeus side, through the amadeus SDK", () => {
  it("searches flights, and keeps to the airlines named in includedAirlineCodes", async () => {
    const all = await amadeus.shopping.flightOffersSearch.get({ originLocationCode: "LHR", destinationLocationCode: "JFK", departureDate: departure, adults: 1 });
    expect(all.statusCode).toBe(200);
    const offers = all.data as Offer[];
    const carriers = [...new Set(offers.map((o) => o.validatingAirlineCodes[0]!))];
    expect(carriers.length).toBeGreaterThan(1);
    const only = await amadeus.shopping.flightOffersSearch.get({
      originLocationCode: "LHR", destinationLocationCode: "JFK", departureDate: departure, adults: 1, includedAirlineCodes: carriers[0]!,
    });
    const kept = only.data as Offer[];
    expect(kept.length).toBe(offers.filter((o) => o.validatingAirlineCodes[0] === carriers[0]).length);
    expect(kept.flatMap((o) => o.itineraries.flatMap((i) => i.segments.map((s) => s.carrierCode)))).toEqual(expect.arrayContaining([carriers[0]]));
    expect(new Set(kept.flatMap((o) => o.itineraries.flatMap((i) => i.segments.map((s) => s.carrierCode))))).toEqual(new Set([carriers[0]]));
  });

  it("refuses a departure in the past with 400 INVALID DATE (425) naming departureDate, as Amadeus does", async () => {
    const past = await failure(amadeus.shopping.flightOffersSearch.get({ originLocationCode: "LHR", destinationLocationCode: "JFK", departureDate: daysFromNow(-2), adults: 1 }));
    expect(past.code).toBe("ClientError");
    expect(past.response.statusCode).toBe(400);
    expect(past.description[0]).toMatchObject({ status: 400, code: 425, title: "INVALID DATE", source: { parameter: "departureDate" } });
  });

  it("lists a city's hotels within the radius and of the ratings asked for", async () => {
    const wide = (await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", radius: 50, radiusUnit: "KM" })).data as Hotel[];
    expect(wide.length).toBeGreaterThan(3);
    const near = (await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", radius: 3, radiusUnit: "KM" })).data as Hotel[];
    expect(near.length).toBeLessThan(wide.length);
    for (const hotel of near) expect(hotel.distance.value).toBeLessThanOrEqual(3);
    const defaultRadius = (await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR" })).data as Hotel[];
    for (const hotel of defaultRadius) expect(hotel.distance.value).toBeLessThanOrEqual(5);
    const rated = (await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", radius: 50, ratings: "4,5" })).data as Hotel[];
    expect(rated.length).toBe(wide.filter((h) => h.rating === 4 || h.rating === 5).length);
    expect(rated.every((h) => h.rating === 4 || h.rating === 5)).toBe(true);
    const badRatings = await failure(amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", ratings: "6" }));
    expect(badRatings.description[0]!.source).toEqual({ parameter: "ratings" });
  });

  it("prices hotel offers, and refuses a check-in in the past", async () => {
    const [hotel] = (await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", radius: 50 })).data as Hotel[];
    const offers = await amadeus.shopping.hotelOffersSearch.get({ hotelIds: hotel!.hotelId, checkInDate: daysFromNow(30), checkOutDate: daysFromNow(32), adults: 2 });
    expect(offers.data[0]).toMatchObject({ type: "hotel-offers", hotel: { hotelId: hotel!.hotelId }, available: true });
    expect(offers.data[0].offers.length).toBeGreaterThan(0);
    const past = await failure(amadeus.shopping.hotelOffersSearch.get({ hotelIds: hotel!.hotelId, checkInDate: daysFromNow(-2), checkOutDate: daysFromNow(1), adults: 2 }));
    expect(past.response.statusCode).toBe(400);
    expect(past.description[0]).toMatchObject({ code: 425, source: { parameter: "checkInDate" } });
  });

  it("rates hotels through the Hotel Ratings API: sentiments 0–100, the hotels without any named in a 913 warning, at most 3 per call", async () => {
    const hotels = ((await amadeus.referenceData.locations.hotels.byCity.get({ cityCode: "PAR", radius: 50 })).data as Hotel[]).map((h) => h.hotelId);
    const answers = [];
    for (let i = 0; i < hotels.length; i += 3) {
      const hotelIds = hotels.slice(i, i + 3).join(",");
      const response = await amadeus.eReputation.hotelSentiments.get({ hotelIds });
      expect(response.statusCode).toBe(200);
      answers.push(response.result as { data: Sentiment[]; meta: { count: number }; warnings?: Array<{ code: number; source: { parameter: string; pointer: string } }> });
    }
    const rated = answers.flatMap((a) => a.data);
    const missing = answers.flatMap((a) => a.warnings?.flatMap((w) => (w.code === 913 ? w.source.pointer.split(",") : [])) ?? []);
    expect(rated.length).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    expect([...rated.map((s) => s.hotelId), ...missing].sort()).toEqual([...hotels].sort());
    for (const answer of answers) expect(answer.meta.count).toBe(answer.data.length);
    for (const sentiment of rated) {
      expect(sentiment.type).toBe("hotelSentiment");
      expect(Number.isInteger(sentiment.overallRating) && sentiment.overallRating >= 0 && sentiment.overallRating <= 100).toBe(true);
      expect(sentiment.numberOfReviews).toBeGreaterThan(0);
      expect(sentiment.numberOfRatings).toBeGreaterThanOrEqual(sentiment.numberOfReviews);
      for (const score of Object.values(sentiment.sentiments ?? {})) expect(score >= 0 && score <= 100).toBe(true);
    }
    const again = await amadeus.eReputation.hotelSentiments.get({ hotelIds: rated[0]!.hotelId });
    expect(again.data).toEqual([rated[0]]);
    const tooMany = await failure(amadeus.eReputation.hotelSentiments.get({ hotelIds: hotels.slice(0, 4).join(",") }));
    expect(tooMany.response.statusCode).toBe(400);
    expect(tooMany.description[0]!.source).toEqual({ parameter: "hotelIds" });
  });

  it("answers an endpoint it does not serve with Amadeus' 404, which the SDK throws as NotFoundError", async () => {
    const missing = await failure(amadeus.referenceData.locations.get({ keyword: "LON", subType: "AIRPORT" }));
    expect(missing.code).toBe("NotFoundError");
    expect(missing.description[0]).toMatchObject({ status: 404, code: 38196, title: "Resource not found" });
  });
});

describe("/__control per supplier, seen through the amadeus SDK", () => {
  const search = () => amadeus.shopping.flightOffersSearch.get({ originLocationCode: "MAD", destinationLocationCode: "BCN", departureDate: departure, adults: 1 });

  it("takes one supplier down while the others answer; a body without a supplier takes all", async () => {
    await search(); // the SDK's token is fetched while everything is up
    await simulator.control({ supplier: "duffel", down: true });
    try {
      expect((await search()).statusCode).toBe(200);
      await simulator.control({ down: true });
      const down = await failure(search());
      expect(down.code).toBe("ServerError");
      expect(down.response.statusCode).toBe(503);
    } finally {
      await simulator.control({ down: false });
    }
    expect((await search()).statusCode).toBe(200);
  });

  it("rate-limits Amadeus alone with a 429, and counts the calls per supplier", async () => {
    const before = simulator.stats().bySupplier;
    await simulator.control({ supplier: "amadeus", rateLimited: 1 });
    const limited = await failure(search());
    expect(limited.code).toBe("ClientError");
    expect(limited.response.statusCode).toBe(429);
    expect((await search()).statusCode).toBe(200);
    const after = simulator.stats().bySupplier;
    expect(after.amadeus - before.amadeus).toBe(2);
    expect(after.duffel).toBe(before.duffel);
  });
});
