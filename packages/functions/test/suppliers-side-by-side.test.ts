import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppConfig } from "@travel/core/config";
import { oneOrderTraveller, oneTraveller, traveller } from "./support/booking";
import { daysFromNow, startApi, startSimulator, testConfig, type RunningSimulator, type TestApi } from "./support/helpers";

/**
 * Flight and stay searches asking Duffel (through @duffel/api) and the Amadeus-format supplier
 * side by side, both played by the simulator over real HTTP, each failure switched on for one
 * supplier at a time through the simulator's own control endpoint.
 */
type Outcome = { supplier: string; status: string; offers: number; latencyMs: number; message?: string };
type SearchBody = { data: Array<{ id: string; supplier: string; price: { total: string; currency: string } } & Record<string, any>>; meta: { suppliers: Outcome[]; cache: { status: string; ttlSeconds: number } } };

function withSuppliers(simulatorUrl: string, flights: AppConfig["SearchSuppliers"]["flights"], stays: AppConfig["SearchSuppliers"]["stays"]): AppConfig {
  const config = testConfig(simulatorUrl);
  config.SearchSuppliers = { flights, stays };
  return config;
}

// Few retries and a quick circuit, so a supplier switched off fails fast.
const resilience = { attempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 20 }, breakAfterFailures: 50 };

