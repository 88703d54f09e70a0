import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createRedisConnection, SearchCache } from "../src/cache";

const { redis: redisAddress } = inject("stores");
const redis = createRedisConnection({ host: redisAddress.host, port: redisAddress.port });
const prefix = `core-test-${Date.now()}:`;

afterAll(() => redis.disconnect());

describe("SearchCache on a real redis-server", () => {
  it("loads once on a miss and serves hits with their age", async () => {
    let now = 1_000_000;
    const cache = new SearchCache(redis, prefix, () => now);
    let loads = 0;
    const load = async () => (++loads, { offers: [1, 2, 3] });
    const miss = await cache.getOrLoad("k1", 60, load);
    now += 7_000;
    const hit = await cache.getOrLoad("k1", 60, load);
    expect(miss).toMatchObject({ status: "MISS", ageSeconds: 0, value: { offers: [1, 2, 3] } });
    expect(hit).toMatchObject({ status: "HIT", ageSeconds: 7, value: { offers: [1, 2, 3] } });
    expect(loads).toBe(1);
    const plain = new Redis({ host: redisAddress.host, port: redisAddress.port });
    expect(await plain.ttl(`${prefix}k1`)).toBeGreaterThan(55);
    plain.disconnect();
  });

  it("makes one supplier call for 50 concurrent identical misses", async () => {
    const cache = new SearchCache(redis, prefix);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return "answer";
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad("k2", 60, load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === "answer")).toBe(true);
  });

  it("still answers, uncached, when Redis is unreachable", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const down = createRedisConnection({ host: "127.0.0.1", port });
    down.on("error", () => {});
    const cache = new SearchCache(down, prefix);
    let loads = 0;
    const first = await cache.getOrLoad("k3", 60, async () => ++loads);
    const second = await cache.getOrLoad("k3", 60, async () => ++loads);
    down.disconnect();
    expect([first.status, second.status]).toEqual(["MISS", "MISS"]);
    expect(loads).toBe(2);
  });
});
