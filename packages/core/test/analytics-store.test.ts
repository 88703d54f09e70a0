import { describe, expect, it } from "vitest";
import { AnalyticsStore, counters, derivedMetrics, FactBuffer, metricPattern, type AnalyticsFacts } from "@travel/core/analytics";
import { redisConnections, uniquePrefix } from "./support/stores";

/**
 * The analytics aggregates in the run's redis-server, read back per window and interval at a
 * fixed clock: 2030-01-15 12:30:20 UTC, so the current minute is 12:30 and every bucket boundary
 * below is known.
 */
const redis = await redisConnections().connected();
const now = Date.parse("2030-01-15T12:30:20.000Z");
const store = (prefix = uniquePrefix("analytics")) => new AnalyticsStore(redis, prefix, () => now);
const minute = (iso: string) => Date.parse(iso) / 1000;

const current = minute("2030-01-15T12:30:00Z");
const tenMinutesAgo = minute("2030-01-15T12:20:00Z");
const twentyMinutesAgo = minute("2030-01-15T12:10:00Z");
const thisMorning = minute("2030-01-15T10:45:00Z");
const yesterdayEvening = minute("2030-01-14T18:00:00Z");
const fiveDaysAgo = minute("2030-01-10T09:00:00Z");
const sixWeeksAgo = minute("2029-12-01T09:00:00Z");

/** A morning of traffic: what the recorder and the reservation subscriber would have sent. */
function traffic(): AnalyticsFacts {
  const facts = new FactBuffer();
  facts.count(current, counters.searches("flights"), 3);
  facts.count(current, counters.cache("HIT"), 2);
  facts.count(current, counters.cache("MISS"));
  facts.count(current, counters.cache("STALE"));
  facts.count(current, counters.supplierCalls("amadeus"), 4);
  facts.count(current, counters.supplierErrors("amadeus"));
  facts.count(current, counters.supplierMs("amadeus"), 1_000);
  facts.count(current, counters.offerViews("flights"), 2);
  facts.count(current, counters.reservations("held"), 2);
  facts.count(current, counters.reservations("confirmed"));
  facts.count(current, counters.revenue("EUR"), 52_340);
  facts.count(current, counters.refunds("EUR"), 1_000);
  facts.rank(current, "routes", "LHR-JFK", 5);
  facts.rank(current, "destinations", "NYC", 5);
  facts.rank(current, "destinations", "LON", 5);
  for (const visitor of ["v1", "v2"]) facts.unique(current, "visitors", visitor);
  for (const holder of ["v1", "v2"]) facts.unique(current, "holders", holder);
  facts.unique(current, "buyers", "v1");

  facts.count(tenMinutesAgo, counters.searches("hotels"), 2);
  facts.rank(tenMinutesAgo, "routes", "CDG-JFK", 3);
  for (const visitor of ["v2", "v3"]) facts.unique(tenMinutesAgo, "visitors", visitor);
  facts.count(twentyMinutesAgo, counters.searches("cars"), 4);
  facts.rank(twentyMinutesAgo, "routes", "LHR-JFK", 2);
  facts.unique(twentyMinutesAgo, "visitors", "v4");
  facts.count(thisMorning, counters.searches("flights"), 10);
  facts.unique(thisMorning, "visitors", "v5");
  facts.count(yesterdayEvening, counters.searches("flights"), 100);
  facts.count(fiveDaysAgo, counters.searches("flights"), 1_000);
  facts.count(sixWeeksAgo, counters.searches("flights"), 10_000);
  return facts.drain();
}

