import { randomUUID } from "node:crypto";
import { BentoCache, bentostore, errors as bentoErrors } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisBusDriver, redisDriver } from "bentocache/drivers/redis";
import type { Redis } from "ioredis";
import { traced } from "../observability";
import { CacheCounters } from "./counters";
import { DistributedSingleFlight } from "./distributed-single-flight";
import { TagIndex } from "./tag-index";
import { cachePolicies, type CachedDataType, type CachePolicies } from "./policies";
import type { RedisConnection } from "./redis";

export type CacheStatus = "HIT" | "MISS" | "STALE";

export interface CachedResult<T> {
  value: T;
  /** The entry this came from (`<type>:<key>`), as named to entry-change listeners. */
  entry: string;
  type: CachedDataType;
  /** HIT: fresh from cache · MISS: fetched from the supplier now · STALE: past its TTL, served while refreshing or because the supplier failed. */
  status: CacheStatus;
  /** When the supplier produced this answer. */
  storedAt: Date;
  ageSeconds: number;
  ttlSeconds: number;
}

export interface CacheRequest<T> {
  type: CachedDataType;
  /** The normalised question; equal questions must give equal keys. */
  key: string;
  /** For invalidation, e.g. `route:LHR-JFK`, `city:PAR`, `supplier:amadeus`. */
  tags: string[];
  /** More tags, from what was loaded (e.g. `hotel:<id>` for each hotel in the answer). */
  tagsOf?: (value: T) => string[];
  load: () => Promise<T>;
  /**
   * A shorter freshness for this answer than the type's (seconds), e.g. for an answer some
   * suppliers failed to give; undefined keeps the type's policy.
   */
  freshSecondsOf?: (value: T) => number | undefined;
}

interface Envelope<T> {
  storedAt: number;
  loadId: string;
  value: T;
  /** Set when the answer is fresh for less than its type's policy says. */
  freshSeconds?: number;
}

export interface SearchCacheOptions {
  redis: RedisConnection;
  /** Template the L1 coherence bus duplicates for its pub/sub connections; false disables it. */
  bus: Redis | false;
  keyPrefix: string;
  policies?: Partial<CachePolicies>;
  /** Most entries kept in process memory (L1). */
  l1MaxItems?: number;
  now?: () => number;
}

function entryName(type: CachedDataType, key: string): string {
  return `${type}:${key}`;
}

/**
 * The search cache: bentocache with an in-process L1 (kept coherent across instances by a Redis
 * bus) over a Redis L2. Per data type it serves fresh entries, serves stale ones while refreshing
 * in the background or when the supplier fails, and drops them after the stale window. Identical
 * concurrent misses make one supplier call per process (bentocache) and across processes
 * (DistributedSingleFlight).
 */
export class SearchCache {
  readonly counters: CacheCounters;
  private readonly bento: BentoCache<{ search: ReturnType<typeof bentostore> }>;
  private readonly singleFlight: DistributedSingleFlight;
  private readonly tagIndex: TagIndex;
  private readonly policies: CachePolicies;
  private readonly now: () => number;
  private readonly changeListeners: Array<(entries: string[] | "all") => void> = [];

  constructor(options: SearchCacheOptions) {
    this.policies = { ...cachePolicies, ...options.policies };
    this.now = options.now ?? Date.now;
    let store = bentostore()
      // L1 keeps the objects themselves (no JSON round trip per hit): cached values are shared
      // and must be treated as immutable. Invalidation goes through TagIndex + deleteMany, not
      // bentocache tags (whose bookkeeping needs serialized L1 entries).
      .useL1Layer(memoryDriver({ maxItems: options.l1MaxItems ?? 10_000, serialize: false }))
      .useL2Layer(redisDriver({ connection: options.redis }));
    if (options.bus) store = store.useBus(redisBusDriver({ connection: options.bus, retryQueue: { enabled: true, maxSize: 1_000 } }));
    this.bento = new BentoCache({
      default: "search",
      prefix: `${options.keyPrefix}cache`,
      stores: { search: store },
      // Redis trouble must never fail a search: skip L2 for a while and carry on with L1.
      suppressL2Errors: true,
      l2CircuitBreakerDuration: "5s",
      graceBackoff: "5s",
    });
    // bentocache builds its store (and subscribes the bus) on first use; do it now, so an
    // invalidation published while this instance warms up is not missed.
    this.bento.use("search");
    // Another instance wrote, refreshed, deleted or cleared entries: tell whoever keeps something
    // derived from them (the API's rendered responses) so nothing outlives the entry it came from.
    this.bento.on("bus:message:received", ({ message }) => {
      this.entriesChanged(message.type === "clear" ? "all" : message.keys);
    });
    this.singleFlight = new DistributedSingleFlight(options.redis, options.keyPrefix);
    this.tagIndex = new TagIndex(options.redis, options.keyPrefix);
    this.counters = new CacheCounters(options.redis, options.keyPrefix);
  }

