import { randomInt, randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFingerprint, type IdempotencyLease, type ReservationItem, type SagaOutcome } from "@travel/core/booking";
import type { AppConfig } from "@travel/core/config";
import { SimulatedPaymentProvider, toMinorUnits } from "@travel/core/payments";
import { flightSearchQuerySchema, type FlightOffer } from "@travel/core/search";
import { defaultSimulatorDuffelToken } from "@travel/dev/simulator/app";
import { createApiDependencies, type ApiDependencies } from "../src/api/deps";
import { bookingEntitiesFor } from "../src/api/dynamo-backed";
import { inProcessBus } from "../src/api/in-process-bus";
import { daysFromNow, ensureStageTables, roomyLimits, startSimulator, testConfig, type RunningSimulator } from "./support/helpers";

/**
 * A model-based test of booking with the supplier (issue 15, part 9): fast-check draws sequences
 * of holds (Duffel offers that may be held and LHR→CDG offers that must be paid at once, several
 * travellers and offers after the same seats), runs of the supplier saga (twice, as a redelivery
 * would), confirms with a good or a declined card, quote-then-cancel, the release subscriber,
 * expiry (the injected clock moved past the hold, then the expiry job) and the simulator's planned
 * supplier failures (a refused order, an order or payment whose answer times out, a payment error).
 *
 * Everything is real: the BookingService as the API wires it (createApiDependencies) on DynamoDB
 * Local, the Duffel order adapter against the simulator over HTTP, the simulated payment provider.
 * A small model predicts each outcome; after every step the invariants are read from the stores
 * themselves: the seat items, the reservations, Duffel's orders (its list endpoint), the payment
 * provider's own record of charges and refunds.
 *
 * Replay a failure with the seed and path fast-check prints:
 *   MODEL_SEED=… MODEL_PATH=… pnpm vitest run packages/functions/test/booking-model.test.ts
 * MODEL_RUNS sets the number of runs (default 25).
 */

const holdMinutes = 1;
/** Below the saga's look-back for an earlier attempt's order (5 min): our clock and Duffel's stay close. */
const maxExpiriesPerRun = 2;
const duffelTimeoutMs = 800;
/** How long the simulator holds a "timeout" answer: longer than the client waits. */
const heldAnswerMs = 1_000;

type OfferKey = "A1" | "A2" | "B1" | "C1" | "C2";
const offerKeys: OfferKey[] = ["A1", "A2", "B1", "C1", "C2"];
type Status = "HOLD" | "CONFIRMED" | "CANCELLED" | "EXPIRED";
type SupplierStatus = "PENDING" | "HELD" | "PAID" | "FAILED" | "CANCELLED";
type OrderFault = "offer_no_longer_available" | "timeout";
type PaymentFault = "api_error" | "timeout";
type Card = "pm_card_visa" | "pm_card_chargeDeclined";

interface ModelReservation {
  id: string;
  user: number;
  offer: OfferKey;
  departure: string;
  seats: string[];
  status: Status;
  supplier: SupplierStatus;
  type: "hold" | "instant";
  /** An order exists at Duffel for it (possibly one whose answer was lost, so not recorded yet). */
  orderMade: boolean;
  /** The saga threw a failure that may pass: the bus delivers `Reservation Created` again. */
  sagaDue: boolean;
  /** Ended while Duffel held its order: the release subscriber has work to do. */
  releaseDue: boolean;
}

interface Model {
  reservations: ModelReservation[];
  /** Duffel offers that were ordered (an offer is ordered once, even if that order is cancelled). */
  ordered: Set<OfferKey>;
  faults: { orders?: OrderFault; payments?: PaymentFault };
  expiries: number;
}

interface RunOffer {
  id: string;
  departure: string;
  passengers: number;
  instant: boolean;
  /** Seats for sale on both offers of the departure: what travellers fight over. */
  pool: string[];
}

interface Real {
  offers: Record<OfferKey, RunOffer>;
  users: string[];
  family: string;
  paymentsBefore: Set<string>;
}

let simulator: RunningSimulator;
let config: AppConfig;
let deps: ApiDependencies;
let entities: ReturnType<typeof bookingEntitiesFor>;
const payments = new SimulatedPaymentProvider();
let offset = 0;
/** Steps run (a drawn step whose precondition fails is skipped), by kind. */
let executed = 0;
const tally = new Map<string, number>();
const now = () => Date.now() + offset;

