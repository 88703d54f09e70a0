import type { AirlineInitiatedChange, Offer, Order, OrderCancellation, OrderSlice } from "@duffel/api/types";
import { SupplierError } from "../../search/suppliers";
import type { ChangedFlight, FlightOrderSupplier, SupplierAirlineChange, SupplierCancellationQuote, SupplierOrder, SupplierOrderRequest } from "../../booking/supplier-orders";
import { DuffelConnection, type DuffelOptions } from "./client";
import { flightNumber, seatElementsOf } from "./flights";

/** The metadata key that carries our reservation id on a Duffel order. */
export const reservationIdKey = "reservation_id";
/** Orders listed per page while looking for a reservation's order. */
const ordersPerPage = 50;

/**
 * Duffel's orders, payments and order cancellations (`/air/orders`, `/air/payments`,
 * `/air/order_cancellations`) through its official client. Duffel takes no idempotency key for an
 * order, so our reservation id rides in the order's metadata and `findOrder` looks for it among the
 * orders made since the reservation (Duffel lists orders by passenger name and creation time, not
 * by metadata).
 */
export class DuffelFlightOrders implements FlightOrderSupplier {
  readonly name = "duffel";
  private readonly duffel: DuffelConnection;

  constructor(options: DuffelOptions) {
    this.duffel = new DuffelConnection(this.name, options);
  }

  async createOrder(request: SupplierOrderRequest): Promise<SupplierOrder> {
    // Duffel's passenger ids belong to the offer: read it as sold now.
    const { data: offer } = await this.duffel.call("an offer", (d) => d.offers.get(request.supplierOfferId));
    if (offer.passengers.length !== request.travellers.length) {
      throw new Error(`offer ${request.supplierOfferId} is for ${offer.passengers.length} passenger(s), the reservation has ${request.travellers.length}`);
    }
    const passengers = offer.passengers.map((passenger, i) => {
      const traveller = request.travellers[i]!;
      return {
        id: passenger.id,
        given_name: traveller.firstName,
        family_name: traveller.lastName,
        born_on: traveller.dateOfBirth!,
        title: traveller.title!,
        gender: traveller.gender!,
        email: traveller.email ?? request.contactEmail,
        phone_number: request.contactPhone!,
      };
    });
    const services = request.seats?.length ? await this.seatServices(offer, request.seats) : [];
    const { data } = await this.duffel.call(`a ${request.type} order`, (d) =>
      d.orders.create({
        // The official client types the hold type by its older name; Duffel's API takes "hold".
        type: request.type as "instant",
        selected_offers: [request.supplierOfferId],
        passengers,
        metadata: { [reservationIdKey]: request.reservationId },
        // Duffel books services only with an order paid at once (hold orders omit them).
        ...(request.type === "instant" && services.length > 0 ? { services } : {}),
        ...(request.type === "instant" && request.payment ? { payments: [{ type: "balance" as const, amount: request.payment.amount, currency: request.payment.currency }] } : {}),
      }),
    );
    return toSupplierOrder(data);
  }

  /**
   * The seat services of the seats chosen, from the offer's seat maps as sold now: the service of
   * each traveller's seat on each flight. A seat no longer for sale is a refusal (the caller refunds).
   */
  private async seatServices(offer: Offer, seats: NonNullable<SupplierOrderRequest["seats"]>): Promise<Array<{ id: string; quantity: number }>> {
    const { data: maps } = await this.duffel.call("seat maps", (d) => d.seatMaps.get({ offer_id: offer.id }));
    const segments = offer.slices.flatMap((slice) => slice.segments);
    return seats.flatMap(({ segment, seatIds }) => {
      const map = maps.find((m) => m.segment_id === segments[segment]?.id);
      const elements = map ? seatElementsOf(map) : [];
      return seatIds.map((seatId, traveller) => {
        const passengerId = offer.passengers[traveller]?.id;
        const service = elements.find((e) => e.designator === seatId)?.available_services.find((s) => s.passenger_id === passengerId);
        if (!service) throw new SupplierError(`seat ${seatId} on flight ${segment + 1} is no longer for sale`, this.name, undefined, false);
        return { id: service.id, quantity: 1 };
      });
    });
  }