describe("AnalyticsStore: windows", () => {
  it("sums the buckets of each window, the current partial one included", async () => {
    const analytics = store();
    await analytics.apply(traffic());
    expect(await analytics.overview("15m")).toEqual({
      window: "15m",
      interval: "minute",
      from: "2030-01-15T12:16:00.000Z",
      to: "2030-01-15T12:31:00.000Z",
      searches: { total: 5, byVertical: { flights: 3, hotels: 2, cars: 0 } },
      uniqueVisitors: 3,
      cache: { hits: 2, misses: 1, stale: 1, hitRatio: 0.75 },
      suppliers: [{ name: "amadeus", calls: 4, errors: 1, meanLatencyMs: 250 }],
      offerViews: 2,
      reservations: { held: 2, confirmed: 1, cancelled: 0, expired: 0 },
      revenue: { EUR: "523.40" },
      refunds: { EUR: "10.00" },
    });
    const windows = await Promise.all((["1h", "6h", "24h", "7d", "30d"] as const).map((w) => analytics.overview(w)));
    expect(windows.map((o) => [o.window, o.interval, o.from, o.to, o.searches.total, o.uniqueVisitors])).toEqual([
      ["1h", "minute", "2030-01-15T11:31:00.000Z", "2030-01-15T12:31:00.000Z", 9, 4],
      ["6h", "hour", "2030-01-15T07:00:00.000Z", "2030-01-15T13:00:00.000Z", 19, 5],
      ["24h", "hour", "2030-01-14T13:00:00.000Z", "2030-01-15T13:00:00.000Z", 119, 5],
      ["7d", "day", "2030-01-09T00:00:00.000Z", "2030-01-16T00:00:00.000Z", 1_119, 5],
      ["30d", "day", "2029-12-17T00:00:00.000Z", "2030-01-16T00:00:00.000Z", 1_119, 5],
    ]);
  });

  it("ranks routes and destinations over a window, ties by name, up to the limit", async () => {
    const analytics = store();
    await analytics.apply(traffic());
    expect((await analytics.top("routes", "15m", 10)).entries).toEqual([{ member: "LHR-JFK", count: 5 }, { member: "CDG-JFK", count: 3 }]);
    expect(await analytics.top("routes", "1h", 1)).toEqual({ from: "2030-01-15T11:31:00.000Z", to: "2030-01-15T12:31:00.000Z", entries: [{ member: "LHR-JFK", count: 7 }] });
    expect((await analytics.top("destinations", "15m", 10)).entries).toEqual([{ member: "LON", count: 5 }, { member: "NYC", count: 5 }]);
  });

  it("follows searchers to holds and confirmations as events and as people", async () => {
    const analytics = store();
    await analytics.apply(traffic());
    expect(await analytics.funnel("15m")).toEqual({
      window: "15m",
      from: "2030-01-15T12:16:00.000Z",
      to: "2030-01-15T12:31:00.000Z",
      steps: [
        { step: "searched", events: 5, uniqueVisitors: 3 },
        { step: "held", events: 2, uniqueVisitors: 2 },
        { step: "confirmed", events: 1, uniqueVisitors: 1 },
      ],
      rates: { holdPerSearch: 0.4, confirmPerHold: 0.5, confirmPerSearch: 0.2 },
    });
    const empty = store();
    expect((await empty.funnel("15m")).rates).toEqual({ holdPerSearch: null, confirmPerHold: null, confirmPerSearch: null });
    expect((await empty.overview("15m")).cache.hitRatio).toBeNull();
  });
});

describe("AnalyticsStore: time series", () => {
  it("gives one value per minute, hour or day, oldest first, zero (or null for a ratio) where nothing happened", async () => {
    const analytics = store();
    await analytics.apply(traffic());
    const perMinute = await analytics.timeseries("searches", "minute", 15);
    expect(perMinute).toHaveLength(15);
    expect(perMinute[0]).toEqual({ at: "2030-01-15T12:16:00.000Z", value: 0 });
    expect(perMinute.filter((p) => p.value !== 0)).toEqual([{ at: "2030-01-15T12:20:00.000Z", value: 2 }, { at: "2030-01-15T12:30:00.000Z", value: 3 }]);
    expect(await analytics.timeseries("searches", "hour", 3)).toEqual([
      { at: "2030-01-15T10:00:00.000Z", value: 10 },
      { at: "2030-01-15T11:00:00.000Z", value: 0 },
      { at: "2030-01-15T12:00:00.000Z", value: 9 },
    ]);
    expect(await analytics.timeseries("searches", "day", 2)).toEqual([{ at: "2030-01-14T00:00:00.000Z", value: 100 }, { at: "2030-01-15T00:00:00.000Z", value: 19 }]);
    expect(await analytics.timeseries("uniqueVisitors", "hour", 2)).toEqual([{ at: "2030-01-15T11:00:00.000Z", value: 0 }, { at: "2030-01-15T12:00:00.000Z", value: 4 }]);
    expect(await analytics.timeseries("cacheHitRatio", "minute", 2)).toEqual([{ at: "2030-01-15T12:29:00.000Z", value: null }, { at: "2030-01-15T12:30:00.000Z", value: 0.75 }]);
    expect(await analytics.timeseries(counters.revenue("EUR"), "day", 1)).toEqual([{ at: "2030-01-15T00:00:00.000Z", value: 52_340 }]);
  });
});