beforeAll(async () => {
  simulator = await startSimulator({ latencyMs: { min: 0, max: 2 } });
  config = testConfig(simulator.url, { flights: "duffel", stays: "amadeus" });
  config.Booking = { ...config.Booking, holdMinutes };
  config.DuffelApi = { ...config.DuffelApi, timeoutMs: duffelTimeoutMs };
  await ensureStageTables(config as unknown as Record<string, { name: string }>);
  deps = createApiDependencies(config, { limits: roomyLimits, bus: inProcessBus(config), payments, now, cacheBus: false });
  entities = bookingEntitiesFor(config);
});
afterAll(async () => {
  await deps?.close();
  await simulator?.close();
});

const trace = () => `model-${randomUUID()}`;
const booking = () => deps.booking;

/** Claim an Idempotency-Key as the API does, then run the operation under its lease. */
async function underKey<T>(operation: string, body: unknown, run: (lease: IdempotencyLease) => Promise<T>): Promise<T> {
  const claim = await deps.idempotency.claim(randomUUID(), requestFingerprint(operation, body));
  if (claim.outcome !== "claimed") throw new Error(`a fresh key was not free: ${claim.outcome}`);
  return run(claim.lease);
}

/** Departures no other run books: each run its own day, on a route of its own. */
let nextDay = 30 + randomInt(0, 100);
async function duffelOffers(origin: string, destination: string, departureDate: string, adults: number): Promise<FlightOffer[]> {
  const query = flightSearchQuerySchema().parse({ origin, destination, departureDate, adults: String(adults) });
  const result = await deps.search.searchFlights(query);
  return result.data.filter((o) => o.supplier === "duffel");
}
const flightOf = (offer: FlightOffer) => offer.itineraries[0]!.segments[0]!.flightNumber;

async function seatsForSale(offerId: string): Promise<{ eventId: string; seats: string[] }> {
  const outcome = await booking().inventory(offerId);
  if (!("ok" in outcome) || outcome.ok.vertical !== "flights") throw new Error(`no seat map for ${offerId}: ${JSON.stringify(outcome)}`);
  return { eventId: outcome.ok.eventId, seats: outcome.ok.seats.filter((s) => s.status === "AVAILABLE").map((s) => s.seatId) };
}

/** Two offers of one departure (one and two travellers), with the seats both sell. */
async function departurePair(origin: string, destination: string, date: string, instant: boolean, exclude?: string) {
  const singles = await duffelOffers(origin, destination, date, 1);
  const pairs = await duffelOffers(origin, destination, date, 2);
  const single = singles.find((o) => flightOf(o) !== exclude && pairs.some((p) => flightOf(p) === flightOf(o)));
  if (!single) throw new Error(`no flight ${origin}→${destination} on ${date} sold for one and for two`);
  const pair = pairs.find((p) => flightOf(p) === flightOf(single))!;
  const [one, two] = await Promise.all([seatsForSale(single.id), seatsForSale(pair.id)]);
  expect(one.eventId).toBe(two.eventId);
  const pool = one.seats.filter((s) => two.seats.includes(s)).slice(0, 3);
  expect(pool).toHaveLength(3);
  for (const offer of [single, pair]) expect(offer.payment?.instantPaymentRequired ?? false).toBe(instant);
  const runOffer = (offer: FlightOffer, passengers: number): RunOffer => ({ id: offer.id, departure: one.eventId, passengers, instant, pool });
  return { single: runOffer(single, 1), pair: runOffer(pair, 2), flight: flightOf(single) };
}

async function newRun(): Promise<Real> {
  const date = daysFromNow(nextDay++);
  if (nextDay > 330) throw new Error("out of departure days for this file's runs");
  const held = await departurePair("LHR", "JFK", date, false);
  const [other, instant] = await Promise.all([departurePair("LHR", "JFK", date, false, held.flight), departurePair("LHR", "CDG", date, true)]);
  const token = Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(0, 26))).join("");
  return {
    offers: { A1: held.single, A2: held.pair, B1: other.single, C1: instant.single, C2: instant.pair },
    users: [0, 1, 2].map((i) => `model-${token}-${i}`),
    family: `Model${token}`,
    paymentsBefore: new Set(paymentRecord().keys()),
  };
}

/** The simulated provider's own ledger (its charges and what was refunded of each). */
function paymentRecord() {
  return payments["payments"];
}

