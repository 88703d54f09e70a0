import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { awaitFirstConnection, type RedisConnection } from "./redis";

/** Delete the lock only if we still own it. */
const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export interface SingleFlightResult<T> {
  value: T;
  /** True when this process ran the load; false when it took another process's answer. */
  loaded: boolean;
}

/**
 * Cross-process single flight on Redis. bentocache's stampede protection is an in-process mutex,
 * so N API instances missing the same key at once would each call the supplier. Here the first
 * instance takes `SET lock NX PX`, loads, and hands its answer over through a short-lived Redis
 * key; the others wait for that hand-over instead of calling the supplier. If Redis misbehaves,
 * everyone falls back to loading on their own: availability beats deduplication.
 */
export class DistributedSingleFlight {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
    private readonly options: { lockMs: number; pollMs: number; handoverMs: number } = {
      lockMs: 15_000,
      pollMs: 20,
      handoverMs: 30_000,
    },
  ) {}

  async run<T>(key: string, load: () => Promise<T>): Promise<SingleFlightResult<T>> {
    const lockKey = `${this.keyPrefix}lock:${key}`;
    const handoverKey = (owner: string) => `${this.keyPrefix}handover:${key}:${owner}`;
    const token = randomUUID();
    await awaitFirstConnection(this.redis);
    const deadline = Date.now() + this.options.lockMs;
    while (Date.now() < deadline) {
      let acquired: boolean;
      try {
        acquired = (await this.redis.set(lockKey, token, "PX", this.options.lockMs, "NX")) === "OK";
      } catch {
        return { value: await load(), loaded: true };
      }
      if (acquired) {
        try {
          const value = await load();
          await this.redis.set(handoverKey(token), JSON.stringify(value), "PX", this.options.handoverMs).catch(() => undefined);
          return { value, loaded: true };
        } finally {
          await this.redis.eval(releaseScript, 1, lockKey, token).catch(() => undefined);
        }
      }
      // Someone else is loading: wait for that loader's answer (keyed by its lock token, so an
      // older answer is never taken for a newer load), or for its lock to go (it failed).
      let owner: string | null;
      try {
        owner = await this.redis.get(lockKey);
      } catch {
        return { value: await load(), loaded: true };
      }
      while (owner !== null && Date.now() < deadline) {
        await sleep(this.options.pollMs);
        try {
          const [handover, holder] = await Promise.all([this.redis.get(handoverKey(owner)), this.redis.get(lockKey)]);
          if (handover !== null) return { value: JSON.parse(handover) as T, loaded: false };
          if (holder !== owner) {
            // The loader is done. It writes its answer before releasing, so read once more.
            const last = await this.redis.get(handoverKey(owner));
            if (last !== null) return { value: JSON.parse(last) as T, loaded: false };
            break; // it failed without an answer: try to take over
          }
        } catch {
          return { value: await load(), loaded: true };
        }
      }
    }
    return { value: await load(), loaded: true };
  }
}
