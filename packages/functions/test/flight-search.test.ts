import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { inject } from "vitest";
import { amadeusAlone, daysFromNow, startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

const offersEndpoint = "GET /v2/shopping/flight-offers";

describe("GET /v1/search/flights over HTTP", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  const departureDate = daysFromNow(60);
  const returnDate = daysFromNow(67);

  beforeAll(async () => {
    simulator = await startSimulator();
    // Counts one supplier's calls: the Amadeus format alone (side by side: suppliers-side-by-side.test.ts).
    api = await startApi(simulator.url, { suppliers: amadeusAlone });
    await api.deps.warmUp();
  });
  afterAll(async () => {
    await api.close();
    await simulator.close();
  });

  const supplierSearches = async () => (await simulator.stats()).byEndpoint[offersEndpoint] ?? 0;

  it("answers with real-looking offers, then serves the identical search from cache without calling the supplier", async () => {
    const path =
      `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${departureDate}&returnDate=${returnDate}` +
      `&adults=1&children=0&cabin=ECONOMY&nonStop=false&maxPrice=5000&currency=USD&sort=price`;
    const before = await simulator.stats();

    const first = await api.get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = (await first.json()) as { data: any[]; meta: any };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.meta.count).toBe(body.data.length);
    expect(body.meta.cache.status).toBe("MISS");
    const offer = body.data[0];
    expect(offer.id).toMatch(/^fo_/);
    expect(offer.price.currency).toBe("USD");
    expect(offer.price.total).toMatch(/^\d+\.\d{2}$/);
    expect(offer.itineraries).toHaveLength(2);
    const segment = offer.itineraries[0].segments[0];
    expect(segment.departure.iataCode).toBe("LHR");
    expect(segment.flightNumber).toMatch(/^[A-Z0-9]{2}\d+$/);
    expect(segment.carrier.name.length).toBeGreaterThan(2);
    expect(offer.itineraries[0].segments.at(-1).arrival.iataCode).toBe("JFK");
    const prices = body.data.map((o) => Number(o.price.total));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect((await simulator.stats()).total - before.total).toBe(1);

    const second = await api.get(path);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(Number(second.headers.get("age"))).toBeGreaterThanOrEqual(0);
    const again = (await second.json()) as { data: unknown[]; meta: any };
    expect(again.data).toEqual(body.data);
    expect(again.meta.cache.status).toBe("HIT");
    expect((await simulator.stats()).total - before.total).toBe(1);
  });

  it("shares one cache entry between equal questions written differently", async () => {
    const before = await supplierSearches();
    const a = await api.get(`/v1/search/flights?origin=CDG&destination=FCO&departureDate=${departureDate}`);
    const b = await api.get(
      `/v1/search/flights?departureDate=${departureDate}&destination=fco&cabin=economy&origin=cdg&adults=1&children=0&nonStop=false&currency=usd`,
    );
    const c = await api.get(`/v1/search/flights?origin=CDG&destination=FCO&departureDate=${departureDate}&sort=duration&maxPrice=100000`);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect([a.headers.get("x-cache"), b.headers.get("x-cache"), c.headers.get("x-cache")]).toEqual(["MISS", "HIT", "HIT"]);
    expect((await supplierSearches()) - before).toBe(1);
    const byDuration = ((await c.json()) as { data: any[] }).data.map((o) =>
      o.itineraries.reduce((s: number, it: any) => s + it.durationMinutes, 0),
    );
    expect(byDuration).toEqual([...byDuration].sort((x, y) => x - y));
  });

  it("applies maxPrice to cached offers", async () => {
    const all = (await (await api.get(`/v1/search/flights?origin=MAD&destination=BCN&departureDate=${departureDate}`)).json()) as {
      data: any[];
    };
    const cheapest = Math.min(...all.data.map((o) => Number(o.price.total)));
    const limited = await api.get(`/v1/search/flights?origin=MAD&destination=BCN&departureDate=${departureDate}&maxPrice=${cheapest}`);
    expect(limited.headers.get("x-cache")).toBe("HIT");
    const body = (await limited.json()) as { data: any[] };
    expect(body.data.length).toBeGreaterThanOrEqual(1);
    expect(body.data.every((o) => Number(o.price.total) <= cheapest)).toBe(true);
  });

  it("keeps flights fresh for the declared 5 minutes and in Redis until the stale window ends", async () => {
    const response = await api.get(`/v1/search/flights?origin=SFO&destination=SEA&departureDate=${departureDate}`);
    const { meta } = (await response.json()) as { meta: { cache: { ttlSeconds: number; storedAt: string; expiresAt: string } } };
    expect(meta.cache.ttlSeconds).toBe(300);
    expect(Date.parse(meta.cache.expiresAt) - Date.parse(meta.cache.storedAt)).toBe(300_000);
    const stores = inject("stores");
    const redis = new Redis({ host: stores.redis.host, port: stores.redis.port });
    // Every page of the scan: one page of COUNT keys need not reach the entry in a Redis that many suites share.
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, page] = await redis.scan(cursor, "MATCH", `travel-platform:${api.config.App.stage}:cache*flights:SFO:SEA:${departureDate}*`, "COUNT", 1000);
      keys.push(...page);
      cursor = next;
    } while (cursor !== "0");
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0]!);
    redis.disconnect();
    // fresh 5 min + stale 30 min
    expect(ttl).toBeGreaterThan(2_090);
    expect(ttl).toBeLessThanOrEqual(2_100);
  });

  it("flies to Berlin Brandenburg (BER), which opened in 2020, and refuses closed Tempelhof (THF)", async () => {
    const response = await api.get(`/v1/search/flights?origin=LHR&destination=BER&departureDate=${departureDate}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ itineraries: Array<{ segments: Array<{ arrival: { iataCode: string } }> }> }> };
    expect(body.data.length).toBeGreaterThan(0);
    for (const offer of body.data) expect(offer.itineraries[0]!.segments.at(-1)!.arrival.iataCode).toBe("BER");
    const closed = await api.get(`/v1/search/flights?origin=LHR&destination=THF&departureDate=${departureDate}`);
    expect(closed.status).toBe(400);
  });

  it.each([
    ["origin=LHR&departureDate=DATE", "destination", /required/],
    ["origin=LH&destination=JFK&departureDate=DATE", "origin", /3-letter IATA/],
    ["origin=QQQ&destination=JFK&departureDate=DATE", "origin", /not a known IATA/],
    ["origin=LHR&destination=LHR&departureDate=DATE", "destination", /differ from origin/],
    ["origin=LHR&destination=JFK&departureDate=2020-01-01", "departureDate", /past/],
    ["origin=LHR&destination=JFK&departureDate=14-03-2027", "departureDate", /YYYY-MM-DD/],
    ["origin=LHR&destination=JFK&departureDate=DATE&returnDate=2020-01-01", "returnDate", /on or after departureDate/],
    ["origin=LHR&destination=JFK&departureDate=DATE&adults=0", "adults", /./],
    ["origin=LHR&destination=JFK&departureDate=DATE&adults=abc", "adults", /./],
    ["origin=LHR&destination=JFK&departureDate=DATE&cabin=LUXURY", "cabin", /ECONOMY/],
    ["origin=LHR&destination=JFK&departureDate=DATE&nonStop=yes", "nonStop", /true or false/],
    ["origin=LHR&destination=JFK&departureDate=DATE&currency=XYZ", "currency", /USD/],
    ["origin=LHR&destination=JFK&departureDate=DATE&sort=cheapest", "sort", /price/],
    ["origin=LHR&destination=JFK&departureDate=DATE&maxPrice=-5", "maxPrice", /./],
    ["origin=LHR&destination=JFK&departureDate=DATE&adults=5&children=5", "children", /at most 9/],
  ])("rejects %s with a 400 naming %s", async (query, field, message) => {
    const before = await supplierSearches();
    const response = await api.get(`/v1/search/flights?${query.replace("DATE", departureDate)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as { status: number; title: string; errors: Array<{ field: string; message: string }> };
    expect(problem.status).toBe(400);
    const error = problem.errors.find((e) => e.field === field);
    expect(error, JSON.stringify(problem.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
    expect(await supplierSearches()).toBe(before);
  });

  it("answers unknown routes with a 404 problem", async () => {
    const response = await api.get("/v1/nowhere");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toContain("/v1/nowhere");
  });

  it("reports a failing supplier as a 502 problem, not a 500", async () => {
    await simulator.control({ errorRate: 1 });
    try {
      const response = await api.get(`/v1/search/flights?origin=LHR&destination=DXB&departureDate=${departureDate}`);
      expect(response.status).toBe(502);
      const problem = (await response.json()) as { type: string; detail: string };
      expect(problem.type).toMatch(/supplier-error$/);
      expect(problem.detail).toMatch(/500/);
    } finally {
      await simulator.control({ errorRate: 0 });
    }
  });
});

describe("cache expiry", () => {
  it("asks the supplier again once an entry's TTL has passed", async () => {
    const simulator = await startSimulator();
    const api = await startApi(simulator.url, { suppliers: amadeusAlone, cachePolicies: { flights: { freshSeconds: 1, staleSeconds: 0 } } });
    try {
      const path = `/v1/search/flights?origin=BOS&destination=ORD&departureDate=${daysFromNow(30)}`;
      const searches = async () => (await simulator.stats()).byEndpoint[offersEndpoint] ?? 0;
      expect((await api.get(path)).headers.get("x-cache")).toBe("MISS");
      expect((await api.get(path)).headers.get("x-cache")).toBe("HIT");
      expect(await searches()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await api.get(path)).headers.get("x-cache")).toBe("MISS");
      expect(await searches()).toBe(2);
    } finally {
      await api.close();
      await simulator.close();
    }
  });
});