// ---------------------------------------------------------------------------------------------
// Reading the stores

type DuffelOrderJson = { id: string; metadata: Record<string, string> | null; cancelled_at: string | null; payment_status: { awaiting_payment: boolean } };

async function duffelOrdersOf(family: string): Promise<DuffelOrderJson[]> {
  const orders: DuffelOrderJson[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: "200", "passenger_name[]": family, ...(after ? { after } : {}) });
    const response = await fetch(`${simulator.url}/air/orders?${query}`, { headers: { authorization: `Bearer ${defaultSimulatorDuffelToken}`, "duffel-version": "v2", accept: "application/json" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: DuffelOrderJson[]; meta: { after: string | null } };
    orders.push(...body.data);
    if (body.data.length < 200 || !body.meta.after) return orders;
    after = body.meta.after;
  }
}

const minor = (amount: number, currency: string) => toMinorUnits(String(amount), currency);

async function checkInvariants(m: Model, real: Real): Promise<void> {
  const at = now();
  // The run's reservations, as the tables have them, are the model's.
  const departures = [...new Set(Object.values(real.offers).map((o) => o.departure))];
  const [reservations, seatsByDeparture, orders] = await Promise.all([
    Promise.all(real.users.map(async (userId) => (await entities.Reservation.query.byUserAndStatus({ userId }).go({ pages: "all" })).data)),
    Promise.all(departures.map(async (eventId) => ({ eventId, seats: (await entities.Seat.query.byDeparture({ eventId }).go({ pages: "all", consistent: true })).data }))),
    duffelOrdersOf(real.family),
  ]);
  const stored = new Map<string, ReservationItem>(reservations.flat().map((item) => [item.reservationId, item as ReservationItem]));
  expect([...stored.keys()].sort(), "the run's reservations").toEqual(m.reservations.map((r) => r.id).sort());
  for (const r of m.reservations) {
    const item = stored.get(r.id)!;
    expect({ id: r.id, status: item.status, supplier: item.supplierOrder?.status }, "a reservation as the model has it").toEqual({ id: r.id, status: r.status, supplier: r.supplier });
    if (item.status === "HOLD") expect(Date.parse(item.holdExpiresAt), `${r.id} is a live hold`).toBeGreaterThan(at);
  }
  const live = (item: ReservationItem) => item.status === "CONFIRMED" || (item.status === "HOLD" && Date.parse(item.holdExpiresAt) > at);

  // Seats: none sold twice; every held or sold seat is a live reservation's, and each live reservation holds its own.
  for (const { eventId, seats } of seatsByDeparture) {
    const bySeat = new Map(seats.map((s) => [s.seatId, s]));
    for (const seat of seats) {
      if (seat.status === "AVAILABLE") continue;
      const owner = seat.reservationId ? stored.get(seat.reservationId) : undefined;
      expect(owner, `seat ${eventId}/${seat.seatId} is ${seat.status} for ${seat.reservationId}, not a reservation of this run`).toBeDefined();
      expect({ seat: seat.seatId, owner: owner!.status, live: live(owner!), listed: owner!.seatIds.includes(seat.seatId) }).toEqual({
        seat: seat.seatId,
        owner: seat.status === "SOLD" ? "CONFIRMED" : "HOLD",
        live: true,
        listed: true,
      });
    }
    const claimed = new Map<string, string>();
    for (const item of stored.values()) {
      if (item.eventId !== eventId || !live(item)) continue;
      for (const seatId of item.seatIds) {
        expect(claimed.get(seatId), `seat ${eventId}/${seatId} claimed by ${claimed.get(seatId)} and ${item.reservationId}`).toBeUndefined();
        claimed.set(seatId, item.reservationId);
        expect({ seatId, reservationId: bySeat.get(seatId)?.reservationId, status: bySeat.get(seatId)?.status }).toEqual({
          seatId,
          reservationId: item.reservationId,
          status: item.status === "CONFIRMED" ? "SOLD" : "HELD",
        });
      }
    }
  }

  // Duffel's orders: each is exactly one reservation's, in a state that agrees with it.
  const byReservation = new Map<string, DuffelOrderJson>();
  for (const order of orders) {
    const reservationId = order.metadata?.reservation_id;
    expect(reservationId && stored.has(reservationId), `Duffel order ${order.id} (${JSON.stringify(order.metadata)}) is no reservation's`).toBe(true);
    expect(byReservation.get(reservationId!)?.id, `reservation ${reservationId} has two Duffel orders`).toBeUndefined();
    byReservation.set(reservationId!, order);
    const item = stored.get(reservationId!)!;
    const r = m.reservations.find((x) => x.id === reservationId)!;
    const state = order.cancelled_at ? "cancelled" : order.payment_status.awaiting_payment ? "held" : "paid";
    const agrees =
      state === "paid"
        ? item.status === "CONFIRMED" && item.supplierOrder?.status === "PAID" && item.supplierOrder.orderId === order.id
        : state === "cancelled"
          ? item.status === "CANCELLED" || item.status === "EXPIRED"
          : live(item) ? item.status === "HOLD" && (item.supplierOrder?.status === "PENDING" || item.supplierOrder?.orderId === order.id) : r.releaseDue || r.sagaDue;
    expect(agrees, `Duffel order ${order.id} is ${state}, its reservation ${reservationId} is ${item.status} (supplier ${item.supplierOrder?.status})`).toBe(true);
  }
  for (const item of stored.values()) {
    const order = item.supplierOrder;
    if (!order?.orderId) continue;
    const atDuffel = byReservation.get(item.reservationId);
    expect(atDuffel?.id, `${item.reservationId} records Duffel order ${order.orderId}`).toBe(order.orderId);
    if (order.status === "HELD") expect(atDuffel!.payment_status.awaiting_payment && !atDuffel!.cancelled_at, `${item.reservationId}'s order is held at Duffel`).toBe(true);
    if (order.status === "PAID") expect(!atDuffel!.payment_status.awaiting_payment && !atDuffel!.cancelled_at, `${item.reservationId}'s order is paid at Duffel`).toBe(true);
    if (order.status === "CANCELLED") expect(atDuffel!.cancelled_at, `${item.reservationId}'s order is cancelled at Duffel`).toBeTruthy();
  }
  for (const item of stored.values()) if (item.status === "CONFIRMED") expect(item.supplierOrder?.status, `${item.reservationId} is confirmed and paid at Duffel`).toBe("PAID");

  // Money: what the provider charged less what it refunded is what the bookings are worth.
  const ledger = [...paymentRecord().values()].filter((p) => !real.paymentsBefore.has(p.id));
  const net = ledger.reduce((sum, p) => sum + p.amountMinor - p.refundedMinor, 0);
  let worth = 0;
  for (const item of stored.values()) {
    if (item.status === "CONFIRMED") {
      const payment = paymentRecord().get(item.paymentIntentId!);
      expect({ reservation: item.reservationId, charged: payment?.amountMinor, refunded: payment?.refundedMinor }, "a confirmed booking's payment is whole").toEqual({
        reservation: item.reservationId,
        charged: minor(item.totalAmount, item.currency),
        refunded: 0,
      });
      worth += minor(item.totalAmount, item.currency);
    } else if (item.status === "CANCELLED" && item.orderId) {
      // A cancelled booking keeps what its quote did not give back.
      worth += minor(item.totalAmount, item.currency) - minor(item.refundedAmount ?? 0, item.currency);
    }
  }
  expect({ net }, `charged − refunded over ${ledger.length} payment(s)`).toEqual({ net: worth });
}

