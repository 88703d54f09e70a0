import { setTimeout as sleep } from "node:timers/promises";
import { Duffel, DuffelError } from "@duffel/api";
import type { CreateOfferRequest, CreateOrder, CreateOrderPassenger, OfferRequest, SeatMapCabinRowSectionElementSeat } from "@duffel/api/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultSimulatorDuffelToken } from "../src/simulator/app";
import { daysFromNow, startSimulator } from "./simulator-server";

/**
 * The simulator's Duffel orders, payments and cancellations, judged by Duffel's official client
 * (@duffel/api): whatever the client can send, read and throw here, it can against Duffel.
 */
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let duffel: Duffel;

beforeAll(async () => {
  simulator = await startSimulator();
  duffel = new Duffel({ token: defaultSimulatorDuffelToken, basePath: `${simulator.url}/` });
});
afterAll(() => simulator.close());
afterEach(() => vi.useRealTimers());

let day = 40;
/** Offers of a one-way search, a different day each time so no two tests share an offer. */
async function search(origin: string, destination: string, passengers: CreateOfferRequest["passengers"] = [{ type: "adult" }], maxConnections: 0 | 1 = 1) {
  const slices = [{ origin, destination, departure_date: daysFromNow(day++) }] as CreateOfferRequest["slices"];
  return (await duffel.offerRequests.create({ slices, passengers, cabin_class: "economy", max_connections: maxConnections, return_offers: true })).data.offers;
}
const someone = (id: string, familyName = "Earhart", extra: Partial<CreateOrderPassenger> = {}): CreateOrderPassenger => ({
  id,
  given_name: "Amelia",
  family_name: familyName,
  born_on: "1987-07-24",
  title: "ms",
  gender: "f",
  email: "amelia@example.com",
  phone_number: "+442080160509",
  ...extra,
});
type Offer = OfferRequest["offers"][number];
// Duffel API v2 calls a pay-later order "hold"; the client (4.30) still types it "pay_later".
const hold = "hold" as CreateOrder["type"];
const holdOrder = (offer: Offer, familyName?: string, extra: Partial<CreateOrder> = {}) =>
  duffel.orders.create({ type: hold, selected_offers: [offer.id], passengers: offer.passengers.map((p) => someone(p.id, familyName)), ...extra });
const instantOrder = (offer: Offer, familyName?: string, amount = offer.total_amount, extra: Partial<CreateOrder> = {}) =>
  duffel.orders.create({
    type: "instant",
    selected_offers: [offer.id],
    passengers: offer.passengers.map((p) => someone(p.id, familyName)),
    payments: [{ type: "balance", amount, currency: offer.total_currency }],
    ...extra,
  });
const pay = (order: { id: string; total_amount: string; total_currency: string }, amount = order.total_amount) =>
  duffel.payments.create({ order_id: order.id, payment: { type: "balance", amount, currency: order.total_currency } });
/** Rejections as the client throws them. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected a DuffelError"), (e: unknown) => e as InstanceType<typeof DuffelError>);
// The client's error type has no `source`, though Duffel sends it (and the client passes it on).
const sources = (error: InstanceType<typeof DuffelError>) => error.errors.map((e) => (e as { source?: unknown }).source);
/** Filters the client's list types leave out but pass on as query parameters. */
const listed = async (params: Record<string, unknown>) => (await duffel.orders.list(params as Parameters<typeof duffel.orders.list>[0])).data;

