import type { BookingRequirements } from "../search/flights";
import type { Traveler } from "./views";

/** The verticals a reservation can book (every searched one). */
export type BookableVertical = "flights" | "hotels" | "cars";

/**
 * The port booking calls to make a reservation the supplier's order: Duffel's flight orders
 * (`/air/orders`), Duffel's stay bookings (`/stays/bookings`), the car supplier's reservations.
 * Booking owns it, as search owns the search port; adapters live in core/suppliers. A supplier
 * without cancellation quotes of its own (stays, cars) quotes from the booking's terms, and its
 * quote id is the order id.
 */
export interface OrderSupplier {
  readonly name: string;
  /**
   * An order for the supplier's offer: `hold` (pay later, by `paymentRequiredBy`) or `instant`
   * (paid now, `payment` being the amount the supplier must take). `reservationId` travels in the
   * order's metadata, so `findOrder` finds it again after a call whose answer was lost.
   */
  createOrder(request: SupplierOrderRequest): Promise<SupplierOrder>;
  /** The order made for this reservation, if any (the supplier has no idempotency key for orders). */
  findOrder(reservationId: string, hints: { familyName: string; createdAfter: string }): Promise<SupplierOrder | undefined>;
  getOrder(orderId: string): Promise<SupplierOrder>;
  /** Pay (confirm) a held order at its current total, which must still be `expected`; asked only of suppliers that hold. */
  payOrder(orderId: string, expected: { amount: string; currency: string }): Promise<SupplierOrder>;
  /** What cancelling would give back, and until when that quote stands. */
  quoteCancellation(orderId: string): Promise<SupplierCancellationQuote>;
  confirmCancellation(quoteId: string): Promise<SupplierCancellationQuote>;
}

/** An airline's orders (Duffel's `/air/orders`): orders, and the changes airlines make to them. */
export interface FlightOrderSupplier extends OrderSupplier {
  /** The changes the airline made to an order (schedule changes), newest last. */
  airlineChanges(orderId: string): Promise<SupplierAirlineChange[]>;
  /** Accept an airline's change on the traveller's behalf. */
  acceptAirlineChange(changeId: string): Promise<SupplierAirlineChange>;
}

/** One flight of a journey, as an airline change describes it before and after. */
export interface ChangedFlight {
  flightNumber: string;
  origin: string;
  destination: string;
  departingAt: string;
  arrivingAt: string;
}

/** A change the airline made to a booked journey (Duffel's airline-initiated change). */
export interface SupplierAirlineChange {
  changeId: string;
  orderId: string;
  detectedAt: string;
  /** What may be done about it through the supplier: accept, cancel, change, update. */
  availableActions: string[];
  /** null until someone acted on it: accepted, cancelled, changed. */
  actionTaken: string | null;
  /** The journey's slices before and after, each as its flights. */
  removed: ChangedFlight[][];
  added: ChangedFlight[][];
}

/**
 * What a supplier's webhook reports, in booking's terms (core/suppliers parses each supplier's
 * envelope into these). `reservationId` comes from the order's metadata where the event carries it.
 */
export type SupplierWebhookEvent =
  | { kind: "airline-change-detected"; supplier: string; orderId: string; changeId?: string }
  | { kind: "order-created"; supplier: string; orderId: string; reservationId: string | undefined }
  | { kind: "order-creation-failed"; supplier: string; reservationId: string | undefined; failure: string }
  | { kind: "payment-created"; supplier: string; orderId: string };

/**
 * The suppliers whose offers become their orders, by vertical then by the supplier name offers
 * carry: one supplier (Duffel) may sell several verticals through different APIs.
 */
export type SupplierOrders = { flights?: Record<string, FlightOrderSupplier> } & Partial<Record<Exclude<BookableVertical, "flights">, Record<string, OrderSupplier>>>;

export interface SupplierOrderRequest {
  reservationId: string;
  supplierOfferId: string;
  type: "hold" | "instant";
  travellers: Traveler[];
  contactEmail: string;
  contactPhone?: string;
  /** Instant orders: what the supplier takes from our balance (the fare and the chosen seats). */
  payment?: { amount: string; currency: string };
  /**
   * Instant orders: the seats the travellers chose, per flight (`segment`: its position in the
   * offer), one per traveller in the travellers' order; booked as the supplier's seat services.
   */
  seats?: Array<{ segment: number; seatIds: string[] }>;
}

export interface SupplierOrder {
  supplier: string;
  orderId: string;
  bookingReference: string;
  awaitingPayment: boolean;
  paymentRequiredBy: string | null;
  totalAmount: string;
  currency: string;
  /** E-tickets and the like, once paid. */
  documents: Array<{ type: string; uniqueIdentifier: string }>;
  cancelledAt: string | null;
  reservationId: string | undefined;
}

export interface SupplierCancellationQuote {
  quoteId: string;
  orderId: string;
  refundAmount: string;
  refundCurrency: string;
  /** Where the supplier sends the refund: our balance, a card, airline credits, or nothing owed (an unpaid hold). */
  refundTo: string;
  expiresAt: string;
  confirmedAt: string | null;
}

/** The fields a hold lacks for an offer's booking requirements, by traveller position (`travelers[0].title`). */
export function missingTravellerFields(requirements: BookingRequirements, travellers: Traveler[], contactPhone: string | undefined): string[] {
  const missing = travellers.flatMap((traveller, i) => requirements.travellerFields.filter((field) => !traveller[field]).map((field) => `travelers[${i}].${field}`));
  return requirements.contactPhone && !contactPhone ? [...missing, "contactPhone"] : missing;
}
