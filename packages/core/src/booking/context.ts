import { randomBytes } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { metrics } from "../observability";
import type { PaymentProvider } from "../payments/port";
import { OfferGoneError, OfferNotFoundError, type QuotedOffer, type SupplierSeatMap } from "../search";
import type { BookingEntities } from "./entities";
import type { ReservationStatus } from "./statuses";
import type { IdempotencyLease, IdempotencyStore } from "./idempotency";
import { BookingRefused, type BookingOutcome } from "./outcomes";
import type { FlightOrderSupplier, OrderSupplier, SupplierOrders } from "./supplier-orders";
import type { BookingSettings } from "./policy";
import { TransactionRejected, transactWrite, type LabelledItem } from "./transact";
import { effectiveStatus, type ReservationItem } from "./views";
import { flightsOf, seatIdsOf, type BookableFlight } from "./inventory";

export interface BookingServiceDeps {
  client: DynamoDBDocumentClient;
  entities: BookingEntities;
  settings: BookingSettings;
  /** The API's parts; the expiry job runs without them. */
  offers?: {
    quotedOffer(id: string): Promise<QuotedOffer>;
    /** The supplier's own seat maps of the offer's flights, when it publishes them. */
    seatMapsOf?(quote: Extract<QuotedOffer, { vertical: "flights" }>): Promise<SupplierSeatMap[] | undefined>;
  };
  payments?: PaymentProvider;
  /** Suppliers whose offers become their orders (Duffel, the car supplier), by vertical and supplier name. */
  orderSuppliers?: SupplierOrders;
  idempotency?: IdempotencyStore;
  now?: () => number;
}

/** One flight of an offer and the seats a hold may take on it. */
export interface FlightSeats {
  flight: BookableFlight;
  layout: string[];
  supplier?: SupplierSeatMap;
  /** The supplier's seats by id (for sale or not, at a price); empty for a layout of ours. */
  atSupplier: Map<string, SupplierSeatMap["seats"][number]>;
}

export type BookableQuote = QuotedOffer;

