import { randomInt, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type Context } from "hono";
import type {} from "@duffel/api";
import type { Offer, OrderDocument, OrderService, Seat } from "@duffel/api/types";
import { takeFault, type DuffelFaults } from "./faults";
import { offerGone, type OfferDesk } from "./duffel-air";
import { orderCancellationsApi } from "./duffel-order-cancellations";
import { listOrders } from "./duffel-order-list";
import { bookServices, cents, money } from "./duffel-order-services";
import { orderRefusals, parseOrderRequest, parsePayment, priceChanged, type DuffelOrder, type OrderRequest } from "./duffel-order-wire";
import { duffelError, duffelFailure, duffelId, invalidField, notFound, readData, type DuffelEnv, type DuffelErrorItem } from "./duffel-wire";

/**
 * Duffel's orders in memory: `POST /air/orders` books an offer the searches gave, as an instant
 * order (paid at once, tickets issued) or a hold (paid later with `POST /air/payments`, before
 * its `payment_required_by`); `GET /air/orders/{id}` and `GET /air/orders` read them back, and
 * order cancellations (duffel-order-cancellations.ts) cancel them. An offer can be ordered once.
 *
 * `/__control` can make the next order creations or payments that would succeed fail instead
 * (control.ts): `offer_no_longer_available` and `order_not_created` (502), `price_changed` and
 * `api_error` (500) change nothing; `timeout` books or pays, then holds the answer.
 */
/** Enough for any test or benchmark; the oldest orders are forgotten first. */
const maxStoredOrders = 50_000;
type SoldOffer = Omit<Offer, "available_services">;

const referenceCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** The airline's record locator: six letters and digits. */
const bookingReference = () => Array.from({ length: 6 }, () => referenceCharacters[randomInt(referenceCharacters.length)]).join("");
/** An e-ticket per passenger, numbered as tickets are: 13 digits. */
const ticketsFor = (passengerIds: string[]): OrderDocument[] =>
  passengerIds.map((id) => ({ type: "electronic_ticket", unique_identifier: String(randomInt(10 ** 12, 10 ** 13)), passenger_ids: [id] }));

/** The offer's passengers, each given once with their details, or the errors. */
function passengerErrors(given: OrderRequest["passengers"], offer: SoldOffer): DuffelErrorItem[] {
  const ids = offer.passengers.map((p) => p.id);
  const errors = given.flatMap(({ id }, i) =>
    !ids.includes(id)
      ? [invalidField(`/passengers/${i}/id`, "validation_inclusion", `Passenger ${id} is not one of the offer's passengers`)]
      : given.findIndex((p) => p.id === id) < i
        ? [invalidField(`/passengers/${i}/id`, "validation_format", `Passenger ${id} is given more than once`)]
        : [],
  );
  if (errors.length === 0 && given.length !== ids.length) {
    errors.push(invalidField("/passengers", "validation_format", `The offer is for ${ids.length} passengers; give the details of each`));
  }
  return errors;
}

function orderOf(id: string, request: OrderRequest, offer: SoldOffer, services: OrderService[], servicesCents: number, live: boolean): DuffelOrder {
  const now = new Date().toISOString();
  const paid = request.type === "instant";
  const seatOf = (passengerId: string, segmentId: string) =>
    services.find((s) => s.type === "seat" && s.passenger_ids.includes(passengerId) && s.segment_ids.includes(segmentId))?.metadata as Seat | undefined;
  return {
    id,
    type: request.type,
    live_mode: live,
    created_at: now,
    synced_at: now,
    cancelled_at: null,
    cancellation: null,
    booking_reference: bookingReference(),
    owner: offer.owner,
    content: "managed",
    slices: offer.slices.map(({ segments, ...slice }) => ({
      ...slice,
      segments: segments.map(({ passengers, ...segment }) => ({
        ...segment,
        passengers: passengers.map((p) => {
          const seat = seatOf(p.passenger_id, segment.id);
          return { passenger_id: p.passenger_id, cabin_class: p.cabin_class, cabin_class_marketing_name: p.cabin_class_marketing_name, baggages: p.baggages, ...(seat && { seat }) };
        }),
      })),
    })),
    passengers: request.passengers.map((p) => ({ ...p, type: offer.passengers.find((o) => o.id === p.id)!.type!, infant_passenger_id: null, loyalty_programme_accounts: [] })),
    base_amount: money(cents(offer.base_amount) + servicesCents),
    base_currency: offer.total_currency,
    tax_amount: offer.tax_amount ?? "0.00",
    tax_currency: offer.total_currency,
    total_amount: money(cents(offer.total_amount) + servicesCents),
    total_currency: offer.total_currency,
    services,
    conditions: offer.conditions,
    metadata: request.metadata,
    available_actions: ["cancel", "update"],
    airline_initiated_changes: [],
    documents: paid ? ticketsFor(request.passengers.map((p) => p.id)) : [],
    payment_status: paid
      ? { awaiting_payment: false, payment_required_by: null, price_guarantee_expires_at: null, paid_at: now }
      : { awaiting_payment: true, payment_required_by: offer.payment_requirements.payment_required_by, price_guarantee_expires_at: offer.payment_requirements.price_guarantee_expires_at, paid_at: null },
  };
}

