import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { daysFromNow, startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

describe("GET /v1/offers/{id} re-prices before booking", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  let redis: Redis;
  const departureDate = daysFromNow(55);

  beforeAll(async () => {
    simulator = await startSimulator();
    api = await startApi(simulator.url);
    const { redis: address } = inject("stores");
    redis = new Redis({ host: address.host, port: address.port });
  });
  afterAll(async () => {
    redis.disconnect();
    await api.close();
    await simulator.close();
  });

  it("asks the supplier again and returns the flight offer at its current price", async () => {
    const search = (await (await api.get(`/v1/search/flights?origin=LHR&destination=BOS&departureDate=${departureDate}`)).json()) as { data: any[] };
    const chosen = search.data[0];
    const before = (await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"]!;
    const response = await api.get(`/v1/offers/${chosen.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { data: any; meta: any };
    expect(body.data).toEqual(chosen);
    expect(body.meta).toMatchObject({ vertical: "flights", previousTotal: chosen.price.total, priceChanged: false });
    expect(Date.parse(body.meta.validUntil) - Date.parse(body.meta.searchedAt)).toBe(30 * 60 * 1000);
    expect((await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"]).toBe(before + 1);
  });

  it("re-prices hotel and car offers too", async () => {
    const hotels = (await (await api.get(`/v1/search/hotels?cityCode=ROM&checkIn=${daysFromNow(20)}&checkOut=${daysFromNow(22)}`)).json()) as { data: any[] };
    const hotel = await api.get(`/v1/offers/${hotels.data[0].id}`);
    expect(hotel.status).toBe(200);
    expect(((await hotel.json()) as { meta: any }).meta.vertical).toBe("hotels");
    const cars = (await (await api.get(`/v1/search/cars?pickupLocation=MIA&pickupAt=${daysFromNow(20)}T09:00&dropoffAt=${daysFromNow(23)}T09:00`)).json()) as { data: any[] };
    const car = await api.get(`/v1/offers/${cars.data[0].id}`);
    expect(car.status).toBe(200);
    expect(((await car.json()) as { data: any }).data.id).toBe(cars.data[0].id);
  });

  it("answers 410 for an expired offer and for one the supplier no longer sells, 404 for an unknown one", async () => {
    const prefix = `travel-platform:${api.config.App.stage}:offer:`;
    const criteria = { origin: "LHR", destination: "BOS", departureDate, adults: 1, children: 0, cabin: "ECONOMY", nonStop: false, currency: "USD" };
    const expiredId = `fo_${"e".repeat(22)}`;
    await redis.set(`${prefix}${expiredId}`, JSON.stringify({ vertical: "flights", criteria, searchedAt: "2020-01-01T00:00:00.000Z", validUntil: "2020-01-01T00:30:00.000Z", total: "100.00", currency: "USD" }));
    const expired = await api.get(`/v1/offers/${expiredId}`);
    expect(expired.status).toBe(410);
    expect(expired.headers.get("content-type")).toContain("application/problem+json");
    expect(((await expired.json()) as { type: string; detail: string })).toMatchObject({ type: expect.stringMatching(/offer-expired$/), detail: expect.stringMatching(/expired at 2020-01-01T00:30:00.000Z/) });

    const goneId = `fo_${"g".repeat(22)}`;
    const validUntil = new Date(Date.now() + 600_000).toISOString();
    await redis.set(`${prefix}${goneId}`, JSON.stringify({ vertical: "flights", criteria, searchedAt: new Date().toISOString(), validUntil, total: "100.00", currency: "USD" }));
    const gone = await api.get(`/v1/offers/${goneId}`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { type: string }).type).toMatch(/offer-unavailable$/);

    expect((await api.get(`/v1/offers/fo_${"n".repeat(22)}`)).status).toBe(404);
    expect((await api.get("/v1/offers/not-an-offer")).status).toBe(400);
  });
});
