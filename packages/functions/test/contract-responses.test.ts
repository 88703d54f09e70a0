import { randomUUID } from "node:crypto";
import type { TravelClient } from "@travel/client";
import { beforeAll, describe, expect, it } from "vitest";
import { duffelOrderOf, duffelWebhookSecret, oneOrderTraveller, oneTraveller, useBookingStack } from "./support/booking";
import { ContractCheck, fetchDocument } from "./support/contract";
import { callRaw, checkedClient, expectConforming } from "./support/contract-client";
import { daysFromNow, roomyLimits, testAdminEmail } from "./support/helpers";

/**
 * Every operation of the API's own OpenAPI document, called through the generated client against
 * the real stack, each response held to what the document declares for its status (see
 * support/contract.ts). The free plan's daily quota is one request, so a 429 costs two calls.
 */
const webhooks = duffelWebhookSecret();
/** The API's clock is moved (reviews open after a trip) only inside the reviews test, and put back after it. */
let shiftMs = 0;
const stack = useBookingStack((simulatorUrl) => ({ limits: { ...roomyLimits, plans: { free: { quotaPerDay: 1 } } }, config: webhooks.config(simulatorUrl), now: () => Date.now() + shiftMs }));

let contract: ContractCheck;
let anonymous: TravelClient;
let traveller: TravelClient;
let admin: TravelClient;
const tokens = { traveller: "", admin: "" };
const key = () => ({ "Idempotency-Key": randomUUID() });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  const { api } = stack;
  contract = new ContractCheck(await fetchDocument(api.url));
  [tokens.traveller, tokens.admin] = await Promise.all([api.signIn(`contract-${randomUUID().slice(0, 8)}@example.com`), api.issuer.signIn(testAdminEmail)]);
  anonymous = checkedClient(contract, api.url);
  traveller = checkedClient(contract, api.url, bearer(tokens.traveller));
  admin = checkedClient(contract, api.url, bearer(tokens.admin));
  await stack.simulator.control(webhooks.simulatorControl(api.url));
});

let day = 40;
/** An offer id from a fresh search, the first of `supplier`'s when one is named. */
async function search(vertical: "flights" | "hotels" | "cars", supplier?: string): Promise<string> {
  const at = day++;
  const { data } =
    vertical === "flights"
      ? await anonymous.GET("/v1/search/flights", { params: { query: { origin: "LHR", destination: "JFK", departureDate: daysFromNow(at) } } })
      : vertical === "hotels"
        ? await anonymous.GET("/v1/search/hotels", { params: { query: { cityCode: "PAR", checkIn: daysFromNow(at), checkOut: daysFromNow(at + 2) } } })
        : await anonymous.GET("/v1/search/cars", { params: { query: { pickupLocation: "LAX", pickupAt: `${daysFromNow(at)}T10:00`, dropoffAt: `${daysFromNow(at + 3)}T10:00` } } });
  const offers = (data?.data ?? []) as Array<{ id: string; supplier?: string }>;
  const id = offers.find((offer) => !supplier || offer.supplier === supplier)?.id;
  if (!id) throw new Error(`no ${vertical} offer to call the offer operations with`);
  return id;
}

const hold = (offerId: string, seatIds?: string[], headers = key()) =>
  traveller.POST("/v1/reservations", { params: { header: headers }, body: { offerId, travelers: oneTraveller, ...(seatIds ? { seatIds } : {}) } });