// ---------------------------------------------------------------------------------------------
// The commands

type Outcome = { ok: unknown } | { refused: { code: string; message: string; details: Record<string, unknown> } };
const codeOf = (outcome: Outcome) => ("ok" in outcome ? "ok" : outcome.refused.code);
const isLive = (r: ModelReservation) => r.status === "HOLD" || r.status === "CONFIRMED";
const pick = (m: Model, index: number) => m.reservations[index % m.reservations.length]!;
const userOf = (real: Real, r: ModelReservation) => real.users[r.user]!;

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  async run(m: Model, real: Real): Promise<void> {
    executed++;
    const kind = this.toString().replace(/\(.*$/, "");
    tally.set(kind, (tally.get(kind) ?? 0) + 1);
    await this.step(m, real);
    await checkInvariants(m, real);
  }
  protected abstract step(m: Model, real: Real): Promise<void>;
  abstract toString(): string;
}

abstract class OnReservation extends Step {
  constructor(readonly index: number) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.reservations.length > 0;
  }
}

const seatOrders = [[0, 1], [1, 2], [2, 0], [1, 0], [2, 1], [0, 2]] as const;

class Hold extends Step {
  constructor(
    readonly user: number,
    readonly offer: OfferKey,
    readonly seats: (typeof seatOrders)[number] | undefined,
  ) {
    super();
  }
  protected async step(m: Model, real: Real) {
    const offer = real.offers[this.offer];
    const seatIds = this.seats?.slice(0, offer.passengers).map((i) => offer.pool[i]!);
    const travelers = ["Ada", "Grace"].slice(0, offer.passengers).map((firstName) => ({ firstName, lastName: real.family, dateOfBirth: "1985-12-10", title: "ms" as const, gender: "f" as const, email: "model@example.com" }));
    const request = { userId: real.users[this.user]!, offerId: offer.id, ...(seatIds ? { seatIds } : {}), travelers, contactEmail: "model@example.com", contactPhone: "+442080160509", traceId: trace() };
    const outcome = await underKey("hold", { ...request, traceId: undefined }, (lease) => booking().hold(request, lease));
    const taken = new Set(m.reservations.filter((r) => isLive(r) && r.departure === offer.departure).flatMap((r) => r.seats));
    const expected = seatIds?.some((s) => taken.has(s)) ? "seats-unavailable" : "ok";
    expect(codeOf(outcome), `${this}: ${JSON.stringify(outcome).slice(0, 300)}`).toBe(expected);
    if (!("ok" in outcome)) return;
    const view = outcome.ok;
    // Duffel books chosen seats only with an order paid at once: a hold that chooses seats is ordered at confirm.
    const type = offer.instant || seatIds ? "instant" : "hold";
    expect(view.supplierOrder).toMatchObject({ supplier: "duffel", status: "PENDING", type });
    if (seatIds) expect(view.seatIds).toEqual(seatIds);
    m.reservations.push({ id: view.reservationId, user: this.user, offer: this.offer, departure: offer.departure, seats: view.seatIds, status: "HOLD", supplier: "PENDING", type, orderMade: false, sagaDue: false, releaseDue: false });
  }
  toString() {
    return `hold(user ${this.user}, ${this.offer}${this.seats ? `, seats ${this.seats.join("+")}` : ""})`;
  }
}

