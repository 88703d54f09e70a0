import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisBusDriver, redisDriver } from "bentocache/drivers/redis";
import type { Redis } from "ioredis";
import type { RedisConnection } from "../cache/redis";
import type { ApiKeyCache, ApiKeyCredentials } from "./api-keys";

/**
 * API key credentials read through bentocache: an in-process L1 over Redis, kept coherent by its
 * bus, so a revoked or rotated key stops working on every instance as soon as the bus message
 * arrives. The TTL bounds how long a key could outlive its revocation on an instance that missed
 * the message (Redis down at that moment).
 */
export const apiKeyCacheTtlSeconds = 60;
/** How long the map in front of bentocache answers alone (see `recent`). */
const recentSeconds = 10;

export class BentoApiKeyCache implements ApiKeyCache {
  private readonly bento: BentoCache<{ keys: ReturnType<typeof bentostore> }>;
  /**
   * In front of bentocache's own L1: a plain map, because a bentocache lookup costs ~4 µs and
   * this one is on every partner request. Kept coherent the same way: dropped on forget() here
   * and on every bus message about the key from other instances.
   */
  private readonly recent = new Map<string, { credentials: ApiKeyCredentials; until: number }>();

  constructor(options: { redis: RedisConnection; bus: Redis | false; keyPrefix: string }) {
    let store = bentostore()
      // Objects kept as they are (no JSON parse per verification); they are never changed.
      .useL1Layer(memoryDriver({ maxItems: 10_000, serialize: false }))
      .useL2Layer(redisDriver({ connection: options.redis }));
    if (options.bus) store = store.useBus(redisBusDriver({ connection: options.bus, retryQueue: { enabled: true, maxSize: 1_000 } }));
    this.bento = new BentoCache({
      default: "keys",
      prefix: `${options.keyPrefix}apikeys`,
      stores: { keys: store },
      // Redis down: verify from DynamoDB (through L1) rather than fail the request.
      suppressL2Errors: true,
      l2CircuitBreakerDuration: "5s",
    });
    // Subscribe the bus now, not on first use, so no revocation is missed while warming up.
    this.bento.use("keys");
    this.bento.on("bus:message:received", ({ message }) => {
      if (message.type === "clear") this.recent.clear();
      else for (const key of message.keys) this.recent.delete(key);
    });
  }

  async getOrLoad(keyId: string, load: () => Promise<ApiKeyCredentials | undefined>): Promise<ApiKeyCredentials | undefined> {
    const now = Date.now();
    const recent = this.recent.get(keyId);
    if (recent && recent.until > now) return recent.credentials;
    const credentials = await this.bento.getOrSet<ApiKeyCredentials | undefined>({
      key: keyId,
      ttl: apiKeyCacheTtlSeconds * 1000,
      // Unknown ids are not cached: a key created a moment ago must work at once.
      factory: async (ctx) => (await load()) ?? ctx.skip(),
    });
    if (credentials) {
      if (this.recent.size >= 10_000) this.recent.clear();
      this.recent.set(keyId, { credentials, until: now + recentSeconds * 1000 });
    }
    return credentials;
  }

  async forget(keyId: string): Promise<void> {
    this.recent.delete(keyId);
    await this.bento.delete({ key: keyId });
  }

  async close(): Promise<void> {
    await Promise.race([this.bento.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}