describe("public operations", () => {
  it("health and destinations", async () => {
    await anonymous.GET("/health");
    await anonymous.GET("/health/ready");
    await anonymous.GET("/v1/destinations", { params: { query: { q: "lon" } } });
    await anonymous.GET("/v1/destinations", { params: { query: { q: "x" } } });
    await anonymous.GET("/v1/destinations/popular", { params: { query: { limit: 5 } } });
    await anonymous.GET("/v1/destinations/popular", { params: { query: { limit: 0 } } });
    await anonymous.GET("/v1/destinations/{code}", { params: { path: { code: "LON" }, query: { type: "city" } } });
    expect((await anonymous.GET("/v1/destinations/{code}", { params: { path: { code: "QQQ" } } })).response.status).toBe(404);
    await anonymous.GET("/v1/destinations/{code}", { params: { path: { code: "12" } } });
  });

  it("searches: a page, a `fields=` projection, a 304 and a 400 each", async () => {
    const query = { origin: "LHR", destination: "CDG", departureDate: daysFromNow(day++) };
    const first = await anonymous.GET("/v1/search/flights", { params: { query } });
    await anonymous.GET("/v1/search/flights", { params: { query: { ...query, fields: "id,price.total" } } });
    const etag = first.response.headers.get("etag")!;
    expect((await anonymous.GET("/v1/search/flights", { params: { query }, headers: { "if-none-match": etag } })).response.status).toBe(304);
    await anonymous.GET("/v1/search/flights", { params: { query: { ...query, origin: "L" } } });
    await search("hotels");
    await anonymous.GET("/v1/search/hotels", { params: { query: { cityCode: "PAR", checkIn: daysFromNow(9), checkOut: daysFromNow(8) } } });
    await search("cars");
    await anonymous.GET("/v1/search/cars", { params: { query: { pickupLocation: "LAX", pickupAt: "soon", dropoffAt: "later" } } });
  });

  it("offers: re-priced, unknown, malformed; a seat map, and a car's (a rental has none)", async () => {
    const offerId = await search("flights");
    await anonymous.GET("/v1/offers/{id}", { params: { path: { id: offerId } } });
    expect((await anonymous.GET("/v1/offers/{id}", { params: { path: { id: `fo_${"n".repeat(22)}` } } })).response.status).toBe(404);
    await anonymous.GET("/v1/offers/{id}", { params: { path: { id: "nope" } } });
    await anonymous.GET("/v1/offers/{id}/seats", { params: { path: { id: offerId } } });
    expect((await anonymous.GET("/v1/offers/{id}/seats", { params: { path: { id: await search("cars") } } })).response.status).toBe(422);
  });
});