/** What one delivery of `Reservation Created` to the saga should do. */
function predictSaga(m: Model, r: ModelReservation): SagaOutcome | "throws" {
  if (r.supplier !== "PENDING" || r.type !== "hold") return "not-pending";
  const made = (): SagaOutcome => {
    r.orderMade = true;
    r.sagaDue = false;
    if (r.status === "HOLD") r.supplier = "HELD";
    else r.supplier = "CANCELLED";
    return r.status === "HOLD" ? "held" : "orphan-cancelled";
  };
  const refused = (): SagaOutcome => {
    r.sagaDue = false;
    // A hold that ended meanwhile keeps its status; its supplier order says the supplier refused.
    Object.assign(r, { supplier: "FAILED", ...(r.status === "HOLD" ? { status: "CANCELLED" } : {}) });
    return "refused";
  };
  // An earlier attempt's order is found, not made again.
  if (r.orderMade) return made();
  if (m.ordered.has(r.offer)) return refused();
  const fault = m.faults.orders;
  delete m.faults.orders;
  if (fault === "offer_no_longer_available") return refused();
  m.ordered.add(r.offer);
  if (fault === "timeout") {
    Object.assign(r, { orderMade: true, sagaDue: true });
    return "throws";
  }
  return made();
}

class Saga extends OnReservation {
  constructor(
    index: number,
    readonly redelivered: boolean,
  ) {
    super(index);
  }
  protected async step(m: Model) {
    const r = pick(m, this.index);
    for (let delivery = 0; delivery < (this.redelivered ? 2 : 1); delivery++) {
      const expected = predictSaga(m, r);
      const actual = await booking()
        .placeSupplierHold(r.id, trace())
        .catch((error: unknown) => (expect((error as Error).name, String(error)).toBe("SupplierError"), "throws" as const));
      expect(actual, `${this} on ${r.offer} (${r.status}), delivery ${delivery + 1}`).toBe(expected);
    }
  }
  toString() {
    return `saga(#${this.index}${this.redelivered ? ", delivered twice" : ""})`;
  }
}

