import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { catalogTable } from "../db/tables";
import { orderStatuses, outboxStatuses, reservationStatuses, seatStatuses, supplierOrderStatuses } from "./statuses";

/**
 * ElectroDB model of the reservation tables' contract. Key attributes are stored under its own names and
 * values (`reservation_id` holds the id itself, not an ElectroDB-composed key), so the tables read
 * exactly as the contract describes them; the access patterns are named after the question they answer.
 */

const raw = { casing: "none" } as const;

const traveler = {
  type: "map",
  properties: {
    firstName: { type: "string", required: true },
    lastName: { type: "string", required: true },
    dateOfBirth: { type: "string" },
    email: { type: "string" },
    title: { type: ["mr", "ms", "mrs", "miss", "dr"] as const },
    gender: { type: ["m", "f"] as const },
  },
} as const;

/**
 * The supplier's order behind a reservation (a Duffel order today): PENDING while the supplier is
 * asked (the saga in ./supplier-saga.ts), HELD or PAID once it answers, FAILED when it refused,
 * CANCELLED once cancelled there.
 */
const supplierOrder = {
  type: "map",
  properties: {
    supplier: { type: "string", required: true },
    status: { type: supplierOrderStatuses, required: true },
    /** "hold" (ordered at hold, paid at confirm) or "instant" (ordered and paid at confirm). */
    type: { type: ["hold", "instant"] as const, required: true },
    supplierOfferId: { type: "string", required: true },
    orderId: { type: "string" },
    bookingReference: { type: "string" },
    paymentRequiredBy: { type: "string" },
    documents: { type: "list", items: { type: "map", properties: { type: { type: "string", required: true }, uniqueIdentifier: { type: "string", required: true } } } },
    failure: { type: "string" },
    /**
     * The flights (by `segment`, their position in the itinerary) whose seats the traveller chose:
     * those travel with the order as the supplier's seat services. Seats assigned here do not.
     */
    seatSegments: { type: "list", field: "seat_segments", items: { type: "number" } },
  },
} as const;

/**
 * Seats on every flight after the first (connections, the return), in itinerary order, one per
 * traveller in the travellers' order; the first flight's are the contract's `event_id`/`seat_ids`.
 */
const onwardSeats = {
  type: "list",
  field: "onward_seats",
  items: { type: "map", properties: { eventId: { type: "string", required: true }, seatIds: { type: "list", items: { type: "string" }, required: true } } },
} as const;

/** The part of `totalAmount` paid for seats the traveller chose (priced by the supplier's seat map). */
const seatsAmount = { type: "number", field: "seats_amount" } as const;

const changedFlight = {
  type: "map",
  properties: {
    flightNumber: { type: "string", required: true },
    origin: { type: "string", required: true },
    destination: { type: "string", required: true },
    departingAt: { type: "string", required: true },
    arrivingAt: { type: "string", required: true },
  },
} as const;
/** A journey's slices, each as its flights (a list of lists is not an attribute type: each slice is a map). */
const journey = { type: "list", items: { type: "map", properties: { flights: { type: "list", items: changedFlight, required: true } } } } as const;

/**
 * The airline's latest change to a booked journey (./airline-changes.ts): pending until the
 * traveller accepts it (or cancels the booking), with the flights before and after.
 */
const airlineChange = {
  type: "map",
  properties: {
    changeId: { type: "string", required: true },
    supplier: { type: "string", required: true },
    detectedAt: { type: "string", required: true },
    status: { type: ["pending", "accepted"] as const, required: true },
    availableActions: { type: "list", items: { type: "string" }, required: true },
    removed: { ...journey, required: true },
    added: { ...journey, required: true },
    acceptedAt: { type: "string" },
  },
} as const;

export interface BookingTables {
  reservations: string;
  orders: string;
  idempotency: string;
  outbox: string;
  /** The catalog table, which holds seat maps and room inventory. */
  catalog: string;
}

/** Stands in for a table the calling function is not linked to (an access there fails loudly). */
const notLinked = "(table not linked to this function)";

