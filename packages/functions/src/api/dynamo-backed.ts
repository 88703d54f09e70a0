import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BookingPersonalData, BookingService, bookingPolicy, bookingSettings, IdempotencyStore, supplierWebhookPolicy } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { Catalog } from "@travel/core/catalog/catalog";
import type { ApiConfig, AppConfig } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { ApiKeys, AuditLog, HttpIssuerAccount, PersonalData, Profiles, type ApiKeyCache, type ErasedUsers, type RequestLimiter } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import type { PaymentProvider } from "@travel/core/payments";
import { createReviewEntities, ReviewInteractions, ReviewService, tripsFromBooking, verifiedHotelRatings } from "@travel/core/reviews";
import type { SearchService } from "@travel/core/search";
import { processedEventStore } from "../events/subscriber-parts";
import { orderSuppliersFor } from "../order-suppliers";

/**
 * The API's services over DynamoDB tables, modelled with ElectroDB. api/deps.ts loads this module
 * at the first request that needs one of them (api/deferred.ts says why), so nothing here may be
 * imported statically by the request pipeline.
 */
export interface DynamoBackedParts {
  config: ApiConfig;
  dynamo: DynamoDBDocumentClient;
  offers: SearchService;
  payments: PaymentProvider;
  apiKeyCache: ApiKeyCache;
  limiter: RequestLimiter;
  erasedUsers: ErasedUsers;
  issuerUrl: string;
  now?: () => number;
}

/** The booking tables and the entities over them, from the links. */
export function bookingEntitiesFor(config: Pick<AppConfig, "ReservationsTable" | "OrdersTable" | "IdempotencyTable" | "OutboxTable" | "CatalogTable">, dynamo = createDynamoClient()) {
  return createBookingEntities(dynamo, {
    reservations: config.ReservationsTable.name,
    orders: config.OrdersTable.name,
    idempotency: config.IdempotencyTable.name,
    outbox: config.OutboxTable.name,
    catalog: config.CatalogTable.name,
  });
}

export function createDynamoBacked({ config, dynamo, offers, payments, apiKeyCache, limiter, erasedUsers, issuerUrl, now }: DynamoBackedParts) {
  const entities = bookingEntitiesFor(config, dynamo);
  const settings = bookingSettings(config.Booking);
  const idempotency = new IdempotencyStore(dynamo, entities, { ttlSeconds: settings.idempotencyTtlSeconds, leaseSeconds: bookingPolicy.idempotencyLeaseSeconds }, now);
  const booking = new BookingService({ client: dynamo, entities, offers, payments, idempotency, settings, orderSuppliers: orderSuppliersFor(config), ...(now ? { now } : {}) });
  const identityEntities = createIdentityEntities(dynamo, { catalog: config.CatalogTable.name, audit: config.AuditTable.name });
  const audit = new AuditLog(identityEntities, now);
  const profiles = new Profiles(identityEntities, now);
  const bookings = new BookingPersonalData(
    dynamo,
    entities,
    { reservations: config.ReservationsTable.name, orders: config.OrdersTable.name, idempotency: config.IdempotencyTable.name },
    booking,
    now,
  );
  const reviewEntities = createReviewEntities(dynamo, config.CatalogTable.name);
  const reviewDeps = { client: dynamo, entities: reviewEntities, trips: tripsFromBooking(booking), outbox: entities, now: now ?? Date.now };
  const reviews = new ReviewService(reviewDeps);
  const reviewInteractions = new ReviewInteractions(reviewDeps, reviews);
  return {
    catalog: new Catalog(dynamo, config.CatalogTable.name),
    reviews,
    reviewInteractions,
    verifiedRatings: verifiedHotelRatings(reviewEntities),
    idempotency,
    booking,
    processedEvents: processedEventStore(dynamo, entities, now),
    /** Suppliers' webhook event ids handled (routes/webhooks.ts), remembered past the supplier's retries. */
    processedWebhooks: new IdempotencyStore(dynamo, entities, { ttlSeconds: supplierWebhookPolicy.processedTtlSeconds, leaseSeconds: supplierWebhookPolicy.leaseSeconds }, now),
    apiKeys: new ApiKeys(identityEntities, apiKeyCache, now),
    audit,
    profiles,
    personalData: new PersonalData({ profiles, audit, limiter, erasedUsers, issuer: new HttpIssuerAccount(issuerUrl), bookings, reviews: reviewInteractions, ...(now ? { now } : {}) }),
  };
}