  async findOrder(reservationId: string, hints: { familyName: string; createdAfter: string }): Promise<SupplierOrder | undefined> {
    const { data } = await this.duffel.call("the orders list", (d) =>
      d.orders.list({ limit: ordersPerPage, passenger_name: [hints.familyName], "created_at[after]": hints.createdAfter } as never),
    );
    const found = data.find((order) => order.metadata?.[reservationIdKey] === reservationId);
    return found ? toSupplierOrder(found) : undefined;
  }

  async getOrder(orderId: string): Promise<SupplierOrder> {
    const { data } = await this.duffel.call("an order", (d) => d.orders.get(orderId));
    return toSupplierOrder(data);
  }

  async payOrder(orderId: string, expected: { amount: string; currency: string }): Promise<SupplierOrder> {
    await this.duffel.call("a payment", (d) => d.payments.create({ order_id: orderId, payment: { type: "balance", amount: expected.amount, currency: expected.currency } }));
    // The payment does not carry the tickets: the order does, once paid.
    return this.getOrder(orderId);
  }

  async quoteCancellation(orderId: string): Promise<SupplierCancellationQuote> {
    const { data } = await this.duffel.call("an order cancellation", (d) => d.orderCancellations.create({ order_id: orderId }));
    return toCancellationQuote(data);
  }

  async confirmCancellation(quoteId: string): Promise<SupplierCancellationQuote> {
    const { data } = await this.duffel.call("an order cancellation's confirmation", (d) => d.orderCancellations.confirm(quoteId));
    return toCancellationQuote(data);
  }

  async airlineChanges(orderId: string): Promise<SupplierAirlineChange[]> {
    const { data } = await this.duffel.call("the airline-initiated changes", (d) => d.airlineInitiatedChanges.list(orderId));
    return (data ?? []).map(toAirlineChange);
  }

  async acceptAirlineChange(changeId: string): Promise<SupplierAirlineChange> {
    const { data } = await this.duffel.call("an airline-initiated change's acceptance", (d) => d.airlineInitiatedChanges.accept(changeId));
    return toAirlineChange(data);
  }
}

function toAirlineChange(change: AirlineInitiatedChange): SupplierAirlineChange {
  return {
    changeId: change.id,
    orderId: change.order_id,
    detectedAt: change.created_at,
    availableActions: change.available_actions ?? [],
    actionTaken: change.action_taken ?? null,
    removed: (change.removed ?? []).map(flightsOf),
    added: (change.added ?? []).map(flightsOf),
  };
}

function flightsOf(slice: OrderSlice): ChangedFlight[] {
  return slice.segments.map((segment) => ({
    flightNumber: flightNumber(segment.marketing_carrier.iata_code ?? "", segment.marketing_carrier_flight_number),
    origin: segment.origin.iata_code ?? "",
    destination: segment.destination.iata_code ?? "",
    departingAt: segment.departing_at,
    arrivingAt: segment.arriving_at,
  }));
}

function toSupplierOrder(order: Order): SupplierOrder {
  return {
    supplier: "duffel",
    orderId: order.id,
    bookingReference: order.booking_reference,
    awaitingPayment: order.payment_status.awaiting_payment,
    paymentRequiredBy: order.payment_status.payment_required_by ?? null,
    totalAmount: order.total_amount,
    currency: order.total_currency,
    documents: (order.documents ?? []).map((d) => ({ type: d.type, uniqueIdentifier: d.unique_identifier })),
    cancelledAt: order.cancelled_at ?? null,
    reservationId: order.metadata?.[reservationIdKey],
  };
}

function toCancellationQuote(cancellation: OrderCancellation): SupplierCancellationQuote {
  return {
    quoteId: cancellation.id,
    orderId: cancellation.order_id,
    refundAmount: cancellation.refund_amount ?? "0.00",
    refundCurrency: cancellation.refund_currency ?? "",
    refundTo: cancellation.refund_to,
    expiresAt: cancellation.expires_at,
    confirmedAt: cancellation.confirmed_at ?? null,
  };
}
