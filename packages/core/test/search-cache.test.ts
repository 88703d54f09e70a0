import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createBusConnectionTemplate, createRedisConnection, SearchCache, type CachePolicies, type SearchCacheOptions } from "../src/cache";

const { redis: redisAddress } = inject("stores");
const link = { host: redisAddress.host, port: redisAddress.port };
const opened: SearchCache[] = [];
const connections: ReturnType<typeof createRedisConnection>[] = [];

/** A cache as one API instance has it: its own L1 and Redis connections, a shared Redis. */
function instance(prefix: string, policies: Partial<CachePolicies> = {}, extra: Partial<SearchCacheOptions> = {}) {
  const redis = createRedisConnection(link);
  connections.push(redis);
  const cache = new SearchCache({ redis, bus: createBusConnectionTemplate(link), keyPrefix: prefix, policies, ...extra });
  opened.push(cache);
  return cache;
}

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  for (const c of connections) c.disconnect();
});

const probe = createRedisConnection(link);
connections.push(probe);
const busChannel = "bentocache.notifications:search";
async function busSubscribers(): Promise<number> {
  const [, count] = (await probe.pubsub("NUMSUB", busChannel)) as [string, number];
  return Number(count);
}
async function untilBusSubscribers(atLeast: number): Promise<void> {
  for (let i = 0; i < 100 && (await busSubscribers()) < atLeast; i++) await sleep(50);
}

let run = 0;
const uniquePrefix = () => `core-test-${process.pid}-${Date.now()}-${run++}:`;
const short = { flights: { freshSeconds: 1, staleSeconds: 10 } };