describe("several suppliers per vertical, side by side", () => {
  let simulator: RunningSimulator;
  let both: TestApi;
  let duffelOnly: TestApi;
  const departureDate = daysFromNow(45);
  const flights = (extra = "") => `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${departureDate}${extra}`;

  beforeAll(async () => {
    simulator = await startSimulator();
    both = await startApi(simulator.url, { config: withSuppliers(simulator.url, ["duffel", "amadeus"], ["duffel", "amadeus"]), resilience });
    duffelOnly = await startApi(simulator.url, { config: withSuppliers(simulator.url, ["duffel"], ["duffel"]), resilience });
  });
  afterAll(async () => {
    await simulator.control({ down: false });
    await both.close();
    await duffelOnly.close();
    await simulator.close();
  });

  it("merges both suppliers' flights, says where each offer came from, and collapses the same flights to the cheaper", async () => {
    const response = await both.get(flights("&adults=2"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchBody;
    expect(body.meta.suppliers.map((s) => [s.supplier, s.status])).toEqual([["duffel", "ok"], ["amadeus", "ok"]]);
    const [duffel, amadeus] = body.meta.suppliers as [Outcome, Outcome];
    expect(duffel.offers).toBeGreaterThan(0);
    expect(amadeus.offers).toBeGreaterThan(0);
    const sellers = new Set(body.data.map((o) => o.supplier));
    expect(sellers).toEqual(new Set(["duffel", "amadeus"]));
    // Every id once: the same flights sold by both are one offer.
    const ids = body.data.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThan(duffel.offers + amadeus.offers);
    // Duffel's own answer to the same question: where both sell the same flights, the merged offer is the cheaper.
    const duffelAlone = ((await (await duffelOnly.get(flights("&adults=2"))).json()) as SearchBody).data;
    const merged = new Map(body.data.map((o) => [o.id, o]));
    const soldByBoth = duffelAlone.filter((o) => merged.has(o.id));
    expect(soldByBoth.length).toBeGreaterThan(0);
    for (const offer of soldByBoth) expect(Number(merged.get(offer.id)!.price.total)).toBeLessThanOrEqual(Number(offer.price.total));
    expect(soldByBoth.some((o) => merged.get(o.id)!.supplier === "amadeus")).toBe(true);
    // Duffel's offers carry its fare conditions and payment requirements.
    const fromDuffel = body.data.find((o) => o.supplier === "duffel")!;
    expect(fromDuffel.supplierOfferId).toMatch(/^off_/);
    expect(fromDuffel.payment).toMatchObject({ instantPaymentRequired: expect.any(Boolean) });
    expect(fromDuffel.conditions).toHaveProperty("refundBeforeDeparture");
  });

  it("answers 200 with the other supplier's offers when one is down, names the failure, and keeps that answer fresh for 30 s only", async () => {
    await simulator.control({ supplier: "duffel", down: true });
    try {
      const response = await both.get(flights("&cabin=BUSINESS"));
      expect(response.status).toBe(200);
      const body = (await response.json()) as SearchBody;
      expect(body.meta.suppliers.find((s) => s.supplier === "duffel")).toMatchObject({ status: "error", offers: 0, message: expect.stringContaining("503") });
      expect(body.meta.suppliers.find((s) => s.supplier === "amadeus")).toMatchObject({ status: "ok" });
      expect(body.data.length).toBeGreaterThan(0);
      expect(body.data.every((o) => o.supplier === "amadeus")).toBe(true);
      expect(body.meta.cache.ttlSeconds).toBe(30);
      expect(response.headers.get("cache-control")).toBe("public, max-age=30");
    } finally {
      await simulator.control({ supplier: "duffel", down: false });
    }
  });

  it("retries Duffel's rate-limit answers (429) with backoff, and a search that went through says ok", async () => {
    const before = (await simulator.stats()) as unknown as { bySupplier: Record<string, number> };
    await simulator.control({ supplier: "duffel", rateLimited: 1 });
    const response = await duffelOnly.get(flights("&cabin=PREMIUM_ECONOMY"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchBody;
    expect(body.meta.suppliers).toEqual([expect.objectContaining({ supplier: "duffel", status: "ok" })]);
    const after = (await simulator.stats()) as unknown as { bySupplier: Record<string, number> };
    // The refused call and its retry.
    expect(after.bySupplier.duffel! - before.bySupplier.duffel!).toBe(2);
  });

  it("fails only when every supplier fails", async () => {
    await simulator.control({ down: true });
    try {
      const response = await both.get(flights("&cabin=FIRST"));
      expect([502, 503]).toContain(response.status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await simulator.control({ down: false });
    }
  });

  it("with Duffel alone: searches, re-prices and lays out the seat map from Duffel", async () => {
    const search = (await (await duffelOnly.get(flights("&nonStop=true"))).json()) as SearchBody;
    expect(search.meta.suppliers).toEqual([expect.objectContaining({ supplier: "duffel", status: "ok" })]);
    expect(search.data.every((o) => o.supplier === "duffel" && o.itineraries[0].stops === 0)).toBe(true);
    const offer = search.data[0]!;
    // Duffel books in the travellers' names: the offer says what a hold must give, before anyone submits.
    expect((offer as unknown as { bookingRequirements: unknown }).bookingRequirements).toEqual({ travellerFields: ["firstName", "lastName", "dateOfBirth", "title", "gender"], contactPhone: true });

    const repriced = await duffelOnly.get(`/v1/offers/${offer.id}`);
    expect(repriced.status).toBe(200);
    const { data } = (await repriced.json()) as { data: { id: string; supplier: string; price: { total: string } } };
    expect(data).toMatchObject({ id: offer.id, supplier: "duffel" });

    const seats = await duffelOnly.get(`/v1/offers/${offer.id}/seats`);
    expect(seats.status).toBe(200);
    const map = ((await seats.json()) as { data: { seatMapSource: string; seats: Array<{ seatId: string; status: string; price?: unknown }> } }).data;
    expect(map.seatMapSource).toBe("supplier");
    expect(map.seats.length).toBeGreaterThan(0);
    expect(map.seats.every((s) => /^\d{1,2}[A-K]$/.test(s.seatId))).toBe(true);
    expect(map.seats.some((s) => s.status === "AVAILABLE")).toBe(true);

    // Duffel books in the travellers' names: a hold without what it needs says what is missing.
    const ada = traveller(duffelOnly);
    const forSale = map.seats.find((s) => s.status === "AVAILABLE")!;
    const incomplete = await ada.hold({ offerId: offer.id, seatIds: [forSale.seatId], travelers: oneTraveller });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.json()).toMatchObject({ type: expect.stringContaining("traveller-details-missing"), fields: ["travelers[0].dateOfBirth", "travelers[0].title", "travelers[0].gender", "contactPhone"] });

    // A hold takes a seat Duffel sells, and refuses one it does not.
    const held = await ada.hold({ offerId: offer.id, seatIds: [forSale.seatId], ...oneOrderTraveller });
    expect(held.status).toBe(201);
    const holding = ((await held.json()) as { data: { seatIds: string[]; supplierOrder: unknown } }).data;
    expect(holding.seatIds).toEqual([forSale.seatId]);
    // A chosen seat is one of Duffel's seat services, which it books only on an order paid at once: ordered at confirm.
    expect(holding.supplierOrder).toMatchObject({ supplier: "duffel", status: "PENDING", type: "instant" });
    const notSold = map.seats.find((s) => s.status === "UNAVAILABLE");
    expect(notSold).toBeDefined();
    const refused = await ada.hold({ offerId: offer.id, seatIds: [notSold!.seatId], ...oneOrderTraveller });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain("not for sale");
  });

  it("searches stays at Duffel around the city's centre, every rate an offer, and quotes one before booking", async () => {
    const checkIn = daysFromNow(50);
    const checkOut = daysFromNow(53);
    const response = await duffelOnly.get(`/v1/search/hotels?cityCode=PAR&checkIn=${checkIn}&checkOut=${checkOut}&adults=2`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchBody;
    expect(body.meta.suppliers).toEqual([expect.objectContaining({ supplier: "duffel", status: "ok" })]);
    expect(body.data.length).toBeGreaterThan(0);
    const offer = body.data[0]!;
    expect(offer).toMatchObject({ supplier: "duffel", checkIn, checkOut, nights: 3 });
    expect(offer.hotel.hotelId).toMatch(/^acc_/);
    expect(offer.supplierOfferId).toMatch(/^rat_/);
    // Within Duffel's 10 km radius of the centre of Paris.
    expect(body.data.every((o) => o.hotel.distanceKm <= 10)).toBe(true);

    const quoted = await duffelOnly.get(`/v1/offers/${offer.id}`);
    expect(quoted.status).toBe(200);
    expect(((await quoted.json()) as { data: { id: string } }).data.id).toBe(offer.id);
  });
});