class Confirm extends OnReservation {
  constructor(
    index: number,
    readonly card: Card,
  ) {
    super(index);
  }
  protected async step(m: Model, real: Real) {
    const r = pick(m, this.index);
    const expected = this.predict(m, r);
    const body = { userId: userOf(real, r), paymentMethod: this.card };
    const outcome = await underKey(`confirm ${r.id}`, body, (lease) => booking().confirm(userOf(real, r), r.id, { paymentMethod: this.card, traceId: trace() }, lease));
    expect(codeOf(outcome), `${this} on ${r.offer} (${r.status}/${r.supplier}): ${JSON.stringify(outcome).slice(0, 400)}`).toBe(expected);
    if ("ok" in outcome) {
      // An e-ticket per traveller.
      const tickets = Array.from({ length: real.offers[r.offer].passengers }, () => expect.objectContaining({ type: "electronic_ticket" }));
      expect(outcome.ok).toMatchObject({ status: "CONFIRMED", supplierOrder: { status: "PAID", documents: tickets } });
      Object.assign(r, { status: "CONFIRMED", supplier: "PAID", orderMade: true, sagaDue: false });
    } else if (outcome.refused.code === "supplier-failed-refunded") {
      expect(outcome.refused.details).toMatchObject({ reservationStatus: "HOLD", refundId: expect.any(String) });
    }
  }
  private predict(m: Model, r: ModelReservation): string {
    if (r.status === "EXPIRED") return "reservation-expired";
    if (r.status !== "HOLD") return "invalid-transition";
    if (r.type === "hold" && r.supplier === "PENDING") return "supplier-pending";
    if (r.supplier !== "PENDING" && r.supplier !== "HELD") return "supplier-refused";
    if (this.card === "pm_card_chargeDeclined") return "payment-declined";
    if (r.type === "hold") {
      const fault = m.faults.payments;
      delete m.faults.payments;
      return fault === "api_error" ? "supplier-failed-refunded" : "ok";
    }
    if (r.orderMade) return "ok";
    if (m.ordered.has(r.offer)) return "supplier-failed-refunded";
    const fault = m.faults.orders;
    delete m.faults.orders;
    if (fault === "offer_no_longer_available") return "supplier-failed-refunded";
    m.ordered.add(r.offer);
    return "ok";
  }
  toString() {
    return `confirm(#${this.index}, ${this.card})`;
  }
}

class Cancel extends OnReservation {
  protected async step(m: Model, real: Real) {
    const r = pick(m, this.index);
    const userId = userOf(real, r);
    const quote = await booking().quoteCancellation(userId, r.id);
    const cancel = (quoteId?: string) => underKey(`cancel ${r.id}`, { userId, quoteId }, (lease) => booking().cancel(userId, r.id, { traceId: trace(), ...(quoteId ? { quoteId } : {}) }, lease));
    if (!isLive(r)) {
      expect(codeOf(quote), `${this}: quote of a ${r.status} reservation`).toBe("invalid-transition");
      expect(codeOf(await cancel()), `${this}: cancel of a ${r.status} reservation`).toBe("invalid-transition");
      return;
    }
    expect(codeOf(quote), `${this}: ${JSON.stringify(quote).slice(0, 300)}`).toBe("ok");
    if (!("ok" in quote)) return;
    if (r.status === "HOLD") {
      expect(quote.ok).toMatchObject({ refundTo: "nothing-paid", refundAmount: "0.00" });
      const outcome = await cancel(quote.ok.quoteId);
      expect(codeOf(outcome), `${this}: ${JSON.stringify(outcome).slice(0, 300)}`).toBe("ok");
      r.status = "CANCELLED";
      r.releaseDue = r.supplier === "HELD";
      return;
    }
    expect(quote.ok).toMatchObject({ refundTo: "original-payment", supplier: { name: "duffel", refundTo: "balance" } });
    expect(Number(quote.ok.refundAmount)).toBeLessThanOrEqual(Number(quote.ok.supplier!.refundAmount));
    const outcome = await cancel(quote.ok.quoteId);
    expect(codeOf(outcome), `${this}: ${JSON.stringify(outcome).slice(0, 300)}`).toBe("ok");
    if ("ok" in outcome) expect(outcome.ok).toMatchObject({ status: "CANCELLED", refundedAmount: quote.ok.refundAmount, supplierOrder: { status: "CANCELLED" } });
    Object.assign(r, { status: "CANCELLED", supplier: "CANCELLED" });
  }
  toString() {
    return `quote-then-cancel(#${this.index})`;
  }
}

