import { randomUUID } from "node:crypto";
import { AnalyticsRecorder, AnalyticsStore, mergeFacts, splitFacts, UnsentFactsError, type AnalyticsFacts } from "@travel/core/analytics";
import { createBusConnectionTemplate, createRedisConnection, pingRedis, SearchCache, type CachePolicies, type RedisConnection } from "@travel/core/cache";
import type { Catalog } from "@travel/core/catalog";
import type { ApiConfig, AppConfig } from "@travel/core/config";
import type { BookingService, IdempotencyClaims } from "@travel/core/booking";
import { createDynamoClient, dynamoSdk } from "@travel/core/db";
import {
  authClients,
  BentoApiKeyCache,
  createAccessTokenVerifier,
  ErasedUsers,
  RequestLimiter,
  type AccessTokenVerifier,
  type ApiKeys,
  type AuditLog,
  type LimitSettings,
  type PersonalData,
  type Profiles,
} from "@travel/core/identity";
import { SimulatedPaymentProvider, StripePaymentProvider, type PaymentProvider } from "@travel/core/payments";
import type { ReviewInteractions, ReviewService } from "@travel/core/reviews";
import { OfferRegistry, SearchService, type VerifiedHotelRatings } from "@travel/core/search";
import { EventBridgePublisher, type EventPublisher } from "@travel/core/events";
import type { SupplierHealth, SupplierResilienceSettings } from "@travel/core/suppliers";
import { deferred } from "./deferred";
import type { createDynamoBacked } from "./dynamo-backed";

type DynamoBacked = ReturnType<typeof createDynamoBacked>;
import { searchSuppliersFor } from "./search-suppliers";

/** Everything the HTTP layer calls. Tests build it with their own parts; entry points from config. */
export interface ApiDependencies {
  search: SearchService;
  catalog: Catalog;
  cache: SearchCache;
  suppliers: Array<{ status(): SupplierHealth }>;
  events: EventPublisher;
  booking: BookingService;
  idempotency: IdempotencyClaims;
  /** Verified travellers' reviews: writing, reading and figures; votes, reports, replies, edits. */
  reviews: { service: ReviewService; interactions: ReviewInteractions };
  /** Verifies travellers' access tokens against the issuer's JWKS. */
  verifyToken: AccessTokenVerifier;
  /** Real-time analytics: facts recorded on the request path, aggregates read by the admin routes. */
  analytics: { recorder: AnalyticsRecorder; store: AnalyticsStore };
  identity: {
    apiKeys: ApiKeys;
    profiles: Profiles;
    audit: AuditLog;
    limiter: RequestLimiter;
    personalData: PersonalData;
    erasedUsers: ErasedUsers;
  };
  /** Suppliers' webhooks: the secret Duffel signs them with (none: not configured), the event ids handled, the clock their signatures are checked against. */
  webhooks: { duffelSecret: string | undefined; processed: IdempotencyClaims; now(): number };
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
  /** A payment provider other than the configured one (tests: a slow simulated provider). */
  payments?: PaymentProvider;
  /** Request limits other than the declared ones (core/identity/plans.ts). */
  limits?: LimitSettings;
  /** How often recorded analytics facts are sent (default 1 s). */
  analyticsFlushMs?: number;
  now?: () => number;
  /**
   * The bus events are published to, built from the parts its subscribers need; EventBridge
   * unless given. Only the local server passes the in-process bus, so the Lambda never bundles it.
   */
  bus?: (parts: BusParts) => EventPublisher;
}

/** What the platform bus's in-process subscribers need from the API's parts. */
export interface BusParts {
  cache: SearchCache;
  analytics: { store: AnalyticsStore; processedEvents: IdempotencyClaims };
}

export function paymentProviderFor(config: AppConfig["Payments"]): PaymentProvider {
  return config.provider === "stripe" ? new StripePaymentProvider(config.secretKey) : new SimulatedPaymentProvider();
}

/** Send recorded facts as `Analytics Recorded` events, each small enough for EventBridge. */
async function publishFacts(events: EventPublisher, facts: AnalyticsFacts): Promise<void> {
  const parts = splitFacts(facts);
  for (const [i, part] of parts.entries()) {
    try {
      await events.publish("AnalyticsRecorded", { schemaVersion: 1, eventId: randomUUID(), ...part });
    } catch (error) {
      // What was published stays published; the rest goes back to the recorder.
      throw new UnsentFactsError(mergeFacts(parts.slice(i)), error);
    }
  }
}