describe("the simulator's Duffel orders and payments, through @duffel/api", () => {
  it("holds a searched offer until it is paid, then issues a ticket per passenger; a second payment is refused", async () => {
    const [offer] = await search("LHR", "JFK", [{ type: "adult" }, { age: 8 }]);
    const created = await holdOrder(offer!);
    expect(created.status).toBe(201);
    const order = created.data;
    expect(order.id).toMatch(/^ord_/);
    expect(order.booking_reference).toMatch(/^[A-Z0-9]{6}$/);
    expect(order.payment_status).toEqual({
      awaiting_payment: true,
      payment_required_by: offer!.payment_requirements.payment_required_by,
      price_guarantee_expires_at: offer!.payment_requirements.price_guarantee_expires_at,
      paid_at: null,
    });
    expect(order.documents).toEqual([]);
    expect([order.total_amount, order.total_currency]).toEqual([offer!.total_amount, offer!.total_currency]);
    expect(order.conditions).toEqual(offer!.conditions);
    expect(order.passengers.map((p) => [p.id, p.type, p.family_name])).toEqual([
      [offer!.passengers[0]!.id, "adult", "Earhart"],
      [offer!.passengers[1]!.id, "child", "Earhart"],
    ]);
    expect(order.slices.flatMap((s) => s.segments.map((seg) => seg.passengers.map((p) => p.passenger_id)))).toEqual(
      offer!.slices.flatMap((s) => s.segments.map(() => offer!.passengers.map((p) => p.id))),
    );
    expect(order.available_actions).toEqual(["cancel", "update"]);
    expect((await duffel.orders.get(order.id)).data).toEqual(order);

    const changed = await failure(pay(order, (Number(order.total_amount) - 1).toFixed(2)));
    expect(changed.status).toBe(422);
    expect(changed.errors[0]).toMatchObject({ type: "validation_error", code: "price_changed" });
    expect(sources(changed)).toEqual([{ field: "amount", pointer: "/payment/amount" }]);

    const payment = await pay(order);
    expect(payment.status).toBe(201);
    expect(payment.data).toMatchObject({ id: expect.stringMatching(/^pay_/), type: "balance", amount: order.total_amount, currency: order.total_currency });
    const paid = (await duffel.orders.get(order.id)).data;
    expect(paid.payment_status).toMatchObject({ awaiting_payment: false, paid_at: expect.any(String) });
    expect(paid.documents!.map((d) => [d.type, d.passenger_ids])).toEqual(order.passengers.map((p) => ["electronic_ticket", [p.id]]));
    for (const ticket of paid.documents!) expect(ticket.unique_identifier).toMatch(/^\d{13}$/);

    const again = await failure(pay(order));
    expect(again).toBeInstanceOf(DuffelError);
    expect(again.status).toBe(422);
    expect(again.errors[0]).toMatchObject({ type: "invalid_state_error", code: "already_paid" });
  });

  it("sells LHR→CDG for payment at once: an instant order is ticketed straight away, a hold is refused", async () => {
    const [offer] = await search("LHR", "CDG");
    expect(offer!.payment_requirements).toEqual({ requires_instant_payment: true, payment_required_by: null, price_guarantee_expires_at: null });
    const refused = await failure(holdOrder(offer!));
    expect(refused.status).toBe(422);
    expect(refused.errors[0]).toMatchObject({ type: "invalid_request_error", code: "offer_requires_instant_payment" });

    const order = (await instantOrder(offer!)).data;
    expect(order.payment_status).toEqual({ awaiting_payment: false, payment_required_by: null, price_guarantee_expires_at: null, paid_at: expect.any(String) });
    expect(order.documents).toEqual([{ type: "electronic_ticket", unique_identifier: expect.stringMatching(/^\d{13}$/), passenger_ids: [offer!.passengers[0]!.id] }]);
  });

  it("books a bag and a seat with an instant order at their prices (never with a hold), and shows the seat on the segment", async () => {
    const [listedOffer] = await search("MAD", "FCO", [{ type: "adult" }], 0);
    const offer = (await duffel.offers.get(listedOffer!.id, { return_available_services: true })).data;
    const bag = offer.available_services[0]!;
    const [map] = (await duffel.seatMaps.get({ offer_id: offer.id })).data;
    const seat = map!.cabins[0]!.rows
      .flatMap((r) => r.sections.flatMap((s) => s.elements))
      .find((e): e is SeatMapCabinRowSectionElementSeat => e.type === "seat" && e.available_services.length > 0)!;
    const services = [{ id: bag.id, quantity: 2 }, { id: seat.available_services[0]!.id, quantity: 1 }];
    const withServices = (Number(offer.total_amount) + 2 * Number(bag.total_amount) + Number(seat.available_services[0]!.total_amount)).toFixed(2);

    const withoutTheirPrice = await failure(instantOrder(offer, "Earhart", offer.total_amount, { services }));
    expect(withoutTheirPrice.errors[0]!.code).toBe("price_changed");
    expect(sources(withoutTheirPrice)).toEqual([{ field: "amount", pointer: "/payments/0/amount" }]);
    const unknown = await failure(instantOrder(offer, "Earhart", withServices, { services: [{ id: "ase_0000doesnotexist00000", quantity: 1 }] }));
    expect(unknown.errors[0]).toMatchObject({ code: "not_found", source: { pointer: "/services/0/id" } });

    // Duffel's hold-order guide: services cannot be booked with a hold order.
    const onHold = await failure(holdOrder(offer, "Earhart", { services }));
    expect(onHold.errors[0]).toMatchObject({ code: "validation_format", source: { pointer: "/services" } });

    const order = (await instantOrder(offer, "Earhart", withServices, { services })).data;
    expect(order.total_amount).toBe(withServices);
    expect(order.services.map((s) => [s.type, s.quantity, s.passenger_ids])).toEqual([
      ["baggage", 2, [offer.passengers[0]!.id]],
      ["seat", 1, [offer.passengers[0]!.id]],
    ]);
    const segment = order.slices[0]!.segments.find((s) => s.id === map!.segment_id)!;
    expect(segment.passengers[0]!.seat).toMatchObject({ designator: seat.designator });
  });

  it("refuses what Duffel refuses: passenger details by pointer, unknown, gone or re-priced offers, an offer ordered twice", async () => {
    const [offer, other] = await search("LHR", "JFK");
    const id = offer!.passengers[0]!.id;
    const badDetails = await failure(
      duffel.orders.create({
        type: hold,
        selected_offers: [offer!.id],
        passengers: [someone(id, "Earhart", { born_on: "24/07/1987", title: "sir" as "mr", phone_number: "020 8016 0509", email: "" })],
      }),
    );
    expect(badDetails.status).toBe(422);
    expect(badDetails.errors.map((e) => e.code)).toEqual(["validation_format", "validation_inclusion", "validation_required", "validation_format"]);
    expect(sources(badDetails).map((s) => (s as { pointer: string }).pointer)).toEqual([
      "/passengers/0/born_on",
      "/passengers/0/title",
      "/passengers/0/email",
      "/passengers/0/phone_number",
    ]);
    const stranger = await failure(duffel.orders.create({ type: hold, selected_offers: [offer!.id], passengers: [someone("pas_0000notonthisoffer0000")] }));
    expect(stranger.errors[0]).toMatchObject({ code: "validation_inclusion", source: { pointer: "/passengers/0/id" } });
    const badMetadata = await failure(holdOrder(offer!, "Earhart", { metadata: { "not a key!": "x" } }));
    expect(badMetadata.errors[0]).toMatchObject({ type: "validation_error", source: { pointer: "/metadata" } });
    const servicesOnHold = await failure(holdOrder(offer!, "Earhart", { services: [{ id: "ase_0000x", quantity: 1 }] }));
    expect(servicesOnHold.errors[0]).toMatchObject({ type: "validation_error", source: { pointer: "/services" } });

    const unknown = await failure(holdOrder({ ...offer!, id: "off_0000doesnotexist00000" }));
    expect(unknown.status).toBe(404);
    expect(unknown.errors[0]).toMatchObject({ type: "invalid_request_error", code: "not_found" });
    const [gone] = await search("LGW", "LHR");
    const goneError = await failure(holdOrder(gone!));
    expect(goneError.errors[0]).toMatchObject({ type: "airline_error", code: "offer_no_longer_available" });

    expect((await holdOrder(offer!)).status).toBe(201);
    const twice = await failure(holdOrder(offer!));
    expect(twice.status).toBe(422);
    expect(twice.errors[0]).toMatchObject({ type: "invalid_state_error", code: "offer_already_booked" });
    expect((await holdOrder(other!)).status).toBe(201);

    // Duffel's LHR→STN: the price rises on every read, and an order pays the price last read.
    const [rising] = await search("LHR", "STN");
    const reread = (await duffel.offers.get(rising!.id)).data;
    const stale = await failure(instantOrder(rising!));
    expect(stale.errors[0]!.code).toBe("price_changed");
    expect((await instantOrder(rising!, "Earhart", reread.total_amount)).data.total_amount).toBe(reread.total_amount);
  });

  it("lists orders by passenger name, creation time, booking reference and payment state, page by page, with their metadata", async () => {
    const offers = await search("LHR", "JFK");
    const before = new Date().toISOString();
    const first = (await holdOrder(offers[0]!, "Hopper", { metadata: { customer_id: "cus_1", "trip-ref": "T-42" } })).data;
    await sleep(5);
    const between = new Date().toISOString();
    const second = (await holdOrder(offers[1]!, "Hopper")).data;
    await sleep(5);
    const third = (await holdOrder(offers[2]!, "Lovelace")).data;
    await pay(third);

    const hoppers = await listed({ "passenger_name[]": ["hopp"], "created_at[after]": before });
    expect(hoppers.map((o) => o.id)).toEqual([first.id, second.id]);
    expect(hoppers[0]!.metadata).toEqual({ customer_id: "cus_1", "trip-ref": "T-42" });
    expect((await listed({ "passenger_name[]": ["HOPPER"], "created_at[after]": between })).map((o) => o.id)).toEqual([second.id]);
    expect((await listed({ "passenger_name[]": ["hopper", "lovelace"] })).map((o) => o.id)).toEqual([]);
    expect((await listed({ booking_reference: third.booking_reference })).map((o) => o.id)).toEqual([third.id]);
    expect((await listed({ awaiting_payment: false, "created_at[after]": before })).map((o) => o.id)).toEqual([third.id]);
    expect((await listed({ sort: "-created_at", "created_at[after]": before })).map((o) => o.id)).toEqual([third.id, second.id, first.id]);

    const everything = await listed({ limit: 200 });
    const page = await duffel.orders.list({ limit: 2 });
    expect(page.data).toEqual(everything.slice(0, 2));
    expect(page.meta).toEqual({ limit: 2, after: expect.any(String), before: null });
    const next = await duffel.orders.list({ limit: 2, after: page.meta!.after! });
    expect(next.data).toEqual(everything.slice(2, 4));
    expect((await duffel.orders.list({ limit: 2, before: next.meta!.before! })).data).toEqual(page.data);
    const all = [];
    for await (const order of duffel.orders.listWithGenerator()) all.push(order.data.id);
    expect(all).toEqual(everything.map((o) => o.id));

    const badLimit = await failure(duffel.orders.list({ limit: 0 }));
    expect(badLimit.errors[0]).toMatchObject({ type: "validation_error", source: { parameter: "limit" } });
  });

  it("pays a hold only by its payment_required_by date", async () => {
    const [offer] = await search("LHR", "JFK");
    const order = (await holdOrder(offer!)).data;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(order.payment_status.payment_required_by!) + 1000 });
    const late = await failure(pay(order));
    expect(late.errors[0]).toMatchObject({ type: "invalid_state_error", code: "past_payment_required_by_date" });
  });
});

