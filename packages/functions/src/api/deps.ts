import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { createRedisConnection, pingRedis, SearchCache, type RedisConnection } from "@travel/core/cache";
import { Catalog } from "@travel/core/catalog";
import type { AppConfig } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { SearchService } from "@travel/core/search";
import { AmadeusSupplier } from "@travel/core/suppliers";
import type { cacheTtlSeconds } from "@travel/core/cache";

/** Everything the HTTP layer calls. Tests build it with their own parts; entry points from config. */
export interface ApiDependencies {
  search: SearchService;
  catalog: Catalog;
  cache: SearchCache;
  probes: { redis(): Promise<boolean>; dynamodb(): Promise<boolean> };
  /** Prepare long-lived connections/tokens before taking traffic. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** The one place adapters are chosen: from linked configuration, never from `if (local)`. */
export function createApiDependencies(
  config: AppConfig,
  options: { redis?: RedisConnection; ttlSeconds?: Partial<typeof cacheTtlSeconds> } = {},
): ApiDependencies {
  const redis = options.redis ?? createRedisConnection(config.Redis);
  redis.on("error", () => {
    // Connection errors surface as failed commands (handled per call) and in /health/ready.
  });
  const dynamo = createDynamoClient();
  const supplier = new AmadeusSupplier({
    baseUrl: config.SupplierApi.baseUrl,
    clientId: config.SupplierApi.clientId,
    clientSecret: config.SupplierApi.clientSecret,
    timeoutMs: config.SupplierApi.timeoutMs,
  });
  const cache = new SearchCache(redis, `${config.App.name}:${config.App.stage}:`);
  return {
    search: new SearchService({ supplier, cache, ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}) }),
    catalog: new Catalog(dynamo, config.CatalogTable.name),
    cache,
    probes: {
      redis: () => pingRedis(redis),
      dynamodb: async () => {
        try {
          await dynamo.send(new DescribeTableCommand({ TableName: config.CatalogTable.name }), {
            abortSignal: AbortSignal.timeout(1_000),
          });
          return true;
        } catch {
          return false;
        }
      },
    },
    warmUp: () => supplier.warmUp(),
    close: async () => {
      redis.disconnect();
      dynamo.destroy();
    },
  };
}