  policy(type: CachedDataType) {
    return this.policies[type];
  }

  async getOrLoad<T>(request: CacheRequest<T>): Promise<CachedResult<T>> {
    const policy = this.policies[request.type];
    const lifetimeSeconds = policy.freshSeconds + policy.staleSeconds;
    const cacheKey = entryName(request.type, request.key);
    let producedLoadId: string | undefined;
    let envelope: Envelope<T>;
    try {
      // One subsegment for the L1/Redis lookup (a miss nests the supplier's own subsegment in it).
      envelope = await traced("search-cache", { vertical: request.type }, () => this.bento.getOrSet<Envelope<T>>({
        key: cacheKey,
        ttl: policy.freshSeconds * 1000,
        // bentocache's grace is the whole physical lifetime, fresh period included.
        grace: policy.staleSeconds > 0 ? lifetimeSeconds * 1000 : false,
        factory: async (context) => {
          const loadId = randomUUID();
          const { value, loaded } = await this.singleFlight.run(cacheKey, async () => {
            this.counters.add(request.type, "supplierCalls");
            try {
              const loadedValue = await request.load();
              const freshSeconds = request.freshSecondsOf?.(loadedValue);
              return { storedAt: this.now(), loadId, value: loadedValue, ...(freshSeconds === undefined ? {} : { freshSeconds }) } satisfies Envelope<T>;
            } catch (error) {
              this.counters.add(request.type, "supplierErrors");
              throw error;
            }
          });
          if (!loaded) this.counters.add(request.type, "coalesced");
          // Adaptive freshness: the entry is refreshed sooner; its stale window stays the type's.
          if (value.freshSeconds !== undefined) context.setOptions({ ttl: value.freshSeconds * 1000 });
          producedLoadId = value.loadId;
          await this.tagIndex.add(cacheKey, [`type:${request.type}`, ...request.tags, ...(request.tagsOf?.(value.value) ?? [])], lifetimeSeconds);
          return value;
        },
      }));
    } catch (error) {
      // bentocache wraps factory failures; callers want the supplier's own error.
      throw error instanceof bentoErrors.E_FACTORY_ERROR && error.cause ? error.cause : error;
    }
    const ageMs = Math.max(0, this.now() - envelope.storedAt);
    const freshSeconds = envelope.freshSeconds ?? policy.freshSeconds;
    const status: CacheStatus =
      envelope.loadId === producedLoadId ? "MISS" : ageMs > freshSeconds * 1000 ? "STALE" : "HIT";
    this.counters.add(request.type, status === "HIT" ? "hits" : status === "MISS" ? "misses" : "stale");
    if (status === "MISS") this.entriesChanged([cacheKey]);
    return {
      value: envelope.value,
      entry: cacheKey,
      type: request.type,
      status,
      storedAt: new Date(envelope.storedAt),
      ageSeconds: Math.floor(ageMs / 1000),
      ttlSeconds: freshSeconds,
    };
  }

  /** Delete every entry carrying any of these tags from Redis and from every instance's L1. */
  async invalidateTags(tags: string[]): Promise<{ entries: number }> {
    const keys = await this.tagIndex.take(tags);
    if (keys.length > 0) await this.bento.deleteMany({ keys });
    this.entriesChanged(keys);
    return { entries: keys.length };
  }

  /**
   * Called with the entries (`<type>:<key>`) that changed here or on another instance: written
   * anew, refreshed, invalidated; "all" when the whole cache was cleared.
   */
  onEntriesChanged(listener: (entries: string[] | "all") => void): void {
    this.changeListeners.push(listener);
  }

  private entriesChanged(entries: string[] | "all"): void {
    if (entries !== "all" && entries.length === 0) return;
    for (const listener of this.changeListeners) listener(entries);
  }

  async close(): Promise<void> {
    this.counters.close();
    await this.counters.flush();
    // A bus connection waiting for Redis would hold QUIT forever: give up after a second.
    await Promise.race([this.bento.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}