/** The one place adapters are chosen: from linked configuration, never from `if (local)`. */
export function createApiDependencies(config: ApiConfig, overrides: DependencyOverrides = {}): ApiDependencies {
  const redis = overrides.redis ?? createRedisConnection(config.Redis);
  redis.on("error", () => {
    // Connection errors surface as failed commands (handled per call) and in /health/ready.
  });
  const dynamo = createDynamoClient();
  const searchSuppliers = searchSuppliersFor(config, overrides.resilience);
  const keyPrefix = `${config.App.name}:${config.App.stage}:`;
  const cache = new SearchCache({
    redis,
    bus: overrides.cacheBus === false ? false : createBusConnectionTemplate(config.Redis),
    keyPrefix,
    ...(overrides.cachePolicies ? { policies: overrides.cachePolicies } : {}),
  });
  const analyticsStore = new AnalyticsStore(redis, keyPrefix, overrides.now);
  const apiKeyCache = new BentoApiKeyCache({ redis, bus: overrides.cacheBus === false ? false : createBusConnectionTemplate(config.Redis), keyPrefix });
  const limiter = new RequestLimiter(redis, { keyPrefix, ...(overrides.limits ? { settings: overrides.limits } : {}), ...(overrides.now ? { now: overrides.now } : {}) });
  const erasedUsers = new ErasedUsers(redis, keyPrefix);
  const issuerUrl = config.Auth.url.replace(/\/$/, "");
  // The services over DynamoDB, loaded with ElectroDB at the first request that uses one (api/deferred.ts).
  let stores: Promise<DynamoBacked> | undefined;
  const loadStores = (): Promise<DynamoBacked> =>
    (stores ??= import("./dynamo-backed").then(
      (module) =>
        module.createDynamoBacked({
          config,
          dynamo,
          offers: search,
          payments: overrides.payments ?? paymentProviderFor(config.Payments),
          apiKeyCache,
          limiter,
          erasedUsers,
          issuerUrl,
          ...(overrides.now ? { now: overrides.now } : {}),
        }),
      (error: unknown) => {
        stores = undefined;
        throw error;
      },
    ));
  const catalog = deferred("catalog", async () => (await loadStores()).catalog);
  if (config.Bus.delivery === "in-process" && !overrides.bus) {
    throw new Error("the Bus link asks for in-process delivery: pass the in-process bus (api/in-process-bus.ts), as the local server does");
  }
  const events = overrides.bus
    ? overrides.bus({ cache, analytics: { store: analyticsStore, processedEvents: deferred<IdempotencyClaims>("processed events", async () => (await loadStores()).processedEvents) } })
    : new EventBridgePublisher({ platform: config.Bus.name });
  const recorder = new AnalyticsRecorder((facts) => publishFacts(events, facts), overrides.analyticsFlushMs ? { flushMs: overrides.analyticsFlushMs } : {});
  for (const supplier of searchSuppliers.inUse) supplier.guard.observe(({ supplier: name, ms, ok }) => recorder.supplierCalled(name, ms, ok));
  const search = new SearchService({
    suppliers: searchSuppliers.suppliers,
    cache,
    catalog,
    offers: new OfferRegistry(redis, keyPrefix),
    verifiedRatings: deferred<VerifiedHotelRatings>("review figures", async () => (await loadStores()).verifiedRatings),
  });
  return {
    events,
    search,
    idempotency: deferred<IdempotencyClaims>("idempotency store", async () => (await loadStores()).idempotency),
    verifyToken: createAccessTokenVerifier({ issuer: issuerUrl, audience: authClients.map((c) => c.id) }),
    analytics: { recorder, store: analyticsStore },
    identity: {
      apiKeys: deferred("API keys", async () => (await loadStores()).apiKeys),
      profiles: deferred("profiles", async () => (await loadStores()).profiles),
      audit: deferred("audit log", async () => (await loadStores()).audit),
      limiter,
      erasedUsers,
      personalData: deferred("personal data", async () => (await loadStores()).personalData),
    },
    booking: deferred("booking", async () => (await loadStores()).booking),
    reviews: {
      service: deferred("reviews", async () => (await loadStores()).reviews),
      interactions: deferred("review interactions", async () => (await loadStores()).reviewInteractions),
    },
    webhooks: {
      duffelSecret: config.DuffelWebhookSecret.value || undefined,
      processed: deferred<IdempotencyClaims>("processed webhooks", async () => (await loadStores()).processedWebhooks),
      now: overrides.now ?? Date.now,
    },
    catalog,
    cache,
    suppliers: searchSuppliers.inUse,
    probes: {
      redis: () => pingRedis(redis),
      dynamodb: async () => {
        try {
          const { DescribeTableCommand } = (await dynamoSdk()).client;
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
      await searchSuppliers.warmUp();
    },
    close: async () => {
      await recorder.close();
      if ("drain" in events && typeof events.drain === "function") await events.drain();
      await cache.close();
      await apiKeyCache.close();
      redis.disconnect();
      dynamo.destroy();
    },
  };
}