describe("the simulator's Duffel order cancellations, through @duffel/api", () => {
  it("cancels an unpaid hold for nothing, once; confirming again shows the same cancellation", async () => {
    const [offer] = await search("LHR", "JFK");
    const order = (await holdOrder(offer!)).data;
    const quote = await duffel.orderCancellations.create({ order_id: order.id });
    expect(quote.status).toBe(201);
    expect(quote.data).toMatchObject({ id: expect.stringMatching(/^ore_/), order_id: order.id, refund_amount: "0.00", refund_to: "awaiting_payment", confirmed_at: null, airline_credits: [] });
    expect(Date.parse(quote.data.expires_at) - Date.parse(quote.data.created_at)).toBe(15 * 60_000);
    expect((await duffel.orders.get(order.id)).data.cancelled_at).toBeNull();

    const confirmed = (await duffel.orderCancellations.confirm(quote.data.id)).data;
    expect(confirmed.confirmed_at).toEqual(expect.any(String));
    expect((await duffel.orderCancellations.confirm(quote.data.id)).data).toEqual(confirmed);
    expect((await duffel.orderCancellations.get(quote.data.id)).data).toEqual(confirmed);
    const cancelled = (await duffel.orders.get(order.id)).data;
    expect(cancelled).toMatchObject({ cancelled_at: confirmed.confirmed_at, cancellation: confirmed, available_actions: [] });

    for (const refused of [duffel.orderCancellations.create({ order_id: order.id }), pay(order)]) {
      expect((await failure(refused)).errors[0]).toMatchObject({ type: "invalid_state_error", code: "already_cancelled" });
    }
  });

  it("refunds a paid order its total less the penalty when its conditions allow a refund, nothing when they do not", async () => {
    const offers = await search("CDG", "SIN");
    const refundable = offers.find((o) => o.conditions.refund_before_departure?.allowed)!;
    const nonRefundable = offers.find((o) => o.conditions.refund_before_departure?.allowed === false)!;
    for (const offer of [refundable, nonRefundable]) {
      const order = (await holdOrder(offer)).data;
      await pay(order);
      const quote = (await duffel.orderCancellations.create({ order_id: order.id })).data;
      const penalty = Number(offer.conditions.refund_before_departure!.penalty_amount ?? 0);
      const refund = offer === refundable ? (Number(order.total_amount) - penalty).toFixed(2) : "0.00";
      expect(quote).toMatchObject({ refund_amount: refund, refund_currency: order.total_currency, refund_to: "balance" });
      await duffel.orderCancellations.confirm(quote.id);
      expect((await duffel.orders.get(order.id)).data.cancelled_at).toEqual(expect.any(String));
    }
  });

  it("refuses to confirm a cancellation quote once it has expired", async () => {
    const [offer] = await search("LHR", "JFK");
    const order = (await holdOrder(offer!)).data;
    const quote = (await duffel.orderCancellations.create({ order_id: order.id })).data;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(quote.expires_at) + 1000 });
    const expired = await failure(duffel.orderCancellations.confirm(quote.id));
    expect(expired.status).toBe(422);
    expect(expired.errors[0]).toMatchObject({ type: "invalid_state_error", code: "order_cancellation_expired" });
    vi.useRealTimers();
    expect((await duffel.orders.get(order.id)).data.cancelled_at).toBeNull();
  });
});

