import { acceptAirlineChange } from "./airline-changes";
import { availabilityOf } from "./availability";
import { cancelReservation } from "./cancel";
import { quoteCancellation, type CancellationQuoteView } from "./cancellation-quote";
import { confirmReservation } from "./confirm";
import { BookingContext, type BookingServiceDeps } from "./context";
import type { ReservationStatus } from "./statuses";
import { expireDueHolds } from "./expire";
import { holdReservation, type HoldRequest } from "./hold";
import type { IdempotencyLease } from "./idempotency";
import { outcomeOf, type BookingOutcome } from "./outcomes";
import { orderOf, ordersOf, reservationOf, reservationsOf } from "./reads";
import type { InventoryView, OrderView, Page, ReservationView } from "./views";
import type { SupplierWebhookEvent } from "./supplier-orders";
import { placeSupplierHold, releaseSupplierHold, type SagaOutcome } from "./supplier-saga";
import { applySupplierEvent, type SupplierWebhookOutcome } from "./supplier-webhooks";

/**
 * Reservations: HOLD → CONFIRMED | CANCELLED | EXPIRED, one use case per module. Every state change
 * is one DynamoDB transaction holding the inventory change (with conditions), the reservation, the
 * outbox row of its event and, for API calls, the idempotency record's outcome: no double booking,
 * no event without its change, no change without its event, no retry that books twice.
 * Operations answer `{ ok }` or `{ refused: { code, message, details } }`; failures are thrown.
 */
export class BookingService {
  private readonly context: BookingContext;

  constructor(deps: BookingServiceDeps) {
    this.context = new BookingContext(deps);
  }

  inventory(offerId: string): Promise<BookingOutcome<InventoryView>> {
    return outcomeOf(() => availabilityOf(this.context, offerId));
  }

  hold(request: HoldRequest, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
    return holdReservation(this.context, request, lease);
  }

  get(userId: string, reservationId: string): Promise<BookingOutcome<ReservationView>> {
    return outcomeOf(() => reservationOf(this.context, userId, reservationId));
  }

  listForUser(userId: string, options: { status?: ReservationStatus; limit: number; cursor?: string }): Promise<Page<ReservationView>> {
    return reservationsOf(this.context, userId, options);
  }

  confirm(userId: string, reservationId: string, input: { paymentMethod: string; traceId: string }, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
    return confirmReservation(this.context, { userId, reservationId, ...input }, lease);
  }

  /** What cancelling would give back, and until when (confirmed by `cancel` with its id). */
  quoteCancellation(userId: string, reservationId: string, traceId?: string): Promise<BookingOutcome<CancellationQuoteView>> {
    return outcomeOf(() => quoteCancellation(this.context, userId, reservationId, traceId));
  }

  cancel(userId: string, reservationId: string, input: { traceId: string; quoteId?: string }, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
    return cancelReservation(this.context, { userId, reservationId, ...input }, lease);
  }

  /** The traveller takes the airline's change to the booked flights (see ./airline-changes.ts). */
  acceptAirlineChange(userId: string, reservationId: string, input: { traceId: string }, lease: IdempotencyLease): Promise<BookingOutcome<ReservationView>> {
    return acceptAirlineChange(this.context, { userId, reservationId, ...input }, lease);
  }

  /** What a supplier reported by webhook: an airline's change, an order's or a payment's outcome. */
  applySupplierEvent(event: SupplierWebhookEvent, traceId: string): Promise<SupplierWebhookOutcome> {
    return applySupplierEvent(this.context, event, traceId);
  }

  expireDue(options: { limit?: number; traceId?: string } = {}): Promise<{ expired: number }> {
    return expireDueHolds(this.context, options);
  }

  getOrder(userId: string, orderId: string): Promise<BookingOutcome<OrderView>> {
    return outcomeOf(() => orderOf(this.context, userId, orderId));
  }

  listOrders(userId: string, options: { limit: number; cursor?: string }): Promise<Page<OrderView>> {
    return ordersOf(this.context, userId, options);
  }

  /** The saga's step after a hold: hold the order at the supplier, or release ours if it refuses. */
  placeSupplierHold(reservationId: string, traceId: string): Promise<SagaOutcome> {
    return placeSupplierHold(this.context, reservationId, traceId);
  }

  /** After a hold ended here (cancelled, expired): give the supplier's hold back. */
  releaseSupplierHold(reservationId: string): Promise<"released" | "nothing-held"> {
    return releaseSupplierHold(this.context, reservationId);
  }
}