describe("a traveller's operations", () => {
  it("hold, read, confirm, cancel, and each refusal", async () => {
    // An Amadeus-format offer (booked here, names suffice), in a row other suites' first-free-seat
    // holds of the same flights do not reach.
    const offerId = await search("flights", "amadeus");
    const held = await hold(offerId, ["43A"]);
    expect(held.response.status).toBe(201);
    const reservationId = held.data!.data.reservationId;
    expect((await hold(offerId, ["43A"])).response.status).toBe(409);
    const reused = key();
    await hold(offerId, ["43B"], reused);
    expect((await hold(offerId, ["43C"], reused)).response.status).toBe(422);
    // A Duffel offer: a Duffel order in the making (supplierOrder), once the details it asks are given.
    const duffelOffer = await search("flights", "duffel");
    expect((await traveller.POST("/v1/reservations", { params: { header: key() }, body: { offerId: duffelOffer, travelers: oneTraveller } })).response.status).toBe(422);
    const duffelHold = await traveller.POST("/v1/reservations", { params: { header: key() }, body: { offerId: duffelOffer, ...oneOrderTraveller } });
    expect(duffelHold.data!.data.supplierOrder).toMatchObject({ supplier: "duffel", status: "PENDING" });
    expect((await hold(`fo_${"n".repeat(22)}`)).response.status).toBe(404);
    // Without an Idempotency-Key: outside the contract on purpose, so outside the client's types.
    expect((await traveller.POST("/v1/reservations", { body: { offerId, travelers: oneTraveller } } as never)).response.status).toBe(400);
    await traveller.GET("/v1/reservations/{id}", { params: { path: { id: reservationId } } });
    expect((await traveller.GET("/v1/reservations/{id}", { params: { path: { id: `res_${"n".repeat(22)}` } } })).response.status).toBe(404);
    await traveller.GET("/v1/me/reservations", { params: { query: { status: "HOLD" } } });
    const declined = (await hold(offerId))!.data!.data.reservationId;
    const confirm = (id: string, paymentMethod: string) => traveller.POST("/v1/reservations/{id}/confirm", { params: { path: { id }, header: key() }, body: { paymentMethod } });
    expect((await confirm(declined, "pm_card_chargeDeclined")).response.status).toBe(402);
    const confirmed = await confirm(reservationId, "pm_card_visa");
    expect((await confirm(reservationId, "pm_card_visa")).response.status).toBe(409);
    const orderId = confirmed.data!.data.orderId!;
    await traveller.GET("/v1/orders/{id}", { params: { path: { id: orderId } } });
    expect((await traveller.GET("/v1/orders/{id}", { params: { path: { id: `ord_${"n".repeat(22)}` } } })).response.status).toBe(404);
    await traveller.GET("/v1/me/orders");
    const quote = await traveller.POST("/v1/reservations/{id}/cancellation-quote", { params: { path: { id: reservationId } } });
    expect(quote.data!.data).toMatchObject({ reservationId, refundTo: "original-payment", refundAmount: confirmed.data!.data.totalAmount });
    const cancelled = await traveller.POST("/v1/reservations/{id}/cancel", { params: { path: { id: reservationId }, header: key() }, body: { quoteId: quote.data!.data.quoteId } });
    expect(cancelled.data!.data).toMatchObject({ status: "CANCELLED", refundedAmount: quote.data!.data.refundAmount });
  });

  it("Duffel's signed webhooks, and accepting the airline's change they report", async () => {
    const ping = JSON.stringify({ id: `eve_${randomUUID().replaceAll("-", "")}`, type: "ping.triggered", live_mode: false, created_at: new Date().toISOString(), data: { object: {} } });
    const deliver = (body: string, signature: string) => anonymous.POST("/v1/webhooks/duffel", { body: JSON.parse(body), headers: { "X-Duffel-Signature": signature } });
    expect((await deliver(ping, webhooks.signature(ping))).data!.data).toEqual({ received: true, duplicate: false });
    expect((await deliver(ping, webhooks.signature(ping, "forged"))).response.status).toBe(401);

    const duffelOffer = await search("flights", "duffel");
    const held = (await traveller.POST("/v1/reservations", { params: { header: key() }, body: { offerId: duffelOffer, ...oneOrderTraveller } })).data!.data;
    await stack.worker.relayOnce();
    await stack.worker.drain();
    const order = await duffelOrderOf(stack.simulator, held.reservationId);
    await stack.simulator.control({ duffel: { airlineChange: { orderId: order!.id } } });
    const accept = (id: string) => traveller.POST("/v1/reservations/{id}/airline-change/accept", { params: { path: { id }, header: key() } });
    expect((await accept(held.reservationId)).data!.data.airlineChange).toMatchObject({ status: "accepted" });
    expect((await accept(held.reservationId)).response.status).toBe(409);
  });

  it("my account: read, change, export, erase (refused while a hold runs)", async () => {
    await traveller.GET("/v1/me");
    await traveller.PATCH("/v1/me", { body: { displayName: "Ada L", locale: "en-GB" } });
    await traveller.PATCH("/v1/me", { body: { nickname: "ada" } as never });
    await traveller.GET("/v1/me/export");
    expect((await traveller.DELETE("/v1/me")).response.status).toBe(409);
    const leaving = checkedClient(contract, stack.api.url, bearer(await stack.api.signIn(`leaving-${randomUUID().slice(0, 8)}@example.com`)));
    expect((await leaving.DELETE("/v1/me")).response.status).toBe(200);
  });
});

