import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { AnalyticsStore, rebuildAnalytics } from "@travel/core/analytics";
import { FileEventArchive, type LocalEventBus } from "@travel/core/events";
import { describe, expect, it } from "vitest";
import { dedupedByEventId } from "../src/events/dedupe";
import { traveller, useBookingStack } from "./support/booking";
import { amadeusAlone, daysFromNow } from "./support/helpers";

/**
 * Analytics against a scripted sequence: every figure the admin endpoints report is checked
 * against what the script did (and the supplier simulator's own call count), then the aggregates
 * are thrown away and rebuilt from the event archives to the same numbers.
 */
// Counts one supplier's calls exactly: the Amadeus format alone.
const stack = useBookingStack(() => ({ suppliers: amadeusAlone }));

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

/** Everything recorded so far, through the bus and into Redis. */
async function settle() {
  const { api, worker } = stack;
  await api.deps.analytics.recorder.flush();
  await (api.deps.events as LocalEventBus).drain();
  await worker.relayOnce();
  await worker.drain();
}

describe("real-time analytics", () => {
  it("reports exactly what a scripted sequence of searches and bookings did, and rebuilds it from the archive", async () => {
    const { api, simulator } = stack;
    const callsBefore = (await simulator.stats()).byEndpoint;
    const flight = (origin: string, destination: string, days: number) => `/v1/search/flights?origin=${origin}&destination=${destination}&departureDate=${daysFromNow(days)}&adults=1`;

    // Searches: 4 flights (2 questions, repeats answered from cache), 2 hotels, 1 car rental.
    const anonymous = (path: string) => api.get(path);
    const ada = traveller(api);
    const bob = traveller(api);
    const asUser = (who: ReturnType<typeof traveller>) => (path: string) => who.get(path);
    const offers: Json[] = [];
    for (const [search, path] of [
      [anonymous, flight("LHR", "JFK", 90)],
      [anonymous, flight("LHR", "JFK", 90)],
      [asUser(ada), flight("LHR", "JFK", 90)],
      [asUser(bob), flight("MAD", "CDG", 91)],
      [anonymous, `/v1/search/hotels?cityCode=PAR&checkIn=${daysFromNow(92)}&checkOut=${daysFromNow(94)}&adults=1&rooms=1`],
      [asUser(ada), `/v1/search/hotels?cityCode=PAR&checkIn=${daysFromNow(92)}&checkOut=${daysFromNow(94)}&adults=1&rooms=1`],
      [anonymous, `/v1/search/cars?pickupLocation=LAX&pickupAt=${daysFromNow(95)}T10:00&dropoffAt=${daysFromNow(97)}T10:00&driverAge=30`],
    ] as const) {
      const response = await search(path);
      expect(response.status).toBe(200);
      offers.push(await json(response));
    }
    const cacheStatuses = ["MISS", "HIT", "HIT", "MISS", "MISS", "HIT", "MISS"];
    expect(offers.map((o) => o.meta.cache.status)).toEqual(cacheStatuses);

    // One offer viewed (re-priced), two bookings: Ada's confirmed, Bob's confirmed then cancelled.
    expect((await api.get(`/v1/offers/${offers[0]!.data[0].id}`)).status).toBe(200);
    const book = async (who: ReturnType<typeof traveller>, offerId: string) => {
      const held = (await json(await who.hold({ offerId, travelers: [{ firstName: "Test", lastName: "Traveller", email: "t@example.com" }] }))).data;
      const confirmed = (await json(await who.confirm(held.reservationId))).data;
      expect(confirmed.status).toBe("CONFIRMED");
      return confirmed;
    };
    const adaBooking = await book(ada, offers[2]!.data[0].id);
    const bobBooking = await book(bob, offers[3]!.data[0].id);
    const cancelled = (await json(await bob.cancel(bobBooking.reservationId))).data;
    expect(cancelled.refundedAmount).toBe(bobBooking.totalAmount);
    await settle();

    const admin = async (path: string) => (await json(await api.admin(path))).data;
    const overview = await admin("/v1/admin/analytics/overview?window=1h");
    expect(overview.searches).toEqual({ total: 7, byVertical: { flights: 4, hotels: 2, cars: 1 } });
    expect(overview.cache).toEqual({ hits: 3, misses: 4, stale: 0, hitRatio: 0.4286 });
    // Anonymous (one address), Ada and Bob.
    expect(overview.uniqueVisitors).toBe(3);
    expect(overview.offerViews).toBe(1);
    expect(overview.reservations).toEqual({ held: 2, confirmed: 2, cancelled: 1, expired: 0 });
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    expect(overview.revenue).toEqual({ USD: ((cents(adaBooking.totalAmount) + cents(bobBooking.totalAmount)) / 100).toFixed(2) });
    expect(overview.refunds).toEqual({ USD: bobBooking.totalAmount });
    // Supplier calls as counted by the supplier itself: each flight search (the re-pricing
    // included) and each stay search, whose hotel list, when not cached, is fetched within it.
    const callsAfter = (await simulator.stats()).byEndpoint;
    const delta = (endpoint: string) => (callsAfter[endpoint] ?? 0) - (callsBefore[endpoint] ?? 0);
    const amadeus = overview.suppliers.find((s: Json) => s.name === "amadeus");
    expect(amadeus.calls).toBe(delta("GET /v2/shopping/flight-offers") + delta("GET /v3/shopping/hotel-offers"));
    expect(delta("GET /v1/reference-data/locations/hotels/by-city")).toBeGreaterThan(0);
    expect(amadeus.errors).toBe(0);
    expect(amadeus.meanLatencyMs).toBeGreaterThan(0);
    expect(overview.suppliers.find((s: Json) => s.name !== "amadeus").calls).toBe(delta("GET /v1/cars/availability"));

    expect((await admin("/v1/admin/analytics/top-routes?window=1h")).entries).toEqual([
      { member: "LHR-JFK", count: 3 },
      { member: "MAD-CDG", count: 1 },
    ]);
    expect((await admin("/v1/admin/analytics/top-destinations?window=1h&limit=3")).entries).toEqual([
      { member: "JFK", count: 3 },
      { member: "PAR", count: 2 },
      { member: "CDG", count: 1 },
    ]);
    const funnel = await admin("/v1/admin/analytics/funnel?window=24h");
    expect(funnel.steps).toEqual([
      { step: "searched", events: 7, uniqueVisitors: 3 },
      { step: "held", events: 2, uniqueVisitors: 2 },
      { step: "confirmed", events: 2, uniqueVisitors: 2 },
    ]);
    expect(funnel.rates).toEqual({ holdPerSearch: 0.2857, confirmPerHold: 1, confirmPerSearch: 0.2857 });
    const series = (await json(await api.admin("/v1/admin/analytics/timeseries?metric=searches&interval=minute&points=10"))).data as Json[];
    expect(series).toHaveLength(10);
    expect(series.reduce((sum, p) => sum + p.value, 0)).toBe(7);
    expect(Date.parse(series[9]!.at)).toBeLessThanOrEqual(Date.now());
    const hourly = (await json(await api.admin("/v1/admin/analytics/timeseries?metric=reservations.confirmed&interval=hour&points=2"))).data as Json[];
    expect(hourly.reduce((sum, p) => sum + p.value, 0)).toBe(2);

    // Redis loses everything; the archives rebuild the same figures.
    const cleared = await api.admin("/v1/admin/analytics", { method: "DELETE" });
    expect((await json(cleared)).data.keysDeleted).toBeGreaterThan(0);
    const redis = new Redis({ host: api.config.Redis.host, port: api.config.Redis.port });
    const store = new AnalyticsStore(redis, `${api.config.App.name}:${api.config.App.stage}:`);
    expect((await admin("/v1/admin/analytics/overview?window=1h")).searches.total).toBe(0);
    const archive = (link: { archive?: string }, bus: "platform" | "reservations") => {
      const files = new FileEventArchive(fileURLToPath(link.archive!));
      return { read: () => files.read(bus) };
    };
    const rebuilt = await rebuildAnalytics(store, [archive(api.config.Bus, "platform"), archive(api.config.ReservationBus, "reservations")]);
    expect(rebuilt.applied).toBeGreaterThanOrEqual(6); // reservation events, and at least one batch of facts
    // (The window's bounds move with the clock; its figures must not.)
    const figures = ({ from: _from, to: _to, ...rest }: Json) => rest;
    expect(figures(await admin("/v1/admin/analytics/overview?window=1h"))).toEqual(figures(overview));
    expect(figures(await admin("/v1/admin/analytics/funnel?window=24h"))).toEqual(figures(funnel));
    expect((await admin("/v1/admin/analytics/top-routes?window=1h")).entries).toEqual([
      { member: "LHR-JFK", count: 3 },
      { member: "MAD-CDG", count: 1 },
    ]);
    redis.disconnect();
  });

  it("leaves replayed events to analytics: other subscribers ignore them, and dedupe the rest", async () => {
    const handled: string[] = [];
    const subscriber = dedupedByEventId("ReplayCheck", stack.api.deps.idempotency, async (event) => void handled.push(event.id));
    const event = (id: string, replay?: string) => ({ version: "0", id, "detail-type": "Reservation Status Changed", source: "reservation.service", account: "1", time: new Date().toISOString(), region: "local", resources: [], detail: { eventId: `evt-${id}` }, ...(replay ? { "replay-name": replay } : {}) }) as never;
    await subscriber(event("a", "analytics-rebuild-1"));
    expect(handled).toEqual([]);
    await subscriber(event("b"));
    await subscriber(event("b"));
    expect(handled).toEqual(["b"]);
  });

  it("refuses travellers and unknown metrics, windows and intervals by name", async () => {
    const { api } = stack;
    expect((await traveller(api).get("/v1/admin/analytics/overview")).status).toBe(403);
    const badMetric = await json(await api.admin("/v1/admin/analytics/timeseries?metric=passwords"));
    expect(badMetric.errors[0]).toMatchObject({ field: "metric", message: expect.stringContaining("unknown metric") });
    expect((await json(await api.admin("/v1/admin/analytics/overview?window=2y"))).errors[0].field).toBe("window");
    expect((await json(await api.admin("/v1/admin/analytics/timeseries?metric=searches&interval=week"))).errors[0].field).toBe("interval");
  });
});