describe("AnalyticsStore: unique visitors", () => {
  it("counts distinct visitors across batches and buckets within HyperLogLog's error (under 2% here)", async () => {
    const analytics = store();
    const visitors = (from: number, to: number, at: number): AnalyticsFacts => ({
      counters: [],
      rankings: [],
      uniques: [{ at, name: "visitors", members: Array.from({ length: to - from }, (_, i) => `visitor-${from + i}`) }],
    });
    await analytics.apply(visitors(0, 1_000, current));
    await analytics.apply(visitors(500, 1_500, current));
    await analytics.apply(visitors(1_000, 2_000, tenMinutesAgo));
    const distinct = (await analytics.overview("15m")).uniqueVisitors;
    expect(Math.abs(distinct - 2_000)).toBeLessThan(40);
    const [, inCurrentMinute] = await analytics.timeseries("uniqueVisitors", "minute", 2);
    expect(Math.abs(inCurrentMinute!.value! - 1_500)).toBeLessThan(30);
  });
});

describe("AnalyticsStore: the subscriber's contract", () => {
  it("counts a batch applied twice twice: dedupe of redelivered events is the subscriber's job, not the store's", async () => {
    const analytics = store();
    await analytics.apply(traffic());
    await analytics.apply(traffic());
    const overview = await analytics.overview("15m");
    expect(overview.searches.total).toBe(10);
    expect(overview.revenue).toEqual({ EUR: "1046.80" });
    expect((await analytics.top("routes", "15m", 1)).entries).toEqual([{ member: "LHR-JFK", count: 10 }]);
    // A visitor set is a set: the same members again are still the same people.
    expect(overview.uniqueVisitors).toBe(3);
  });

  it("clear() deletes every aggregate of its prefix and no other", async () => {
    const prefix = uniquePrefix("analytics-clear");
    const analytics = store(prefix);
    const neighbour = store();
    await Promise.all([analytics.apply(traffic()), neighbour.apply(traffic())]);
    expect(await analytics.clear()).toBeGreaterThan(0);
    const overview = await analytics.overview("30d");
    expect([overview.searches.total, overview.uniqueVisitors, overview.suppliers, overview.revenue]).toEqual([0, 0, [], {}]);
    expect((await analytics.top("routes", "30d", 10)).entries).toEqual([]);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    expect(await analytics.clear()).toBe(0);
    expect((await neighbour.overview("30d")).searches.total).toBe(1_119);
  });
});

describe("metric names", () => {
  it("lets a time series ask for every counter the aggregates keep, and nothing else", () => {
    const kept = [
      ...derivedMetrics,
      counters.searches("hotels"),
      counters.cache("STALE"),
      counters.offerViews("cars"),
      counters.supplierCalls("duffel"),
      counters.supplierErrors("amadeus"),
      counters.supplierMs("cars"),
      counters.reservations("expired"),
      counters.revenue("GBP"),
      counters.refunds("EUR"),
      counters.airlineChanges("duffel"),
      counters.supplierOrders("duffel", "placed"),
      counters.supplierOrders("cars", "failed"),
      counters.cancellationQuotes("USD"),
      counters.quotedRefunds("USD"),
      counters.reviews("hotel", "approved"),
      counters.reviews("airline", "removed"),
    ];
    // Every family of `counters` is named above: a new one must be added here and to the pattern.
    expect(Object.keys(counters)).toHaveLength(14);
    for (const name of kept) expect(metricPattern.test(name), name).toBe(true);
    for (const name of ["revenue.usd", "supplier_orders.duffel.held", "reservations.pending", "cache", "reviews.car.submitted"]) expect(metricPattern.test(name), name).toBe(false);
  });
});