describe("SearchCache (bentocache L1 + Redis L2) on a real redis-server", () => {
  it("loads once on a miss and serves hits with their age", async () => {
    let now = Date.now();
    const cache = instance(uniquePrefix(), {}, { now: () => now });
    let loads = 0;
    const request = { type: "flights" as const, key: "k1", tags: ["route:LHR-JFK"], load: async () => (++loads, { offers: [1, 2, 3] }) };
    const miss = await cache.getOrLoad(request);
    now += 7_000;
    const hit = await cache.getOrLoad(request);
    expect(miss).toMatchObject({ status: "MISS", ageSeconds: 0, ttlSeconds: 300, value: { offers: [1, 2, 3] } });
    expect(hit).toMatchObject({ status: "HIT", ageSeconds: 7, value: { offers: [1, 2, 3] } });
    expect(loads).toBe(1);
    expect(cache.counters.local().flights).toMatchObject({ hits: 1, misses: 1, supplierCalls: 1 });
  });

  it("keeps an answer fresh for less when the loader says so (a partial answer), then refreshes it", async () => {
    const cache = instance(uniquePrefix(), { flights: { freshSeconds: 60, staleSeconds: 60 } });
    let loads = 0;
    const request = {
      type: "flights" as const,
      key: "partial",
      tags: [],
      load: async () => ({ partial: ++loads === 1 }),
      freshSecondsOf: (value: { partial: boolean }) => (value.partial ? 1 : undefined),
    };
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "MISS", ttlSeconds: 1, value: { partial: true } });
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "HIT", ttlSeconds: 1 });
    await sleep(1_100);
    // Past its short freshness: served stale while the full answer is fetched in the background.
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "STALE", value: { partial: true } });
    await sleep(200);
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "HIT", ttlSeconds: 60, value: { partial: false } });
    expect(loads).toBe(2);
  });

  it("makes one supplier call for 100 concurrent identical misses spread over two instances", async () => {
    const prefix = uniquePrefix();
    const a = instance(prefix);
    const b = instance(prefix);
    let loads = 0;
    const request = {
      type: "flights" as const,
      key: "k2",
      tags: [],
      load: async () => {
        loads += 1;
        await sleep(150);
        return "answer";
      },
    };
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).getOrLoad(request)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === "answer")).toBe(true);
    // Callers that waited on another's load count as hits: they cost no supplier call.
    expect(results.filter((r) => r.status === "MISS").length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === "MISS" || r.status === "HIT")).toBe(true);
  });

  it("serves stale at once while refreshing in the background", async () => {
    const cache = instance(uniquePrefix(), short);
    let version = 0;
    const request = {
      type: "flights" as const,
      key: "k3",
      tags: [],
      load: async () => {
        await sleep(300);
        return ++version;
      },
    };
    expect((await cache.getOrLoad(request)).value).toBe(1);
    await sleep(1_100);
    const started = Date.now();
    const stale = await cache.getOrLoad(request);
    expect(Date.now() - started).toBeLessThan(200);
    expect(stale).toMatchObject({ status: "STALE", value: 1 });
    expect(stale.ageSeconds).toBeGreaterThanOrEqual(1);
    await sleep(500);
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "HIT", value: 2 });
  });

  it("serves stale when the supplier fails, and nothing after the stale window", async () => {
    const cache = instance(uniquePrefix(), { flights: { freshSeconds: 1, staleSeconds: 1 } });
    let fail = false;
    const request = {
      type: "flights" as const,
      key: "k4",
      tags: [],
      load: async () => {
        if (fail) throw new Error("supplier down");
        return "good";
      },
    };
    await cache.getOrLoad(request);
    fail = true;
    await sleep(1_100);
    expect(await cache.getOrLoad(request)).toMatchObject({ status: "STALE", value: "good" });
    await sleep(1_100);
    await expect(cache.getOrLoad(request)).rejects.toThrow("supplier down");
  });

  it("drops tagged entries in every instance", async () => {
    const prefix = uniquePrefix();
    const subscribersBefore = await busSubscribers();
    const a = instance(prefix);
    const b = instance(prefix);
    await untilBusSubscribers(subscribersBefore + 2); // a message published earlier would be lost
    let loads = 0;
    const request = { type: "flights" as const, key: "k5", tags: ["route:CDG-FCO", "city:ROM"], load: async () => ++loads };
    await a.getOrLoad(request);
    expect(await b.getOrLoad(request)).toMatchObject({ status: "HIT", value: 1 }); // now in b's L1 too
    expect(await a.invalidateTags(["city:ROM"])).toEqual({ entries: 1 });
    // b's L1 hears of it over the bus: poll instead of guessing the delivery time.
    let afterInvalidation = await b.getOrLoad(request);
    for (let i = 0; i < 40 && afterInvalidation.status !== "MISS"; i++) {
      await sleep(50);
      afterInvalidation = await b.getOrLoad(request);
    }
    expect(afterInvalidation).toMatchObject({ status: "MISS", value: 2 });
    expect(await a.getOrLoad(request)).toMatchObject({ status: "HIT", value: 2 });
  });

  it("tags an entry with tags derived from what it loaded, and drops it by any of them", async () => {
    const cache = instance(uniquePrefix());
    let loads = 0;
    const request = (key: string, hotels: string[]) => ({
      type: "hotels" as const,
      key,
      tags: ["city:PAR"],
      tagsOf: (value: { hotels: string[] }) => value.hotels.map((h) => `hotel:${h}`),
      load: async () => (++loads, { hotels }),
    });
    await cache.getOrLoad(request("one", ["H1", "H2"]));
    await cache.getOrLoad(request("other", ["H3"]));
    expect(await cache.invalidateTags(["hotel:H2"])).toEqual({ entries: 1 });
    expect(await cache.getOrLoad(request("one", ["H1", "H2"]))).toMatchObject({ status: "MISS" });
    expect(await cache.getOrLoad(request("other", ["H3"]))).toMatchObject({ status: "HIT" });
    expect(loads).toBe(3);
    // The fixed tags still apply beside the derived ones.
    expect(await cache.invalidateTags(["city:PAR"])).toEqual({ entries: 2 });
  });

  it("still answers when Redis is unreachable", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const down = createRedisConnection({ host: "127.0.0.1", port });
    down.on("error", () => {});
    connections.push(down);
    const cache = new SearchCache({ redis: down, bus: false, keyPrefix: uniquePrefix() });
    opened.push(cache);
    let loads = 0;
    const request = { type: "flights" as const, key: "k6", tags: [], load: async () => ++loads };
    const first = await cache.getOrLoad(request);
    const second = await cache.getOrLoad(request);
    expect(first).toMatchObject({ status: "MISS", value: 1 });
    expect(second).toMatchObject({ status: "HIT", value: 1 }); // from the in-process L1
  });
});