export const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString("base64url").slice(0, 22)}`;

/** What every booking use case reads and writes through, and the checks they share. */
export class BookingContext {
  constructor(readonly deps: BookingServiceDeps) {}

  get entities(): BookingEntities {
    return this.deps.entities;
  }

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  need<K extends "offers" | "payments" | "idempotency">(part: K): NonNullable<BookingServiceDeps[K]> {
    const value = this.deps[part];
    if (!value) throw new Error(`BookingService was built without ${part}`);
    return value as NonNullable<BookingServiceDeps[K]>;
  }

  /**
   * Run a write under its Idempotency-Key lease: a refusal is recorded as the key's outcome (it
   * replays like a success; a success records itself inside its transaction), while a failure on
   * our side gives the key back so the same request may be retried as it is.
   */
  async underLease<T>(lease: IdempotencyLease, traceId: string, run: () => Promise<T>): Promise<BookingOutcome<T>> {
    const store = this.need("idempotency");
    try {
      return { ok: await run() };
    } catch (error) {
      if (error instanceof BookingRefused) {
        const outcome = { refused: error.refusal };
        await store.complete(lease, { outcome, traceId });
        return outcome;
      }
      // If the release fails too, the lease expires on its own (idempotencyLeaseSeconds).
      await store.release(lease).catch(() => undefined);
      throw error;
    }
  }

  async quote(offerId: string): Promise<BookableQuote> {
    let quote: QuotedOffer;
    try {
      quote = await this.need("offers").quotedOffer(offerId);
    } catch (error) {
      if (error instanceof OfferNotFoundError) throw new BookingRefused("offer-not-found", error.message);
      if (error instanceof OfferGoneError) throw new BookingRefused("offer-expired", error.message);
      throw error;
    }
    return quote;
  }

  /**
   * The seats a flight offer's hold may take on each of its flights: the supplier's seats for sale
   * when it publishes seat maps (with their price), else the cabin's layout here.
   */
  async seatsOf(quote: Extract<BookableQuote, { vertical: "flights" }>): Promise<FlightSeats[]> {
    const maps = await this.need("offers").seatMapsOf?.(quote);
    return flightsOf(quote.offer).map((flight) => {
      // Maps name their flight; one that does not match by number is taken by position.
      const supplier = maps?.find((m) => m.flightNumber === flight.flightNumber) ?? maps?.[flight.segment];
      if (!supplier) return { flight, layout: seatIdsOf(flight.layout), atSupplier: new Map() };
      return { flight, layout: supplier.seats.map((s) => s.seatId), supplier, atSupplier: new Map(supplier.seats.map((s) => [s.seatId, s])) };
    });
  }

  /** A reservation by id, whoever owns it (the system's own steps: the supplier saga). */
  async byId(reservationId: string): Promise<ReservationItem | undefined> {
    const { data } = await this.entities.Reservation.query.byId({ reservationId }).go();
    return data[0] as ReservationItem | undefined;
  }

  async owned(userId: string, reservationId: string): Promise<ReservationItem> {
    const reservation = await this.byId(reservationId);
    // Someone else's reservation is "not found": its existence is not confirmed.
    if (!reservation || reservation.userId !== userId) throw new BookingRefused("reservation-not-found", `no reservation ${reservationId}`);
    return reservation;
  }

  /** The order client of the supplier selling this vertical's offer, if it takes orders. */
  orderSupplierFor(vertical: ReservationItem["vertical"], name: string): OrderSupplier | undefined {
    return this.deps.orderSuppliers?.[vertical]?.[name];
  }

  /** The order client of the supplier a reservation's order belongs to. */
  orderSupplier(reservation: Pick<ReservationItem, "vertical" | "supplierOrder">): OrderSupplier {
    const name = reservation.supplierOrder?.supplier ?? "(none)";
    const supplier = this.orderSupplierFor(reservation.vertical, name);
    if (!supplier) throw new Error(`no order client for ${reservation.vertical} from supplier ${name}`);
    return supplier;
  }

  /** An airline's order client by supplier name: what airline changes (webhooks) are read and accepted through. */
  flightOrderSupplier(name: string): FlightOrderSupplier {
    const supplier = this.deps.orderSuppliers?.flights?.[name];
    if (!supplier) throw new Error(`no flight order client for supplier ${name}`);
    return supplier;
  }

  statusOf(reservation: ReservationItem): ReservationStatus {
    return effectiveStatus(reservation, this.now());
  }

  assertActiveHold(reservation: ReservationItem, action: "confirm" | "cancel"): void {
    const status = this.statusOf(reservation);
    if (status === "HOLD") return;
    if (status === "EXPIRED") throw new BookingRefused("reservation-expired", `the hold expired at ${reservation.holdExpiresAt}; hold again`, { reservationStatus: status });
    throw new BookingRefused("invalid-transition", `reservation ${reservation.reservationId} is ${status} and cannot be ${action === "confirm" ? "confirmed" : "cancelled"}`, { reservationStatus: status });
  }

  /** A status change whose condition failed lost a race with another change: say what it is now. */
  async explainRejection(error: unknown, userId: string, reservationId: string): Promise<never> {
    if (error instanceof TransactionRejected && !error.conflicted && !error.failedLabels.includes("idempotency")) {
      const current = await this.owned(userId, reservationId);
      throw new BookingRefused("invalid-transition", `reservation ${reservationId} changed meanwhile and is now ${this.statusOf(current)}`, { reservationStatus: this.statusOf(current) });
    }
    throw error;
  }

  /** Writes a status change (with its outbox event) in one transaction, and counts it once it committed. */
  async commitChange(status: ReservationStatus, items: LabelledItem[]): Promise<void> {
    await transactWrite(this.deps.client, items);
    metrics.count("ReservationStatusCount", { Status: status });
  }
}
