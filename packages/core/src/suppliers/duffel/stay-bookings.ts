import type { StaysBooking, StaysRate } from "@duffel/api/types";
import type { OrderSupplier, SupplierCancellationQuote, SupplierOrder, SupplierOrderRequest } from "../../booking/supplier-orders";
import { SupplierError } from "../../search/suppliers";
import { DuffelConnection, type DuffelOptions } from "./client";
import { reservationIdKey } from "./orders";

/** Bookings listed per page, and the pages read, while looking for a reservation's booking. */
const bookingsPerPage = 200;
const maxPagesSearched = 10;

/**
 * Duffel Stays bookings (`/stays/quotes`, `/stays/bookings`) through its official client. A stay
 * is booked at confirm, never held: the rate is quoted (which re-prices it and says whether it is
 * still sold), then the quote is booked with the guests' names and the lead guest's email and
 * phone, paid from the Duffel balance. Duffel takes no idempotency key for a booking, so our
 * reservation id rides in the booking's metadata and `findOrder` looks for it among the bookings
 * (Duffel lists bookings without a filter for it).
 *
 * Duffel quotes no stay cancellation: what cancelling gives back is the booked rate's
 * `cancellation_timeline` (the first refund whose `before` is still ahead), so the "quote" is the
 * booking itself and its id is the quote id; confirming it cancels the booking.
 */
export class DuffelStayBookings implements OrderSupplier {
  readonly name = "duffel";
  private readonly duffel: DuffelConnection;

  constructor(
    options: DuffelOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.duffel = new DuffelConnection(this.name, options);
  }

  async createOrder(request: SupplierOrderRequest): Promise<SupplierOrder> {
    const { data: quote } = await this.duffel.call("a stay quote", (d) => d.stays.quotes.create(request.supplierOfferId));
    const expected = request.payment;
    if (expected && (Number(quote.total_amount) !== Number(expected.amount) || quote.total_currency !== expected.currency)) {
      throw new SupplierError(`${this.name} now quotes ${quote.total_amount} ${quote.total_currency} for the stay, not the ${expected.amount} ${expected.currency} charged`, this.name, 422, false, { code: "price_changed" });
    }
    const { data } = await this.duffel.call("a stay booking", (d) =>
      d.stays.bookings.create({
        quote_id: quote.id,
        guests: request.travellers.map((t) => ({ given_name: t.firstName, family_name: t.lastName })),
        email: request.contactEmail,
        phone_number: request.contactPhone!,
        metadata: { [reservationIdKey]: request.reservationId },
      }),
    );
    return this.toSupplierOrder(data);
  }

  async findOrder(reservationId: string): Promise<SupplierOrder | undefined> {
    let after: string | undefined;
    for (let page = 0; page < maxPagesSearched; page++) {
      const { data, meta } = await this.duffel.call("the stay bookings list", (d) => d.stays.bookings.list({ limit: bookingsPerPage, ...(after ? { after } : {}) }));
      const found = data.find((booking) => booking.metadata?.[reservationIdKey] === reservationId);
      if (found) return this.toSupplierOrder(found);
      after = meta?.after ?? undefined;
      if (!after) return undefined;
    }
    return undefined;
  }

  async getOrder(orderId: string): Promise<SupplierOrder> {
    return this.toSupplierOrder(await this.booking(orderId));
  }

  payOrder(): Promise<SupplierOrder> {
    return Promise.reject(new Error(`${this.name} books stays paid at once; there is no held stay to pay`));
  }

  async quoteCancellation(orderId: string): Promise<SupplierCancellationQuote> {
    return this.cancellationOf(await this.booking(orderId));
  }

  /** Cancel the booking (`quoteId` is its id). Cancelling a cancelled booking again shows its cancellation. */
  async confirmCancellation(quoteId: string): Promise<SupplierCancellationQuote> {
    const booking = await this.booking(quoteId);
    if (booking.cancelled_at) return this.cancellationOf(booking);
    const { data } = await this.duffel.call("a stay booking's cancellation", (d) => d.stays.bookings.cancel(quoteId));
    return { ...this.cancellationOf(booking), confirmedAt: data.cancelled_at ?? new Date(this.now()).toISOString() };
  }

  private async booking(id: string): Promise<StaysBooking> {
    return (await this.duffel.call("a stay booking", (d) => d.stays.bookings.get(id))).data;
  }

  /** What cancelling now gives back: the timeline's first refund still ahead, until its deadline. */
  private cancellationOf(booking: StaysBooking): SupplierCancellationQuote {
    const rate = bookedRate(booking);
    const nowMs = this.now();
    const next = rate?.cancellation_timeline.find((t) => Date.parse(t.before) > nowMs);
    return {
      quoteId: booking.id,
      orderId: booking.id,
      refundAmount: next?.refund_amount ?? "0.00",
      refundCurrency: next?.currency ?? rate?.total_currency ?? "",
      // Duffel returns what a stay refunds to the balance the booking was paid from.
      refundTo: "balance",
      // The refund holds until the timeline's next step; with none ahead, nothing changes before check-in.
      expiresAt: next?.before ?? `${booking.check_in_date}T00:00:00Z`,
      confirmedAt: booking.cancelled_at,
    };
  }

  private toSupplierOrder(booking: StaysBooking): SupplierOrder {
    const rate = bookedRate(booking);
    return {
      supplier: this.name,
      orderId: booking.id,
      // The accommodation's own reference is what a guest quotes at the desk; Duffel may not have it yet.
      bookingReference: booking.reference ?? booking.id,
      awaitingPayment: false,
      paymentRequiredBy: null,
      totalAmount: rate?.total_amount ?? "0.00",
      currency: rate?.total_currency ?? "",
      documents: [],
      cancelledAt: booking.cancelled_at,
      reservationId: booking.metadata?.[reservationIdKey],
    };
  }
}

/** The rate a booking was made at (Duffel returns the booked room and rate in its accommodation). */
function bookedRate(booking: StaysBooking): StaysRate | undefined {
  return booking.accommodation.rooms[0]?.rates[0] as StaysRate | undefined;
}
