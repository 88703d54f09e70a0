import { eventCatalog, type BusName, type EventPattern } from "./catalog";

/**
 * Who listens to what, declared once: `infra/events.ts` creates each rule on its bus and points it
 * at the subscribers' Lambdas (with a dead-letter queue), and the local in-process bus applies the
 * same patterns to the same handlers. Keep this file free of runtime imports beyond the catalog:
 * `sst.config.ts` loads it.
 */
export interface EventRule {
  bus: BusName;
  /** A fixed physical name, `{stage}` replaced, where the reservation contract names the rule. */
  physicalName?: string;
  pattern: EventPattern;
}

export const eventRules = {
  SupplierChanges: {
    bus: "platform",
    pattern: {
      source: [eventCatalog.PriceUpdated.source],
      detailType: [eventCatalog.PriceUpdated.detailType, eventCatalog.InventoryChanged.detailType],
    },
  },
  // Every review event, for analytics.
  ReviewAnalytics: {
    bus: "platform",
    pattern: {
      source: [eventCatalog.ReviewSubmitted.source],
      detailType: [eventCatalog.ReviewSubmitted.detailType, eventCatalog.ReviewApproved.detailType, eventCatalog.ReviewRemoved.detailType],
    },
  },
  // A review shown or no longer shown changes its hotel's rating, which cached hotel answers carry.
  ReviewRatingChanges: {
    bus: "platform",
    pattern: { source: [eventCatalog.ReviewApproved.source], detailType: [eventCatalog.ReviewApproved.detailType, eventCatalog.ReviewRemoved.detailType] },
  },
  AnalyticsRecorded: {
    bus: "platform",
    pattern: { source: [eventCatalog.AnalyticsRecorded.source], detailType: [eventCatalog.AnalyticsRecorded.detailType] },
  },
  // Every reservation change, for analytics only: its own rule, so an archive replay can be sent
  // to analytics alone (EventBridge replays to chosen rules, and every target of those rules).
  ReservationAnalytics: {
    bus: "reservations",
    pattern: {
      source: [eventCatalog.ReservationCreated.source],
      detailType: [
        eventCatalog.ReservationCreated.detailType,
        eventCatalog.ReservationStatusChanged.detailType,
        eventCatalog.SupplierOrderPlaced.detailType,
        eventCatalog.SupplierOrderFailed.detailType,
        eventCatalog.AirlineChangeDetected.detailType,
        eventCatalog.CancellationQuoted.detailType,
      ],
    },
  },
  // What the supplier made of a booking's order (core/booking/supplier-saga.ts).
  SupplierOrderOutcomes: {
    bus: "reservations",
    pattern: { source: [eventCatalog.SupplierOrderFailed.source], detailType: [eventCatalog.SupplierOrderPlaced.detailType, eventCatalog.SupplierOrderFailed.detailType] },
  },
  // The airline changed a booked journey (core/booking/airline-changes.ts): the traveller is told
  // (analytics counts it, and every other reservation fact, through ReservationAnalytics).
  AirlineChanges: {
    bus: "reservations",
    pattern: { source: [eventCatalog.AirlineChangeDetected.source], detailType: [eventCatalog.AirlineChangeDetected.detailType] },
  },
  // A cancellation was quoted (core/booking/cancellation-quote.ts): the traveller gets it in writing.
  CancellationQuotes: {
    bus: "reservations",
    pattern: { source: [eventCatalog.CancellationQuoted.source], detailType: [eventCatalog.CancellationQuoted.detailType] },
  },
  // The reservation contract's two rules, with its names and patterns.
  ReservationCreated: {
    bus: "reservations",
    physicalName: "{stage}-reservation-created",
    pattern: { source: [eventCatalog.ReservationCreated.source], detailType: [eventCatalog.ReservationCreated.detailType], detail: { status: ["HOLD"] } },
  },
  ReservationStatusChanged: {
    bus: "reservations",
    physicalName: "{stage}-reservation-status-changed",
    pattern: {
      source: [eventCatalog.ReservationStatusChanged.source],
      detailType: [eventCatalog.ReservationStatusChanged.detailType],
      detail: { status: ["CONFIRMED", "CANCELLED", "EXPIRED"] },
    },
  },
} as const satisfies Record<string, EventRule>;

export type RuleName = keyof typeof eventRules;

/** Links a subscriber needs (names of `Resource` links; infra maps them to components). */
export type SubscriberLink =
  | "Redis"
  | "ReservationsTable"
  | "IdempotencyTable"
  | "OutboxTable"
  | "CatalogTable"
  | "Booking"
  | "DuffelApi"
  | "CarSupplierApi"
  | "Email"
  | "AnalyticsForwarding";

export interface Subscription {
  name: string;
  /** Module path from the repository root, and the exported handler, as SST takes it. */
  handler: string;
  rules: readonly RuleName[];
  links: readonly SubscriberLink[];
  /**
   * Delivered in batches rather than one event per call: on AWS the rules feed an SQS queue whose
   * consumer gets up to `size` events, waiting at most `windowSeconds` (failed batches are retried
   * by the queue, then moved to its dead-letter queue); locally the in-process bus does the same.
   */
  batch?: { size: number; windowSeconds: number; maxReceives: number };
}

export const subscriptions: Subscription[] = [
  {
    name: "CacheInvalidation",
    handler: "packages/functions/src/events/cache-invalidation.handler",
    rules: ["SupplierChanges", "ReviewRatingChanges"],
    links: ["Redis"],
  },
  {
    // Seats or rooms held, sold or released: search answers showing availability are stale.
    name: "ReservationInventory",
    handler: "packages/functions/src/events/reservation-inventory.handler",
    rules: ["ReservationCreated", "ReservationStatusChanged"],
    links: ["Redis", "IdempotencyTable"],
  },
  {
    name: "BookingNotifications",
    handler: "packages/functions/src/events/booking-notifications.handler",
    rules: ["ReservationStatusChanged", "SupplierOrderOutcomes", "AirlineChanges", "CancellationQuotes"],
    links: ["ReservationsTable", "IdempotencyTable", "Email"],
  },
  {
    // The supplier's half of a hold (core/booking/supplier-saga.ts): hold the order at the
    // supplier after our hold, release it when our hold ends unpaid.
    name: "SupplierOrders",
    handler: "packages/functions/src/events/supplier-orders.handler",
    rules: ["ReservationCreated", "ReservationStatusChanged"],
    links: ["ReservationsTable", "OutboxTable", "CatalogTable", "IdempotencyTable", "Booking", "DuffelApi", "CarSupplierApi"],
  },
  {
    // Real-time analytics: the API's batches of search facts, every reservation change and review event, into
    // the Redis aggregates (core/analytics).
    name: "Analytics",
    handler: "packages/functions/src/events/analytics.handler",
    rules: ["AnalyticsRecorded", "ReservationAnalytics", "ReviewAnalytics"],
    links: ["Redis", "IdempotencyTable"],
  },
  {
    // Reservation lifecycle as Segment-compatible track calls to a webhook. Deployed only where
    // one is configured (ANALYTICS_WEBHOOK_URL); the receiver dedupes on messageId (the event id).
    name: "AnalyticsForwarding",
    handler: "packages/functions/src/events/analytics-forwarding.handler",
    rules: ["ReservationAnalytics"],
    links: ["AnalyticsForwarding"],
    batch: { size: 100, windowSeconds: 5, maxReceives: 5 },
  },
];
