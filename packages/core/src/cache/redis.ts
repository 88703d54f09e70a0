import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { AppConfig } from "../config";

export type RedisConnection = Redis | Cluster;

const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * A local redis-server is standalone and plain-text; ElastiCache (what `sst.aws.Redis` links on
 * AWS) is cluster-mode with TLS and an auth token. The linked host tells which one this is.
 * Commands fail fast while disconnected (no offline queue) so a Redis outage degrades searches
 * instead of stalling them; the client keeps reconnecting in the background. Commands are
 * auto-pipelined.
 */
export function isClusterEndpoint(link: AppConfig["Redis"]): boolean {
  return !loopbackHosts.has(link.host);
}

/**
 * Plain connection options for one node/endpoint, for clients that open their own connections
 * (the cache bus's pub/sub). Pub/sub through an ElastiCache configuration endpoint reaches every
 * shard, so a plain TLS connection is enough there.
 */
export function redisConnectionOptions(link: AppConfig["Redis"]): RedisOptions {
  return {
    host: link.host,
    port: link.port,
    connectTimeout: 1_000,
    // Queue while (re)connecting so the bus can subscribe at start, but fail a queued command
    // at the first failed reconnect instead of holding a request while Redis is down.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    ...(link.username && link.username !== "default" ? { username: link.username } : {}),
    ...(link.password ? { password: link.password } : {}),
    ...(isClusterEndpoint(link) ? { tls: {} } : {}),
  };
}

/**
 * The cache bus (@boringnode/bus) opens its own publisher and subscriber by calling duplicate()
 * on the connection it is given: publisher first, subscriber second. They need different
 * behaviour while Redis is down: a publish must fail fast (it is on the request path), but the
 * subscriber's SUBSCRIBE must wait for Redis to come back rather than be rejected (nothing
 * awaits that rejection, and the subscription would be lost). Duplicates also get an error
 * listener so outages surface in /health/ready, not as "Unhandled error event" on stderr.
 */
class BusConnectionTemplate extends Redis {
  private duplicates = 0;

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const isSubscriber = this.duplicates++ % 2 === 1;
    const connection = super.duplicate({
      lazyConnect: false,
      maxRetriesPerRequest: isSubscriber ? null : 0,
      ...override,
    });
    connection.on("error", () => {});
    return connection;
  }
}

export function createBusConnectionTemplate(link: AppConfig["Redis"]): Redis {
  return new BusConnectionTemplate({ ...redisConnectionOptions(link), lazyConnect: true });
}

export function createRedisConnection(link: AppConfig["Redis"], options: { commandTimeoutMs?: number } = {}): RedisConnection {
  const common = {
    connectTimeout: 1_000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Commands issued in the same tick (a request's rate and quota counts, and those of every
    // other request in flight) go to Redis in one write: measured +15-20% cached searches.
    enableAutoPipelining: true,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    ...(link.username && link.username !== "default" ? { username: link.username } : {}),
    ...(link.password ? { password: link.password } : {}),
  };
  if (!isClusterEndpoint(link)) {
    return trackReadiness(new Redis({ host: link.host, port: link.port, ...common }));
  }
  return trackReadiness(new Cluster([{ host: link.host, port: link.port }], {
    // ElastiCache's TLS certificates name the configuration endpoint, not the node IPs.
    dnsLookup: (address, callback) => callback(null, address),
    enableOfflineQueue: false,
    // A cluster pipelines per node itself: the node connections' own setting does not apply.
    enableAutoPipelining: true,
    clusterRetryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    redisOptions: { ...common, tls: {} },
  }));
}

const firstConnection = new WeakMap<RedisConnection, Promise<void>>();
const everReady = new WeakSet<RedisConnection>();

function trackReadiness<T extends RedisConnection>(connection: T): T {
  connection.once("ready", () => everReady.add(connection));
  return connection;
}

/**
 * Commands fail fast while disconnected, which is right during an outage but wrong in the first
 * milliseconds of a cold start. Every caller waits (bounded, once per connection) for the first
 * connection attempt; after that nobody waits.
 */
export function awaitFirstConnection(redis: RedisConnection, timeoutMs = 1_000): Promise<void> {
  if (redis.status === "ready" || redis.status === "end" || everReady.has(redis)) return Promise.resolve();
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
