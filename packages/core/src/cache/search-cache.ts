import { logger } from "../observability";
import { awaitFirstConnection, type RedisConnection } from "./redis";

export type CacheStatus = "HIT" | "MISS";

export interface CachedResult<T> {
  value: T;
  status: CacheStatus;
  /** When the value was fetched from the supplier. */
  storedAt: Date;
  ageSeconds: number;
  ttlSeconds: number;
}

interface Envelope<T> {
  storedAt: number;
  value: T;
}

/**
 * Cache-aside over Redis: read the key; on a miss run the loader once per key per process
 * (concurrent identical misses share one supplier call) and store the answer with a TTL.
 * If Redis fails, the search still answers from the loader; the failure is logged, not thrown.
 */
export class SearchCache {
  private readonly inFlight = new Map<string, Promise<CachedResult<unknown>>>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<CachedResult<T>> {
    const redisKey = `${this.keyPrefix}${key}`;
    const hit = await this.read<T>(redisKey);
    if (hit) {
      const ageSeconds = Math.max(0, Math.floor((this.now() - hit.storedAt) / 1000));
      return { value: hit.value, status: "HIT", storedAt: new Date(hit.storedAt), ageSeconds, ttlSeconds };
    }
    const pending = this.inFlight.get(redisKey);
    if (pending) return pending as Promise<CachedResult<T>>;
    const loading = this.loadAndStore(redisKey, ttlSeconds, load).finally(() => this.inFlight.delete(redisKey));
    this.inFlight.set(redisKey, loading);
    return loading;
  }

  private async loadAndStore<T>(redisKey: string, ttlSeconds: number, load: () => Promise<T>): Promise<CachedResult<T>> {
    const value = await load();
    const storedAt = this.now();
    const envelope: Envelope<T> = { storedAt, value };
    try {
      await this.redis.set(redisKey, JSON.stringify(envelope), "EX", ttlSeconds);
    } catch (error) {
      logger.warn("cache write failed; answer served uncached", { key: redisKey, error: (error as Error).message });
    }
    return { value, status: "MISS", storedAt: new Date(storedAt), ageSeconds: 0, ttlSeconds };
  }

  private async read<T>(redisKey: string): Promise<Envelope<T> | undefined> {
    try {
      await awaitFirstConnection(this.redis);
      const raw = await this.redis.get(redisKey);
      return raw ? (JSON.parse(raw) as Envelope<T>) : undefined;
    } catch (error) {
      logger.warn("cache read failed; treating as a miss", { key: redisKey, error: (error as Error).message });
      return undefined;
    }
  }
}
