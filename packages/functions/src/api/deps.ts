import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { createBusConnectionTemplate, createRedisConnection, pingRedis, SearchCache, type CachePolicies, type RedisConnection } from "@travel/core/cache";
import { Catalog } from "@travel/core/catalog";
import type { AppConfig } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { OfferRegistry, SearchService } from "@travel/core/search";
import { EventBridgePublisher, type EventPublisher } from "@travel/core/events";
import {
  AmadeusSupplier,
  CarRentalSupplier,
  ResilientCarSupplier,
  ResilientSupplier,
  type SupplierHealth,
  type SupplierResilienceSettings,
} from "@travel/core/suppliers";
import { createLocalEventBus } from "../events/local";

/** Everything the HTTP layer calls. Tests build it with their own parts; entry points from config. */
export interface ApiDependencies {
  search: SearchService;
  catalog: Catalog;
  cache: SearchCache;
  suppliers: Array<{ status(): SupplierHealth }>;
  events: EventPublisher;
  probes: { redis(): Promise<boolean>; dynamodb(): Promise<boolean> };
  /** Prepare long-lived connections/tokens before taking traffic. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export interface DependencyOverrides {
  redis?: RedisConnection;
  cachePolicies?: Partial<CachePolicies>;
  resilience?: Partial<SupplierResilienceSettings>;
  /** Cache bus for L1 coherence between instances; on unless false. */
  cacheBus?: boolean;
}

/** The one place adapters are chosen: from linked configuration, never from `if (local)`. */
export function createApiDependencies(config: AppConfig, overrides: DependencyOverrides = {}): ApiDependencies {
  const redis = overrides.redis ?? createRedisConnection(config.Redis);
  redis.on("error", () => {
    // Connection errors surface as failed commands (handled per call) and in /health/ready.
  });
  const dynamo = createDynamoClient();
  const amadeus = new AmadeusSupplier(config.SupplierApi);
  const flightSupplier = new ResilientSupplier(amadeus, overrides.resilience);
  const carsAdapter = new CarRentalSupplier(config.CarSupplierApi);
  const carSupplier = new ResilientCarSupplier(carsAdapter, overrides.resilience);
  const cache = new SearchCache({
    redis,
    bus: overrides.cacheBus === false ? false : createBusConnectionTemplate(config.Redis),
    keyPrefix: `${config.App.name}:${config.App.stage}:`,
    ...(overrides.cachePolicies ? { policies: overrides.cachePolicies } : {}),
  });
  const catalog = new Catalog(dynamo, config.CatalogTable.name);
  const events =
    config.Bus.delivery === "in-process" ? createLocalEventBus({ cache }) : new EventBridgePublisher(config.Bus.name);
  return {
    events,
    search: new SearchService({
      supplier: flightSupplier,
      cars: carSupplier,
      cache,
      catalog,
      offers: new OfferRegistry(redis, `${config.App.name}:${config.App.stage}:`),
    }),
    catalog,
    cache,
    suppliers: [flightSupplier, carSupplier],
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
    warmUp: async () => {
      await Promise.all([amadeus.warmUp(), carsAdapter.warmUp()]);
    },
    close: async () => {
      await cache.close();
      redis.disconnect();
      dynamo.destroy();
    },
  };
}
