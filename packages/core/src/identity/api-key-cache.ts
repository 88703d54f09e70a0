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

export class BentoApiKeyCache implements ApiKeyCache {
  private readonly bento: BentoCache<{ keys: ReturnType<typeof bentostore> }>;

  constructor(options: { redis: RedisConnection; bus: Redis | false; keyPrefix: string }) {
    let store = bentostore()
      .useL1Layer(memoryDriver({ maxItems: 10_000 }))
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
  }

  getOrLoad(keyId: string, load: () => Promise<ApiKeyCredentials | undefined>): Promise<ApiKeyCredentials | undefined> {
    return this.bento.getOrSet<ApiKeyCredentials | undefined>({
      key: keyId,
      ttl: apiKeyCacheTtlSeconds * 1000,
      // Unknown ids are not cached: a key created a moment ago must work at once.
      factory: async (ctx) => (await load()) ?? ctx.skip(),
    });
  }

  async forget(keyId: string): Promise<void> {
    await this.bento.delete({ key: keyId });
  }

  async close(): Promise<void> {
    await Promise.race([this.bento.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}