describe("an admin's operations", () => {
  it("cache, suppliers and events", async () => {
    await admin.GET("/v1/admin/cache/stats");
    await admin.POST("/v1/admin/cache/invalidate", { body: { tags: ["route:LHR-JFK"] } });
    await admin.POST("/v1/admin/cache/invalidate", { body: { tags: ["no tag"] } });
    await admin.GET("/v1/admin/suppliers");
    await admin.POST("/v1/admin/events", { body: { name: "PriceUpdated", detail: { supplier: "amadeus", routes: ["LHR-JFK"] } } });
    await admin.POST("/v1/admin/events", { body: { name: "PriceUpdated", detail: { routes: "LHR-JFK" } } });
  });

  it("partner API keys through their lifecycle, and a partner over its quota", async () => {
    await admin.GET("/v1/admin/usage-plans");
    const created = await admin.POST("/v1/admin/api-keys", { body: { name: "Contract partner", plan: "free" } });
    await admin.POST("/v1/admin/api-keys", { body: { name: "", plan: "free" } });
    const { keyId, key: partnerKey } = created.data!.data;
    await admin.GET("/v1/admin/api-keys", { params: { query: { status: "ACTIVE" } } });
    await admin.GET("/v1/admin/api-keys/{keyId}", { params: { path: { keyId } } });
    expect((await admin.GET("/v1/admin/api-keys/{keyId}", { params: { path: { keyId: "0".repeat(20) } } })).response.status).toBe(404);
    const rotated = await admin.POST("/v1/admin/api-keys/{keyId}/rotate", { params: { path: { keyId } }, body: { graceSeconds: 0 } });
    const partner = checkedClient(contract, stack.api.url, { "x-api-key": rotated.data!.data.key });
    expect(partnerKey).not.toBe(rotated.data!.data.key);
    await partner.GET("/v1/destinations", { params: { query: { q: "par" } } });
    expect((await partner.GET("/v1/destinations", { params: { query: { q: "par" } } })).response.status).toBe(429);
    await admin.POST("/v1/admin/api-keys/{keyId}/revoke", { params: { path: { keyId } } });
    expect((await admin.POST("/v1/admin/api-keys/{keyId}/rotate", { params: { path: { keyId } } })).response.status).toBe(409);
  });

  it("reviews: write, replay, change, read, vote, report; the queue, a reply and a decision; and their refusals", async () => {
    const offerId = await search("hotels", "amadeus");
    const held = await traveller.POST("/v1/reservations", { params: { header: key() }, body: { offerId, travelers: oneTraveller } });
    const reservationId = held.data!.data.reservationId;
    await traveller.POST("/v1/reservations/{id}/confirm", { params: { path: { id: reservationId }, header: key() }, body: { paymentMethod: "pm_card_visa" } });
    const content = { overall: 8, categories: { value: 7 }, title: "Good value", text: "A fair price for a clean room near the metro.", language: "en", tripType: "solo" as const };
    const write = (header = key()) => traveller.POST("/v1/reviews", { params: { header }, body: { reservationId, ...content } });
    expect((await write()).response.status).toBe(422);
    const state = await traveller.GET("/v1/reservations/{id}/review", { params: { path: { id: reservationId } } });
    shiftMs = Date.parse(state.data!.data.opensAt!) - Date.now() + 60_000;
    try {
      const header = key();
      const written = await write(header);
      expect(written.response.status).toBe(201);
      expect((await write(header)).response.headers.get("idempotent-replayed")).toBe("true");
      expect((await write()).response.status).toBe(409);
      const { reviewId, subject } = written.data!.data;
      await traveller.PUT("/v1/reviews/{reviewId}", { params: { path: { reviewId } }, body: { ...content, overall: 9 } });
      expect((await traveller.PUT("/v1/reviews/{reviewId}", { params: { path: { reviewId: `rv_${"n".repeat(22)}` } }, body: content })).response.status).toBe(404);
      await anonymous.GET("/v1/hotels/{subjectId}/reviews", { params: { path: { subjectId: subject.id }, query: { sort: "highest_score" } } });
      await anonymous.GET("/v1/airlines/{subjectId}/reviews", { params: { path: { subjectId: "BA" } } });
      expect((await anonymous.GET("/v1/airlines/{subjectId}/reviews", { params: { path: { subjectId: "BA" }, query: { cursor: "garbage" } } })).response.status).toBe(400);
      await traveller.GET("/v1/me/reviews");
      expect((await traveller.POST("/v1/reviews/{reviewId}/helpful", { params: { path: { reviewId }, header: key() } })).response.status).toBe(422);
      await admin.POST("/v1/reviews/{reviewId}/helpful", { params: { path: { reviewId }, header: key() } });
      await admin.POST("/v1/reviews/{reviewId}/reports", { params: { path: { reviewId }, header: key() }, body: { reason: "a contract check" } });
      await admin.GET("/v1/admin/reviews/queue");
      await admin.PUT("/v1/admin/reviews/{reviewId}/reply", { params: { path: { reviewId } }, body: { text: "Thank you for staying.", by: "The manager" } });
      await admin.POST("/v1/admin/reviews/{reviewId}/moderation", { params: { path: { reviewId }, header: key() }, body: { decision: "keep", reason: "the report does not hold" } });
      expect((await admin.POST("/v1/admin/reviews/{reviewId}/moderation", { params: { path: { reviewId }, header: key() }, body: { decision: "approve", reason: "again" } })).response.status).toBe(409);
    } finally {
      shiftMs = 0;
    }
  });

  it("audit log and analytics", async () => {
    await admin.GET("/v1/admin/audit", { params: { query: { limit: 5 } } });
    await admin.GET("/v1/admin/audit", { params: { query: { since: new Date().toISOString(), until: new Date(Date.now() - 60_000).toISOString() } } });
    await admin.GET("/v1/admin/analytics/overview", { params: { query: { window: "1h" } } });
    await admin.GET("/v1/admin/analytics/top-routes");
    await admin.GET("/v1/admin/analytics/top-destinations", { params: { query: { limit: 3 } } });
    await admin.GET("/v1/admin/analytics/funnel");
    await admin.GET("/v1/admin/analytics/timeseries", { params: { query: { metric: "searches", interval: "hour", points: 3 } } });
    await admin.GET("/v1/admin/analytics/timeseries", { params: { query: { metric: "nothing" } } });
    await admin.DELETE("/v1/admin/analytics");
  });
});