describe("the simulator's Duffel orders under /__control", () => {
  it("fails the next order as asked: not created (502, nothing booked), offer gone, or booked behind a timeout a retry finds", async () => {
    const offers = await search("LHR", "JFK");
    await simulator.control({ duffel: { orders: { failNext: 1, with: "order_not_created" } } });
    const notCreated = await failure(holdOrder(offers[0]!, "Noether"));
    expect(notCreated.status).toBe(502);
    expect(notCreated.errors[0]!.type).toBe("api_error");
    expect(await listed({ "passenger_name[]": ["noether"] })).toEqual([]);

    await simulator.control({ duffel: { orders: { failNext: 1, with: "offer_no_longer_available" } } });
    expect((await failure(holdOrder(offers[0]!, "Noether"))).errors[0]).toMatchObject({ type: "airline_error", code: "offer_no_longer_available" });
    expect((await holdOrder(offers[0]!, "Noether")).status).toBe(201);

    await simulator.control({ duffel: { orders: { failNext: 1, with: "timeout", timeoutMs: 1500 } } });
    const pending = holdOrder(offers[1]!, "Meitner");
    // The caller gives up, as a client with a timeout would; the order is booked all the same.
    expect(await Promise.race([pending, sleep(300).then(() => "gave up")])).toBe("gave up");
    const [found] = await listed({ "passenger_name[]": ["meitner"] });
    expect(found!.payment_status.awaiting_payment).toBe(true);
    expect((await failure(holdOrder(offers[1]!, "Meitner"))).errors[0]!.code).toBe("offer_already_booked");
    expect((await pending).data.id).toBe(found!.id);
  });

  it("fails the next payments as asked, and a payment behind a timeout is made all the same", async () => {
    const [offer] = await search("LHR", "JFK");
    const order = (await holdOrder(offer!)).data;
    await simulator.control({ duffel: { payments: { failNext: 2, with: "price_changed" } } });
    for (let i = 0; i < 2; i++) expect((await failure(pay(order))).errors[0]!.code).toBe("price_changed");
    await simulator.control({ duffel: { payments: { failNext: 1, with: "api_error" } } });
    expect((await failure(pay(order))).status).toBe(500);
    expect((await duffel.orders.get(order.id)).data.payment_status.awaiting_payment).toBe(true);

    await simulator.control({ duffel: { payments: { failNext: 1, with: "timeout", timeoutMs: 1000 } } });
    const pending = pay(order);
    expect(await Promise.race([pending, sleep(300).then(() => "gave up")])).toBe("gave up");
    expect((await duffel.orders.get(order.id)).data.payment_status.awaiting_payment).toBe(false);
    expect((await failure(pay(order))).errors[0]!.code).toBe("already_paid");
    expect((await pending).status).toBe(201);
  });

  it("refuses a knob it does not know, shows what is planned, and puts orders behind the per-supplier gate", async () => {
    await expect(simulator.control({ duffel: { orders: { failNext: 1, with: "sometimes" } } })).rejects.toThrow(/400/);
    await expect(simulator.control({ duffel: { down: true } })).rejects.toThrow(/400/);
    await simulator.control({ duffel: { payments: { failNext: 3, with: "api_error" } } });
    const shown = (await (await fetch(`${simulator.url}/__control`)).json()) as { duffel: { payments: unknown } };
    expect(shown.duffel.payments).toEqual({ failNext: 3, with: "api_error", timeoutMs: 15_000 });
    await simulator.control({ duffel: { payments: { failNext: 0 } } });

    const before = simulator.stats();
    await simulator.control({ supplier: "duffel", down: true });
    try {
      expect((await failure(duffel.orders.list())).status).toBe(503);
    } finally {
      await simulator.control({ supplier: "duffel", down: false });
    }
    await failure(duffel.orders.get("ord_0000doesnotexist00000"));
    const after = simulator.stats();
    expect(after.bySupplier.duffel).toBe(before.bySupplier.duffel + 2);
    expect(after.byEndpoint["GET /air/orders/:id"]).toBe((before.byEndpoint["GET /air/orders/:id"] ?? 0) + 1);
  });
});
