import { zonedTimeToUtc } from "../../booking/inventory";
import type { OrderSupplier, SupplierCancellationQuote, SupplierOrder, SupplierOrderRequest } from "../../booking/supplier-orders";
import { timeZoneOf } from "../../catalog/locations";
import { ClientCredentialsHttp } from "../http";
import type { CarSupplierOptions } from "./adapter";
import { carPaths, type CarReservation, type CarReservationRequest } from "./wire";

/**
 * The car supplier's reservations (our format, ./wire.ts) as the order port: a rental is held at
 * the supplier with the hold (the saga), confirmed with its price at confirm, and cancelled with
 * the refund its terms give. Our reservation id is the `Idempotency-Key` of the hold, so asking
 * again after a lost answer returns the reservation already made: creating is itself the look-up,
 * and `findOrder` has nothing to look for.
 *
 * The supplier quotes no cancellation: what cancelling gives back follows from the reservation's
 * terms (all of it until `freeUntil`, less the late fee after, nothing for an unpaid hold), so the
 * quote is the reservation itself and its id is the quote id; confirming it cancels the rental.
 */
export class CarReservations implements OrderSupplier {
  readonly name = "cars";
  private readonly http: ClientCredentialsHttp;

  constructor(
    options: CarSupplierOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.http = new ClientCredentialsHttp({ ...options, name: this.name, tokenPath: carPaths.token });
  }

  async createOrder(request: SupplierOrderRequest): Promise<SupplierOrder> {
    const driver = request.travellers[0]!;
    const body: CarReservationRequest = {
      rateId: request.supplierOfferId,
      driver: { firstName: driver.firstName, lastName: driver.lastName, dateOfBirth: driver.dateOfBirth! },
      contact: { email: request.contactEmail, phone: request.contactPhone! },
    };
    const reservation = await this.send("POST", carPaths.reservations, body, { "idempotency-key": request.reservationId });
    return toSupplierOrder(reservation);
  }

  /** The hold's Idempotency-Key finds an earlier attempt's reservation: there is nothing else to look up. */
  findOrder(): Promise<SupplierOrder | undefined> {
    return Promise.resolve(undefined);
  }

  async getOrder(orderId: string): Promise<SupplierOrder> {
    return toSupplierOrder(await this.reservation(orderId));
  }

  async payOrder(orderId: string, expected: { amount: string; currency: string }): Promise<SupplierOrder> {
    return toSupplierOrder(await this.send("POST", `${carPaths.reservations}/${encodeURIComponent(orderId)}/confirm`, { payment: expected }));
  }

  async quoteCancellation(orderId: string): Promise<SupplierCancellationQuote> {
    return this.cancellationOf(await this.reservation(orderId));
  }

  /** Cancel the rental (`quoteId` is its id); cancelling again answers the same cancellation. */
  async confirmCancellation(quoteId: string): Promise<SupplierCancellationQuote> {
    return this.cancellationOf(await this.send("POST", `${carPaths.reservations}/${encodeURIComponent(quoteId)}/cancel`));
  }

  private reservation(id: string): Promise<CarReservation> {
    return this.send("GET", `${carPaths.reservations}/${encodeURIComponent(id)}`);
  }

  private async send(method: "GET" | "POST", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<CarReservation> {
    const init = body === undefined ? { method, headers } : { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
    return (await this.http.request<{ data: CarReservation }>(path, init)).data;
  }

  /** What cancelling gives back now (or gave, once cancelled), and until when that stands. */
  private cancellationOf(reservation: CarReservation): SupplierCancellationQuote {
    const nowMs = this.now();
    const total = Number(reservation.price.total);
    const free = nowMs < Date.parse(reservation.cancellation.freeUntil);
    const refund = reservation.refund
      ? Number(reservation.refund.amount)
      : reservation.status !== "CONFIRMED"
        ? 0
        : free
          ? total
          : Math.max(0, total - Number(reservation.cancellation.lateFee));
    const pickupAt = zonedTimeToUtc(reservation.pickup.dateTime, timeZoneOf(reservation.pickup.location));
    return {
      quoteId: reservation.id,
      orderId: reservation.id,
      refundAmount: refund.toFixed(2),
      refundCurrency: reservation.price.currency,
      // Paid from our account with the supplier, refunded to it.
      refundTo: reservation.status === "HELD" ? "awaiting_payment" : "balance",
      expiresAt: free ? reservation.cancellation.freeUntil : pickupAt,
      confirmedAt: reservation.cancelledAt,
    };
  }
}

function toSupplierOrder(reservation: CarReservation): SupplierOrder {
  const held = reservation.status === "HELD";
  return {
    supplier: "cars",
    orderId: reservation.id,
    bookingReference: reservation.confirmationNumber,
    // Anything not confirmed still wants paying; paying what lapsed or was cancelled is refused there.
    awaitingPayment: reservation.status !== "CONFIRMED",
    paymentRequiredBy: held ? reservation.holdExpiresAt : null,
    totalAmount: reservation.price.total,
    currency: reservation.price.currency,
    documents: [],
    cancelledAt: reservation.cancelledAt,
    reservationId: reservation.clientReference,
  };
}