/** Functions pass the tables they are linked to; the API passes all of them. */
export function createBookingEntities(client: DynamoDBDocumentClient, linked: Partial<BookingTables>) {
  const tables: BookingTables = {
    reservations: linked.reservations ?? notLinked,
    orders: linked.orders ?? notLinked,
    idempotency: linked.idempotency ?? notLinked,
    outbox: linked.outbox ?? notLinked,
    catalog: linked.catalog ?? notLinked,
  };
  const Reservation = new Entity(
    {
      model: { entity: "reservation", version: "1", service: "booking" },
      attributes: {
        reservationId: { type: "string", field: "reservation_id", required: true, readOnly: true },
        eventId: { type: "string", field: "event_id", required: true, readOnly: true },
        userId: { type: "string", field: "user_id", required: true, readOnly: true },
        qty: { type: "number", required: true },
        seatIds: { type: "list", field: "seat_ids", items: { type: "string" }, required: true },
        onwardSeats,
        status: { type: reservationStatuses, required: true },
        holdExpiresAt: { type: "string", field: "hold_expires_at", required: true },
        idempotencyKey: { type: "string", field: "idempotency_key" },
        createdAt: { type: "string", field: "created_at", required: true, readOnly: true },
        updatedAt: { type: "string", field: "updated_at", required: true },
        // Beyond the contract: what was booked and for how much.
        offerId: { type: "string", field: "offer_id", required: true },
        vertical: { type: ["flights", "hotels", "cars"] as const, required: true },
        totalAmount: { type: "number", field: "total_amount", required: true },
        seatsAmount,
        currency: { type: "string", required: true },
        travelers: { type: "list", items: traveler, required: true },
        contactEmail: { type: "string", field: "contact_email", required: true },
        contactPhone: { type: "string", field: "contact_phone" },
        supplierOrder: { ...supplierOrder, field: "supplier_order" },
        airlineChange: { ...airlineChange, field: "airline_change" },
        /** The current cancellation quote (./cancellation-quote.ts); `cancel` confirms it by id. */
        cancellationQuote: {
          type: "map",
          field: "cancellation_quote",
          properties: {
            quoteId: { type: "string", required: true },
            refundAmount: { type: "number", required: true },
            expiresAt: { type: "string", required: true },
            supplierQuoteId: { type: "string" },
          },
        },
        /** Search cache tags this booking's availability belongs to (for the inventory-changed subscriber). */
        inventoryTags: { type: "list", field: "inventory_tags", items: { type: "string" }, required: true },
        itinerary: { type: "any", required: true },
        /** Departure or check-in, for the cancellation policy. */
        startsAt: { type: "string", field: "starts_at", required: true },
        orderId: { type: "string", field: "order_id" },
        paymentIntentId: { type: "string", field: "payment_intent_id" },
        refundedAmount: { type: "number", field: "refunded_amount" },
      },
      indexes: {
        byId: {
          pk: { field: "reservation_id", composite: ["reservationId"], template: "${reservationId}", ...raw },
          sk: { field: "event_id", composite: ["eventId"], template: "${eventId}", ...raw },
        },
        byUserAndStatus: {
          index: "user-status-index",
          pk: { field: "user_id", composite: ["userId"], template: "${userId}", ...raw },
          sk: { field: "status", composite: ["status"], template: "${status}", ...raw },
        },
        byStatusAndCreation: {
          index: "status-created-index",
          pk: { field: "status", composite: ["status"], template: "${status}", ...raw },
          sk: { field: "created_at", composite: ["createdAt"], template: "${createdAt}", ...raw },
        },
      },
    },
    { client, table: tables.reservations },
  );

  const Order = new Entity(
    {
      model: { entity: "order", version: "1", service: "booking" },
      attributes: {
        orderId: { type: "string", field: "order_id", required: true, readOnly: true },
        reservationId: { type: "string", field: "reservation_id", required: true, readOnly: true },
        eventId: { type: "string", field: "event_id", required: true, readOnly: true },
        userId: { type: "string", field: "user_id", required: true, readOnly: true },
        seatIds: { type: "list", field: "seat_ids", items: { type: "string" }, required: true },
        onwardSeats,
        totalAmount: { type: "number", field: "total_amount", required: true },
        seatsAmount,
        currency: { type: "string", required: true },
        status: { type: orderStatuses, required: true },
        paymentIntentId: { type: "string", field: "payment_intent_id", required: true },
        refundedAmount: { type: "number", field: "refunded_amount" },
        itinerary: { type: "any", required: true },
        supplierOrder: { ...supplierOrder, field: "supplier_order" },
        createdAt: { type: "string", field: "created_at", required: true, readOnly: true },
        updatedAt: { type: "string", field: "updated_at", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "order_id", composite: ["orderId"], template: "${orderId}", ...raw },
          sk: { field: "reservation_id", composite: ["reservationId"], template: "${reservationId}", ...raw },
        },
        byUserAndCreation: {
          index: "user-created-index",
          pk: { field: "user_id", composite: ["userId"], template: "${userId}", ...raw },
          sk: { field: "created_at", composite: ["createdAt"], template: "${createdAt}", ...raw },
        },
        byEventAndCreation: {
          index: "event-created-index",
          pk: { field: "event_id", composite: ["eventId"], template: "${eventId}", ...raw },
          sk: { field: "created_at", composite: ["createdAt"], template: "${createdAt}", ...raw },
        },
      },
    },
    { client, table: tables.orders },
  );

  const IdempotencyRecord = new Entity(
    {
      model: { entity: "idempotencyRecord", version: "1", service: "booking" },
      attributes: {
        idempotencyKey: { type: "string", field: "idempotency_key", required: true, readOnly: true },
        requestHash: { type: "string", field: "request_hash", required: true },
        status: { type: ["IN_PROGRESS", "COMPLETED"] as const, required: true },
        /** `{"outcome":…,"traceId":…}` of the first request (a RecordedOutcome). */
        responseSnapshot: { type: "string", field: "response_snapshot" },
        /** Until when an IN_PROGRESS record blocks retries (ms since epoch). */
        leaseUntil: { type: "number", field: "lease_until", required: true },
        /** Which attempt holds the lease: only it may complete or release the record. */
        leaseToken: { type: "string", field: "lease_token", required: true },
        /** DynamoDB TTL (seconds since epoch). */
        ttl: { type: "number", required: true },
      },
      indexes: {
        byKey: { pk: { field: "idempotency_key", composite: ["idempotencyKey"], template: "${idempotencyKey}", ...raw } },
      },
    },
    { client, table: tables.idempotency },
  );

  const OutboxRow = new Entity(
    {
      model: { entity: "outboxRow", version: "1", service: "booking" },
      attributes: {
        outboxId: { type: "string", field: "outbox_id", required: true, readOnly: true },
        aggregate: { type: "string", field: "aggregate_type#aggregate_id", required: true, readOnly: true },
        type: { type: "string", required: true },
        aggregateType: { type: "string", field: "aggregate_type", required: true },
        aggregateId: { type: "string", field: "aggregate_id", required: true },
        payload: { type: "string", required: true },
        status: { type: outboxStatuses, required: true },
        attempts: { type: "number", required: true },
        nextRetryAt: { type: "string", field: "next_retry_at", required: true },
        lastError: { type: "string", field: "last_error" },
        traceId: { type: "string", field: "trace_id", required: true },
        createdAt: { type: "string", field: "created_at", required: true, readOnly: true },
        updatedAt: { type: "string", field: "updated_at", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "outbox_id", composite: ["outboxId"], template: "${outboxId}", ...raw },
          sk: { field: "aggregate_type#aggregate_id", composite: ["aggregate"], template: "${aggregate}", ...raw },
        },
        byStatusAndCreation: {
          index: "status-created_at-index",
          pk: { field: "status", composite: ["status"], template: "${status}", ...raw },
          sk: { field: "created_at", composite: ["createdAt"], template: "${createdAt}", ...raw },
        },
      },
    },
    { client, table: tables.outbox },
  );

  const keys = catalogTable.primaryIndex;

  /** One seat of a departure's seat map (`event_id` = the departure). */
  const Seat = new Entity(
    {
      model: { entity: "seat", version: "1", service: "booking" },
      attributes: {
        eventId: { type: "string", required: true, readOnly: true },
        seatId: { type: "string", required: true, readOnly: true },
        cabin: { type: "string", required: true },
        fareClass: { type: "string", required: true },
        row: { type: "number", required: true },
        status: { type: seatStatuses, required: true },
        reservationId: { type: "string" },
        holdExpiresAt: { type: "string" },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byDeparture: {
          pk: { field: keys.hashKey, composite: ["eventId"], template: "seats#${eventId}", ...raw },
          sk: { field: keys.rangeKey, composite: ["seatId"], template: "seat#${seatId}", ...raw },
        },
      },
    },
    { client, table: tables.catalog },
  );

  /** Rooms of one category in one hotel for one night: counts, changed only by conditional updates. */
  const RoomNight = new Entity(
    {
      model: { entity: "roomNight", version: "1", service: "booking" },
      attributes: {
        hotelId: { type: "string", required: true, readOnly: true },
        night: { type: "string", required: true, readOnly: true },
        category: { type: "string", required: true, readOnly: true },
        available: { type: "number", required: true },
        held: { type: "number", required: true },
        sold: { type: "number", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byHotel: {
          pk: { field: keys.hashKey, composite: ["hotelId"], template: "rooms#${hotelId}", ...raw },
          sk: { field: keys.rangeKey, composite: ["night", "category"], template: "night#${night}#${category}", ...raw },
        },
      },
    },
    { client, table: tables.catalog },
  );

  return { Reservation, Order, IdempotencyRecord, OutboxRow, Seat, RoomNight };
}

export type BookingEntities = ReturnType<typeof createBookingEntities>;
