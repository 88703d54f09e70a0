import { logger } from "../observability";
import { awaitFirstConnection, type RedisConnection } from "./redis";

/**
 * Which cache keys carry which tag, as Redis sets. bentocache's own tags invalidate softly: an
 * invalidated entry may still be served once as stale while it refreshes, which is wrong after a
 * price or inventory change. With this index an invalidation deletes the entries outright (in
 * Redis, and in every instance's L1 through the cache bus). Each set is a single key, so it is
 * cluster-safe; it expires with the longest-lived entry it names.
 */
export class TagIndex {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
  ) {}

  async add(cacheKey: string, tags: string[], lifetimeSeconds: number): Promise<void> {
    if (tags.length === 0) return;
    await awaitFirstConnection(this.redis);
    const pipeline = this.redis.pipeline();
    for (const tag of tags) {
      pipeline.sadd(this.setKey(tag), cacheKey);
      pipeline.expire(this.setKey(tag), lifetimeSeconds, "GT");
      pipeline.expire(this.setKey(tag), lifetimeSeconds, "NX");
    }
    try {
      await pipeline.exec();
    } catch (error) {
      logger.warn("tag index not updated; this entry can only expire", { cacheKey, error: (error as Error).message });
    }
  }

  /** The keys of every entry with any of these tags; the tags' sets are removed. */
  async take(tags: string[]): Promise<string[]> {
    const keys = new Set<string>();
    await awaitFirstConnection(this.redis);
    for (const tag of tags) {
      for (const key of await this.redis.smembers(this.setKey(tag))) keys.add(key);
      await this.redis.del(this.setKey(tag));
    }
    return [...keys];
  }

  private setKey(tag: string): string {
    return `${this.keyPrefix}tag:${tag}`;
  }
}