/** The subscriber of a hold's end (cancelled, expired): gives Duffel's hold back. */
class Release extends OnReservation {
  protected async step(m: Model) {
    const r = pick(m, this.index);
    const expected = (r.status === "CANCELLED" || r.status === "EXPIRED") && r.supplier === "HELD" ? "released" : "nothing-held";
    expect(await booking().releaseSupplierHold(r.id), `${this} of a ${r.status} reservation (supplier ${r.supplier})`).toBe(expected);
    if (expected === "released") Object.assign(r, { supplier: "CANCELLED", releaseDue: false });
  }
  toString() {
    return `release(#${this.index})`;
  }
}

class Expire extends Step {
  override check(m: Readonly<Model>) {
    return m.expiries < maxExpiriesPerRun;
  }
  protected async step(m: Model) {
    m.expiries++;
    offset += holdMinutes * 60_000 + 1_000;
    const holds = m.reservations.filter((r) => r.status === "HOLD");
    const { expired } = await booking().expireDue({ limit: 1_000, traceId: trace() });
    expect(expired).toBeGreaterThanOrEqual(holds.length);
    for (const r of holds) Object.assign(r, { status: "EXPIRED", releaseDue: r.supplier === "HELD" });
  }
  toString() {
    return "expire";
  }
}

/** The simulator's next Duffel order creation or payment that would succeed fails as planned. */
class PlanFault extends Step {
  constructor(
    readonly target: "orders" | "payments",
    readonly fault: OrderFault | PaymentFault,
  ) {
    super();
  }
  protected async step(m: Model) {
    await simulator.control({ duffel: { [this.target]: { failNext: 1, with: this.fault, timeoutMs: heldAnswerMs } } });
    Object.assign(m.faults, { [this.target]: this.fault });
  }
  toString() {
    return `duffel-${this.target}-fail(${this.fault})`;
  }
}

const reservationIndex = fc.nat(11);
const hold = fc.tuple(fc.nat(2), fc.constantFrom(...offerKeys), fc.option(fc.constantFrom(...seatOrders), { nil: undefined })).map(([user, offer, seats]) => new Hold(user, offer, seats));
const saga = fc.tuple(reservationIndex, fc.boolean()).map(([i, twice]) => new Saga(i, twice));
const confirm = fc.tuple(reservationIndex, fc.constantFrom<Card>("pm_card_visa", "pm_card_visa", "pm_card_chargeDeclined")).map(([i, card]) => new Confirm(i, card));
/** Every run starts with a hold or a few, so the steps that need a reservation have one. */
const firstHolds = fc.array(hold, { minLength: 1, maxLength: 2 });
const steps = fc.commands(
  [
    hold,
    hold,
    saga,
    saga,
    confirm,
    confirm,
    reservationIndex.map((i) => new Cancel(i)),
    reservationIndex.map((i) => new Release(i)),
    fc.constant(new Expire()),
    fc.constantFrom<OrderFault>("offer_no_longer_available", "timeout").map((f) => new PlanFault("orders", f)),
    fc.constantFrom<PaymentFault>("api_error", "timeout").map((f) => new PlanFault("payments", f)),
  ],
  { maxCommands: 10, size: "max" },
);

describe("booking with the supplier, as random sequences of steps", () => {
  it("keeps seats, Duffel's orders and the money in agreement after every step", async () => {
    const started = performance.now();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(firstHolds, steps, async (holds, sequence) => {
        runs++;
        offset = 0;
        await simulator.control({ duffel: { orders: { failNext: 0 }, payments: { failNext: 0 } } });
        const real = await newRun();
        const model: Model = { reservations: [], ordered: new Set(), faults: {}, expiries: 0 };
        for (const first of holds) await first.run(model, real);
        await fc.asyncModelRun(() => ({ model, real }), sequence);
      }),
      {
        numRuns: Number(process.env.MODEL_RUNS ?? 25),
        ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED) } : {}),
        ...(process.env.MODEL_PATH ? { path: process.env.MODEL_PATH } : {}),
      },
    );
    // Written past the reporter's console capture, for the numbers a run is judged by.
    process.stderr.write(`booking model: ${runs} runs, ${executed} steps (${[...tally].map(([k, n]) => `${k} ${n}`).join(", ")}), ${Math.round(performance.now() - started)} ms\n`);
  }, 600_000);
});
