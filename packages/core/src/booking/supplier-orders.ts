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

/**
 * The suppliers whose offers become their orders, by vertical then by the supplier name offers
 * carry: one supplier (Duffel) may sell several verticals through different APIs.
 */
export type SupplierOrders = Partial<Record<BookableVertical, Record<string, OrderSupplier>>>;

export interface SupplierOrderRequest {
  reservationId: string;
  supplierOfferId: string;
  type: "hold" | "instant";
  travellers: Traveler[];
  contactEmail: string;
  contactPhone?: string;
  /** Instant orders: what the supplier takes from our balance. */
  payment?: { amount: string; currency: string };
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
