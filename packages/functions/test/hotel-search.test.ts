import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amadeusAlone, daysFromNow, startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

describe("GET /v1/search/hotels", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  const checkIn = daysFromNow(45);
  const checkOut = daysFromNow(48);
  const base = `/v1/search/hotels?cityCode=PAR&checkIn=${checkIn}&checkOut=${checkOut}&adults=2&rooms=1`;

  beforeAll(async () => {
    simulator = await startSimulator();
    // The Amadeus format's hotel path (list, then offers); Duffel's stays: suppliers-side-by-side.test.ts.
    api = await startApi(simulator.url, { suppliers: amadeusAlone });
    await api.deps.warmUp();
  });
  afterAll(async () => {
    await api.close();
    await simulator.close();
  });

  const supplierCalls = async () => {
    const { byEndpoint } = await simulator.stats();
    return (byEndpoint["GET /v1/reference-data/locations/hotels/by-city"] ?? 0) + (byEndpoint["GET /v3/shopping/hotel-offers"] ?? 0);
  };

  it("lists hotel offers for the stay, then serves the repeat from cache", async () => {
    const before = await supplierCalls();
    const first = await api.get(base);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = (await first.json()) as { data: any[]; meta: any };
    expect(body.data.length).toBeGreaterThan(5);
    const offer = body.data[0];
    expect(offer.id).toMatch(/^ho_/);
    expect(offer.hotel.name).toMatch(/PARIS/);
    expect(offer.hotel.rating).toBeGreaterThanOrEqual(2);
    expect(offer.hotel.distanceKm).toBeLessThan(15);
    expect(offer.nights).toBe(3);
    expect(Number(offer.price.perNight) * 3).toBeCloseTo(Number(offer.price.total), 0);
    expect(offer.price.currency).toBe("USD");
    const totals = body.data.map((o) => Number(o.price.total));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect((await supplierCalls()) - before).toBe(2); // hotel list + offers

    const again = await api.get(base);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect((await supplierCalls()) - before).toBe(2);
  });

  it("keeps the city's hotel list for a day: another stay in the city costs one supplier call", async () => {
    await api.get(base);
    const before = await supplierCalls();
    const otherStay = await api.get(`/v1/search/hotels?cityCode=PAR&checkIn=${daysFromNow(60)}&checkOut=${daysFromNow(62)}`);
    expect(otherStay.status).toBe(200);
    expect(otherStay.headers.get("x-cache")).toBe("MISS");
    const { byEndpoint } = await simulator.stats();
    expect((await supplierCalls()) - before).toBe(1);
    expect(byEndpoint["GET /v1/reference-data/locations/hotels/by-city"]).toBe(1);
  });

  it("filters and sorts the cached offers without calling the supplier", async () => {
    await api.get(base);
    const before = await supplierCalls();
    const rated = (await (await api.get(`${base}&minRating=4&sort=rating`)).json()) as { data: any[] };
    expect(rated.data.length).toBeGreaterThan(0);
    expect(rated.data.every((o) => o.hotel.rating >= 4)).toBe(true);
    const ratings = rated.data.map((o) => o.hotel.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    const withPool = (await (await api.get(`${base}&amenities=pool,spa`)).json()) as { data: any[] };
    expect(withPool.data.every((o) => o.hotel.amenities.includes("POOL") && o.hotel.amenities.includes("SPA"))).toBe(true);
    const cheap = (await (await api.get(`${base}&maxPrice=600&minPrice=100`)).json()) as { data: any[] };
    expect(cheap.data.every((o) => Number(o.price.total) <= 600 && Number(o.price.total) >= 100)).toBe(true);
    expect(await supplierCalls()).toBe(before);
  });

  it("rates every hotel with its sources, and sorts and filters by the comparable score without calling the supplier", async () => {
    await api.get(base);
    const before = await supplierCalls();
    const all = (await (await api.get(base)).json()) as { data: any[] };
    for (const offer of all.data) {
      // Verified reviews, when some test has written any for the hotel, come last.
      const sources = offer.hotel.comparableRating.sources.map((s: { source: string }) => s.source).filter((s: string) => s !== "verified");
      expect(sources).toEqual(offer.hotel.guestRating ? ["stars", "amadeus"] : ["stars"]);
      expect(offer.hotel.comparableRating.score).toBeGreaterThanOrEqual(0);
    }
    expect(all.data.some((o) => o.hotel.guestRating?.source === "amadeus")).toBe(true);
    const byScore = (await (await api.get(`${base}&sort=score`)).json()) as { data: any[] };
    const scores = byScore.data.map((o) => o.hotel.comparableRating.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const best = scores[0];
    const kept = (await (await api.get(`${base}&minScore=${best}`)).json()) as { data: any[] };
    expect(kept.data.length).toBeGreaterThan(0);
    expect(kept.data.length).toBe(scores.filter((s) => s >= best).length);
    expect(kept.data.length).toBeLessThan(byScore.data.length);
    expect(await supplierCalls()).toBe(before);
  });

  it("prices in the requested currency", async () => {
    const eur = (await (await api.get(`${base}&currency=EUR`)).json()) as { data: any[] };
    expect(eur.data.every((o) => o.price.currency === "EUR")).toBe(true);
  });

  it.each([
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(9)}`, "checkOut", /after checkIn/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(50)}`, "checkOut", /at most 30 nights/],
    [`cityCode=QQQ&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}`, "cityCode", /not a known/],
    [`cityCode=PAR&checkIn=2020-01-01&checkOut=2020-01-03`, "checkIn", /past/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&adults=1&rooms=2`, "rooms", /at least one adult/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&amenities=JACUZZI`, "amenities", /WIFI/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&minRating=6`, "minRating", /./],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&minScore=10.5`, "minScore", /./],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&sort=stars`, "sort", /score/],
    [`checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}`, "cityCode", /required/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&minPrice=Infinity`, "minPrice", /finite number \(got Infinity\)/],
    [`cityCode=PAR&checkIn=${daysFromNow(10)}&checkOut=${daysFromNow(12)}&maxPrice=cheap`, "maxPrice", /must be a number/],
  ])("rejects %s naming %s", async (query, field, message) => {
    const response = await api.get(`/v1/search/hotels?${query}`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ field: string; message: string }> };
    const error = problem.errors.find((e) => e.field.startsWith(field));
    expect(error, JSON.stringify(problem.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });
});