describe("credentials", () => {
  it("every operation that requires credentials refuses a caller without them (401)", async () => {
    // Required: some security requirement is declared, and none of them is the empty one (`{}`: anyone).
    const requirements = (o: { operation: { security?: object[] } }) => (o.operation.security ?? contract.document.security ?? []) as object[];
    const secured = contract.operations.filter((o) => requirements(o).length > 0 && !requirements(o).some((s) => Object.keys(s).length === 0));
    expect(secured.length).toBeGreaterThan(0);
    for (const declared of secured) {
      const response = await callRaw(stack.api.url, declared, {});
      expect.soft(response.status, `${declared.key} without credentials`).toBe(401);
      await expectConforming(contract, declared, response);
    }
  });

  it("every admin operation refuses a traveller (403)", async () => {
    const adminOnly = contract.operations.filter((o) => o.path.startsWith("/v1/admin/"));
    for (const declared of adminOnly) {
      const response = await callRaw(stack.api.url, declared, bearer(tokens.traveller));
      expect.soft(response.status, `${declared.key} as a traveller`).toBe(403);
      await expectConforming(contract, declared, response);
    }
  });
});

it("called every operation the document declares, each with a success", () => {
  console.log("statuses seen per operation:", contract.coverage());
  expect(contract.unanswered(), "operations never answered with a 2xx or 304").toEqual([]);
});