/** Duffel's orders by id, shared with what acts on them besides (airline changes: duffel-airline-changes.ts). */
export type OrderBook = Map<string, DuffelOrder>;

export function duffelOrdersApi(offers: OfferDesk, faults: DuffelFaults, orders: OrderBook = new Map()) {
  const app = new Hono<DuffelEnv>();

  const createOrder = async (c: Context<DuffelEnv>) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const request = parseOrderRequest(data);
    if (Array.isArray(request)) return duffelError(c, 422, ...request);
    const stored = offers.read(c, request.offerId);
    if (stored instanceof Response) return stored;
    if (stored.orderId) return duffelError(c, 422, orderRefusals.offerAlreadyBooked);
    const offer = offers.priced(stored);
    if (request.type === "hold" && offer.payment_requirements.requires_instant_payment) return duffelError(c, 422, orderRefusals.requiresInstantPayment);
    const wrongPassengers = passengerErrors(request.passengers, offer);
    if (wrongPassengers.length > 0) return duffelError(c, 422, ...wrongPassengers);
    const id = duffelId("ord", offer.id, randomUUID());
    const booked = bookServices(request.services, offer, stored.scenario !== "no-services", id);
    if (Array.isArray(booked)) return duffelError(c, 422, ...booked);
    const { payment } = request;
    if (payment && (cents(payment.amount) !== cents(offer.total_amount) + booked.totalCents || payment.currency !== offer.total_currency)) {
      return duffelError(c, 422, priceChanged("/payments/0/amount"));
    }
    const fault = takeFault(faults, "orders");
    if (fault?.with === "offer_no_longer_available") return duffelError(c, 422, offerGone);
    if (fault?.with === "order_not_created") return duffelError(c, 502, orderRefusals.orderNotCreated);
    const order = orderOf(id, request, offer, booked.services, booked.totalCents, c.get("liveMode"));
    stored.orderId = id;
    orders.set(id, order);
    if (orders.size > maxStoredOrders) orders.delete(orders.keys().next().value!);
    if (fault?.with === "timeout") await sleep(fault.timeoutMs);
    return c.json({ data: order }, 201);
  };
  app.post("/air/orders", createOrder);
  app.post("/air/orders/", createOrder);

  app.get("/air/orders", (c) => listOrders(c, orders.values()));
  app.get("/air/orders/:id", (c) => {
    const order = orders.get(c.req.param("id"));
    return order ? c.json({ data: order }) : duffelError(c, 404, notFound(`order ${c.req.param("id")}`));
  });

  app.post("/air/payments", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const errors: DuffelErrorItem[] = [];
    const orderId = data.order_id;
    if (typeof orderId !== "string" || orderId === "") errors.push(invalidField("/order_id", "validation_required", "Field 'order_id' can't be blank"));
    const payment = parsePayment(errors, data.payment, "/payment");
    if (errors.length > 0) return duffelError(c, 422, ...errors);
    const order = orders.get(orderId as string);
    if (!order) return duffelError(c, 404, notFound(`order ${orderId}`));
    if (order.cancelled_at) return duffelError(c, 422, orderRefusals.alreadyCancelled);
    if (!order.payment_status.awaiting_payment) return duffelError(c, 422, orderRefusals.alreadyPaid);
    const payBy = order.payment_status.payment_required_by;
    if (payBy && Date.parse(payBy) <= Date.now()) return duffelError(c, 422, orderRefusals.pastPaymentRequiredBy);
    if (cents(payment.amount) !== cents(order.total_amount) || payment.currency !== order.total_currency) return duffelError(c, 422, priceChanged("/payment/amount"));
    const fault = takeFault(faults, "payments");
    if (fault?.with === "price_changed") return duffelError(c, 422, priceChanged("/payment/amount"));
    if (fault?.with === "api_error") return duffelFailure(c, "error");
    const now = new Date().toISOString();
    Object.assign(order, {
      payment_status: { awaiting_payment: false, payment_required_by: null, price_guarantee_expires_at: null, paid_at: now },
      documents: ticketsFor(order.passengers.map((p) => p.id)),
      synced_at: now,
    });
    const paid = { id: duffelId("pay", order.id), type: payment.type, amount: order.total_amount, currency: order.total_currency, created_at: now, live_mode: c.get("liveMode") };
    if (fault?.with === "timeout") await sleep(fault.timeoutMs);
    return c.json({ data: paid }, 201);
  });

  app.route("/", orderCancellationsApi(orders));
  return app;
}
