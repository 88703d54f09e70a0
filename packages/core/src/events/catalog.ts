import { z } from "zod";

/**
 * Every event on the bus, declared once: its EventBridge source, detail-type and detail schema.
 * Publishers validate against these; subscriptions match on source and detail-type.
 */
const routeCode = z.string().regex(/^[A-Z]{3}-[A-Z]{3}$/, { message: "routes look like LHR-JFK" });
const cityCode = z.string().regex(/^[A-Z]{3}$/, { message: "city codes are 3-letter IATA codes" });

const supplierChange = z
  .object({
    supplier: z.string().min(1).max(50),
    routes: z.array(routeCode).max(500).default([]),
    cityCodes: z.array(cityCode).max(500).default([]),
    reason: z.string().max(200).optional(),
  })
  .refine((d) => d.routes.length + d.cityCodes.length > 0, { message: "name at least one route or city", path: ["routes"] });

/** Which bus an event travels on: the platform's, or the reservation service's isolated `<stage>-reservation-events` (its contract names it). */
export type BusName = "platform" | "reservations";

/** Bumped when a reservation event's detail changes incompatibly; consumers check it. */
export const reservationEventSchemaVersion = 1;

const reservationStatus = z.enum(["HOLD", "CONFIRMED", "CANCELLED", "EXPIRED"]);

/**
 * A reservation's state change, as written to the outbox in the same transaction as the change.
 * No traveller names or contact details: the archive keeps events for a year; subscribers that
 * need them (the notification email) read the reservation.
 */
const reservationChange = z.object({
  schemaVersion: z.literal(reservationEventSchemaVersion),
  /** The outbox id: the same on every (re)delivery of this event, so consumers dedupe on it. */
  eventId: z.string().min(1),
  traceId: z.string().min(1),
  occurredAt: z.string(),
  status: reservationStatus,
  previousStatus: reservationStatus.optional(),
  reservation: z.object({
    reservationId: z.string(),
    /** The reservation contract's event_id: the departure or stay held. */
    eventId: z.string(),
    userId: z.string(),
    vertical: z.enum(["flights", "hotels", "cars"]),
    offerId: z.string(),
    qty: z.number().int().positive(),
    seatIds: z.array(z.string()),
    totalAmount: z.string(),
    currency: z.string(),
    holdExpiresAt: z.string(),
    orderId: z.string().optional(),
    refundedAmount: z.string().optional(),
  }),
  /** Search cache tags whose availability this change affects (`route:LHR-JFK`, `city:PAR`). */
  inventoryTags: z.array(z.string()),
});

/**
 * The supplier's side of a reservation (its order at Duffel): placed (held or paid there) or
 * refused. Like reservation changes, no traveller details.
 */
const supplierOrderChange = z.object({
  schemaVersion: z.literal(1),
  eventId: z.string().min(1),
  traceId: z.string().min(1),
  occurredAt: z.string(),
  reservationId: z.string(),
  userId: z.string(),
  supplier: z.string(),
  type: z.enum(["hold", "instant"]),
  orderId: z.string().optional(),
  bookingReference: z.string().optional(),
  paymentRequiredBy: z.string().optional(),
  failure: z.string().optional(),
});

/**
 * The airline changed a booked journey (a schedule change the supplier reported): recorded on the
 * reservation, which the traveller may accept or cancel. The flights are not personal data.
 */
const airlineChangeDetected = supplierOrderChange
  .pick({ schemaVersion: true, eventId: true, traceId: true, occurredAt: true, reservationId: true, userId: true, supplier: true })
  .extend({ changeId: z.string(), availableActions: z.array(z.string()) });

/**
 * A cancellation was quoted (./booking/cancellation-quote.ts): what the traveller would get back
 * and until when; `cancel` with the quote id confirms it. Amounts, no personal data.
 */
const cancellationQuoted = supplierOrderChange
  .pick({ schemaVersion: true, eventId: true, traceId: true, occurredAt: true, reservationId: true, userId: true })
  .extend({ quoteId: z.string(), refundAmount: z.string(), currency: z.string(), expiresAt: z.string(), supplier: z.string().optional() });

/**
 * A batch of analytics facts from one API instance (core/analytics): counter increments, ranking
 * increments and hashed visitor ids, each at a minute. Archived with the platform bus, so the
 * aggregates can be rebuilt from it.
 */
