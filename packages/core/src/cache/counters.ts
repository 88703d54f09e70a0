import { logger, metrics } from "../observability";
import { cachedDataTypes, type CachedDataType } from "./policies";
import type { RedisConnection } from "./redis";

export const counterNames = ["hits", "misses", "stale", "supplierCalls", "supplierErrors", "coalesced"] as const;
export type CounterName = (typeof counterNames)[number];
export type CounterSnapshot = Record<CachedDataType, Record<CounterName, number>>;

/** The CloudWatch metric (core/observability) each cache outcome is also counted as. */
const cacheMetrics: Partial<Record<CounterName, "CacheHit" | "CacheMiss" | "CacheStale">> = { hits: "CacheHit", misses: "CacheMiss", stale: "CacheStale" };

const zeroes = (): CounterSnapshot =>
  Object.fromEntries(cachedDataTypes.map((t) => [t, Object.fromEntries(counterNames.map((c) => [c, 0]))])) as CounterSnapshot;

/**
 * Cache and supplier counters per data type. Counted in process (no Redis call on the request
 * path) and added to shared Redis hashes in batches, so the admin endpoint shows the totals of
 * every instance.
 */
export class CacheCounters {
  private readonly sinceStart = zeroes();
  private unflushed = zeroes();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
    flushEveryMs = 5_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  add(type: CachedDataType, counter: CounterName, by = 1): void {
    this.sinceStart[type][counter] += by;
    this.unflushed[type][counter] += by;
    const metric = cacheMetrics[counter];
    if (metric) metrics.count(metric, { Vertical: type }, by);
  }

  /** This instance's counts since it started. */
  local(): CounterSnapshot {
    return structuredClone(this.sinceStart);
  }

  async flush(): Promise<void> {
    const pending = this.unflushed;
    this.unflushed = zeroes();
    const pipeline = this.redis.pipeline();
    let commands = 0;
    for (const type of cachedDataTypes) {
      for (const counter of counterNames) {
        const delta = pending[type][counter];
        if (delta > 0) {
          pipeline.hincrby(this.hashKey(type), counter, delta);
          commands += 1;
        }
      }
    }
    if (commands === 0) return;
    try {
      await pipeline.exec();
    } catch (error) {
      // Keep the counts for the next flush rather than losing them.
      for (const type of cachedDataTypes) for (const c of counterNames) this.unflushed[type][c] += pending[type][c];
      logger.debug("cache counters not flushed", { error: (error as Error).message });
    }
  }

  /** Totals across every instance that flushed into this Redis; undefined when Redis is down. */
  async shared(): Promise<CounterSnapshot | undefined> {
    await this.flush();
    try {
      const totals = zeroes();
      for (const type of cachedDataTypes) {
        const hash = await this.redis.hgetall(this.hashKey(type));
        for (const counter of counterNames) totals[type][counter] = Number(hash[counter] ?? 0);
      }
      return totals;
    } catch {
      return undefined;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private hashKey(type: CachedDataType): string {
    return `${this.keyPrefix}cache-stats:${type}`;
  }
}
