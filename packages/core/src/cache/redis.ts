import { Cluster, Redis } from "ioredis";
import type { AppConfig } from "../config";

export type RedisConnection = Redis | Cluster;

const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * A local redis-server is standalone and plain-text; ElastiCache (what `sst.aws.Redis` links on
 * AWS) is cluster-mode with TLS and an auth token. The linked host tells which one this is.
 * Commands fail fast while disconnected (no offline queue) so a Redis outage degrades searches
 * instead of stalling them; the client keeps reconnecting in the background.
 */
export function createRedisConnection(link: AppConfig["Redis"], options: { commandTimeoutMs?: number } = {}): RedisConnection {
  const common = {
    connectTimeout: 1_000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    ...(link.username && link.username !== "default" ? { username: link.username } : {}),
    ...(link.password ? { password: link.password } : {}),
  };
  if (loopbackHosts.has(link.host)) {
    return new Redis({ host: link.host, port: link.port, ...common });
  }
  return new Cluster([{ host: link.host, port: link.port }], {
    // ElastiCache's TLS certificates name the configuration endpoint, not the node IPs.
    dnsLookup: (address, callback) => callback(null, address),
    enableOfflineQueue: false,
    clusterRetryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    redisOptions: { ...common, tls: {} },
  });
}

const firstConnection = new WeakMap<RedisConnection, Promise<void>>();

/**
 * Commands fail fast while disconnected, which is right during an outage but wrong in the first
 * milliseconds of a cold start. Every caller waits (bounded, once per connection) for the first
 * connection attempt; after that nobody waits.
 */
export function awaitFirstConnection(redis: RedisConnection, timeoutMs = 1_000): Promise<void> {
  if (redis.status === "ready" || redis.status === "end") return Promise.resolve();
  let pending = firstConnection.get(redis);
  if (!pending) {
    pending = new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        redis.off("ready", done);
        resolve();
      }
      redis.once("ready", done);
    });
    firstConnection.set(redis, pending);
  }
  return pending;
}

/** Round-trip to Redis within `timeoutMs`; false when it is down or slow. */
export async function pingRedis(redis: RedisConnection, timeoutMs = 500): Promise<boolean> {
  try {
    await awaitFirstConnection(redis, timeoutMs);
    const reply = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return reply === "PONG";
  } catch {
    return false;
  }
}