const minuteAt = z.number().int().nonnegative().refine((at) => at % 60 === 0, { message: "facts are minute-aligned (epoch seconds)" });
const analyticsBatch = z.object({
  schemaVersion: z.literal(1),
  /** The batch's id: subscribers dedupe on it. */
  eventId: z.string().min(1).max(64),
  counters: z.array(z.object({ at: minuteAt, name: z.string().min(1).max(100), value: z.number().int() })).max(5_000),
  rankings: z.array(z.object({ at: minuteAt, name: z.enum(["routes", "destinations"]), member: z.string().min(1).max(50), value: z.number().int() })).max(5_000),
  uniques: z.array(z.object({ at: minuteAt, name: z.enum(["visitors", "holders", "buyers"]), members: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(5_000) })).max(500),
});

/**
 * A review's life (core/reviews): submitted (each version an author writes, published at once or
 * queued), approved (now shown and counted in its subject's figures), removed (no longer shown or
 * counted: rejected, taken down, or sent back to the queue by an edit). The subject and scores,
 * never the author: the archive keeps events for a year. Written to the outbox with the change.
 */
const reviewChange = z.object({
  schemaVersion: z.literal(1),
  eventId: z.string().min(1),
  traceId: z.string().min(1),
  occurredAt: z.string(),
  reviewId: z.string(),
  subject: z.object({ kind: z.enum(["hotel", "airline"]), id: z.string() }),
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "REMOVED"]),
  overall: z.number().int().min(1).max(10),
  language: z.string(),
  tripType: z.string(),
  flags: z.array(z.string()),
  /** Whether an author's change made this version (not the first). */
  edited: z.boolean(),
});

export const eventCatalog = {
  PriceUpdated: { bus: "platform", source: "supplier.service", detailType: "Price Updated", detail: supplierChange },
  InventoryChanged: { bus: "platform", source: "supplier.service", detailType: "Inventory Changed", detail: supplierChange },
  AnalyticsRecorded: { bus: "platform", source: "analytics.service", detailType: "Analytics Recorded", detail: analyticsBatch },
  ReviewSubmitted: { bus: "platform", source: "review.service", detailType: "Review Submitted", detail: reviewChange },
  ReviewApproved: { bus: "platform", source: "review.service", detailType: "Review Approved", detail: reviewChange },
  ReviewRemoved: { bus: "platform", source: "review.service", detailType: "Review Removed", detail: reviewChange },
  ReservationCreated: { bus: "reservations", source: "reservation.service", detailType: "Reservation Created", detail: reservationChange },
  ReservationStatusChanged: { bus: "reservations", source: "reservation.service", detailType: "Reservation Status Changed", detail: reservationChange },
  SupplierOrderPlaced: { bus: "reservations", source: "reservation.service", detailType: "Supplier Order Placed", detail: supplierOrderChange },
  SupplierOrderFailed: { bus: "reservations", source: "reservation.service", detailType: "Supplier Order Failed", detail: supplierOrderChange },
  AirlineChangeDetected: { bus: "reservations", source: "reservation.service", detailType: "Airline Change Detected", detail: airlineChangeDetected },
  CancellationQuoted: { bus: "reservations", source: "reservation.service", detailType: "Cancellation Quoted", detail: cancellationQuoted },
} as const satisfies Record<string, { bus: BusName; source: string; detailType: string; detail: z.ZodType }>;

export type ReservationEventDetail = z.output<typeof reservationChange>;
export type SupplierOrderEventDetail = z.output<typeof supplierOrderChange>;
export type AirlineChangeEventDetail = z.output<typeof airlineChangeDetected>;
export type CancellationQuotedEventDetail = z.output<typeof cancellationQuoted>;
export type AnalyticsBatchDetail = z.output<typeof analyticsBatch>;
export type ReviewEventDetail = z.output<typeof reviewChange>;

export type EventName = keyof typeof eventCatalog;
export type EventDetail<N extends EventName> = z.output<(typeof eventCatalog)[N]["detail"]>;

/** An event as EventBridge delivers it to a subscriber. */
export interface BusEvent<D = unknown> {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

/** Subscription filter, in the shape `sst.aws.Bus#subscribe` takes. */
export interface EventPattern {
  source?: string[];
  detailType?: string[];
  detail?: Record<string, string[]>;
}

/** The subset of EventBridge pattern matching the declared subscriptions use: exact values. */
export function matchesPattern(event: BusEvent, pattern: EventPattern): boolean {
  if (pattern.source && !pattern.source.includes(event.source)) return false;
  if (pattern.detailType && !pattern.detailType.includes(event["detail-type"])) return false;
  for (const [field, allowed] of Object.entries(pattern.detail ?? {})) {
    const value = (event.detail as Record<string, unknown> | null)?.[field];
    if (typeof value !== "string" || !allowed.includes(value)) return false;
  }
  return true;
}
