import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBookingWorker, type BookingWorker } from "../src/worker/booking-worker";
import { flightOffer, hotelOffer, mailsMentioning, oneTraveller, outboxRowsOf, retried503, scanWhere, traveller } from "./support/booking";
import { amadeusAlone, daysFromNow, startApi, startSimulator, testAdminEmail, type RunningSimulator, type TestApi } from "./support/helpers";

let simulator: RunningSimulator;
let api: TestApi;
let worker: BookingWorker;

beforeAll(async () => {
  simulator = await startSimulator();
  // Seats laid out here (the Amadeus format has no seat maps); Duffel's own seat maps: suppliers-side-by-side.test.ts.
  api = await startApi(simulator.url, { suppliers: amadeusAlone });
  worker = createBookingWorker(api.config);
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await simulator?.close();
});

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

describe("seat maps and holds", () => {
  it("shows a fresh departure's seat map with every seat available", async () => {
    const offer = await flightOffer(api);
    const response = await api.get(`/v1/offers/${offer.id}/seats`);
    expect(response.status).toBe(200);
    const { data } = await json(response);
    expect(data).toMatchObject({ vertical: "flights", cabin: "ECONOMY", fareClass: "Y" });
    expect(data.eventId).toMatch(/^FL-[A-Z0-9]+-\d{4}-\d{2}-\d{2}-ECONOMY$/);
    expect(data.seats).toHaveLength(180);
    expect(data.seatsAvailable).toBe(180);
    expect(data.seats[0]).toEqual({ seatId: "14A", row: 14, letter: "A", status: "AVAILABLE" });
  });

  it("holds a chosen seat for ten minutes, with its outbox row, and shows it held", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const before = Date.now();
    const response = await ada.hold({ offerId: offer.id, seatIds: ["20C"], travelers: oneTraveller });
    expect(response.status).toBe(201);
    const { data } = await json(response);
    expect(data).toMatchObject({ status: "HOLD", seatIds: ["20C"], quantity: 1, totalAmount: offer.total, currency: offer.currency, contactEmail: "ada@example.com" });
    expect(data.reservationId).toMatch(/^res_/);
    const holdMs = Date.parse(data.holdExpiresAt) - before;
    expect(holdMs).toBeGreaterThan(9.9 * 60_000);
    expect(holdMs).toBeLessThan(10.1 * 60_000);

    const seats = (await json(await api.get(`/v1/offers/${offer.id}/seats`))).data;
    expect(seats.seats.find((s: Json) => s.seatId === "20C").status).toBe("HELD");
    expect(seats.seatsAvailable).toBe(179);

    const [row, ...more] = await outboxRowsOf(api.config, data.reservationId);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ type: "ReservationCreated", status: "PENDING", attempts: 0, aggregate_type: "reservation" });
    expect(JSON.parse(row!.payload as string)).toMatchObject({ schemaVersion: 1, status: "HOLD", eventId: row!.outbox_id, reservation: { reservationId: data.reservationId, seatIds: ["20C"] } });

    expect((await json(await ada.get(`/v1/reservations/${data.reservationId}`))).data).toEqual(data);
  });

  it("assigns the first free seats when none are chosen", async () => {
    const offer = await flightOffer(api, { adults: "2" });
    const response = await traveller(api).hold({ offerId: offer.id, travelers: [...oneTraveller, { firstName: "Charles", lastName: "Babbage" }] });
    expect(response.status).toBe(201);
    expect((await json(response)).data.seatIds).toEqual(["14A", "14B"]);
  });

  it("gives one of 200 concurrent holds on one seat the seat and 409 naming it to the other 199", async () => {
    const offer = await flightOffer(api);
    const contenders = Array.from({ length: 200 }, () => traveller(api));
    // Sign-ins 20 at a time (the issuer is not what this test contends on), then every hold at once.
    for (let i = 0; i < contenders.length; i += 20) await Promise.all(contenders.slice(i, i + 20).map((t) => t.signedIn()));
    const started = performance.now();
    const responses = await Promise.all(contenders.map((t) => t.hold({ offerId: offer.id, seatIds: ["30F"], travelers: oneTraveller })));
    const statuses = responses.map((r) => r.status);
    console.info(`200 concurrent holds answered in ${Math.round(performance.now() - started)} ms`);
    if (retried503 > 0) console.info(`200 concurrent holds: ${retried503} answers were 503 (DynamoDB Local busy) and retried with their key`);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    const refusals = await Promise.all(responses.filter((r) => r.status === 409).map(json));
    for (const refusal of refusals) expect(refusal).toMatchObject({ type: expect.stringContaining("seats-unavailable"), seatIds: ["30F"] });

    // The tables agree: one reservation holds 30F, the seat names it, one Created event exists.
    const winner = (await json(responses.find((r) => r.status === 201)!)).data;
    const holders = (await scanWhere(api.config.ReservationsTable.name, "event_id", winner.eventId)).filter((r) => (r.seat_ids as string[]).includes("30F"));
    expect(holders.map((r) => r.reservation_id)).toEqual([winner.reservationId]);
    const seat = (await json(await api.get(`/v1/offers/${offer.id}/seats`))).data.seats.find((s: Json) => s.seatId === "30F");
    expect(seat.status).toBe("HELD");
    expect(await outboxRowsOf(api.config, winner.reservationId)).toHaveLength(1);
  }, 120_000);

  it("writes neither the reservation nor its event when the seat is taken", async () => {
    const offer = await flightOffer(api);
    expect((await traveller(api).hold({ offerId: offer.id, seatIds: ["15B"], travelers: oneTraveller })).status).toBe(201);
    const loser = traveller(api);
    const refused = await loser.hold({ offerId: offer.id, seatIds: ["15B"], travelers: oneTraveller });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ type: expect.stringContaining("seats-unavailable"), seatIds: ["15B"], detail: "seat(s) 15B already taken" });
    expect(await scanWhere(api.config.ReservationsTable.name, "user_id", await loser.userId())).toHaveLength(0);
    const list = await json(await loser.get("/v1/me/reservations"));
    expect(list.data).toEqual([]);
  });

  it("refuses selections that do not fit the offer with 4xx, never 500", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const cases: Array<[Json, number, RegExp]> = [
      [{ offerId: offer.id, seatIds: ["99Z"], travelers: oneTraveller }, 400, /seat ids look like 12A/],
      [{ offerId: offer.id, seatIds: ["3A"], travelers: oneTraveller }, 422, /no seat 3A in ECONOMY/],
      [{ offerId: offer.id, seatIds: ["14A", "14B"], travelers: oneTraveller }, 422, /choose 1 seat/],
      [{ offerId: offer.id, travelers: [...oneTraveller, ...oneTraveller] }, 422, /priced for 1 traveller/],
      [{ offerId: offer.id, travelers: [{ firstName: "Ada", lastName: "Lovelace" }] }, 400, /contactEmail is required/],
      [{ offerId: "fo_AAAAAAAAAAAAAAAAAAAAAA", travelers: oneTraveller }, 404, /no offer/],
      [{ offerId: offer.id, travelers: [] }, 400, /travelers/],
    ];
    for (const [body, status, detail] of cases) {
      const response = await ada.hold(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await json(response)).detail).toMatch(detail);
    }
  });

  it("holds hotel rooms per night until the category is full", async () => {
    const offer = await hotelOffer(api);
    const holds = await Promise.all(Array.from({ length: 9 }, () => traveller(api).hold({ offerId: offer.id, travelers: oneTraveller })));
    expect(holds.map((h) => h.status).sort()).toEqual([...Array(8).fill(201), 409]);
    const full = await json(holds.find((h) => h.status === 409)!);
    expect(full.type).toContain("rooms-unavailable");
    const { data } = await json(await api.get(`/v1/offers/${offer.id}/seats`));
    expect(data).toMatchObject({ vertical: "hotels", roomsAvailable: 0 });
    expect(data.nights).toHaveLength(2);
    for (const night of data.nights) expect(night).toMatchObject({ capacity: 8, available: 0, held: 8, sold: 0 });
  });
});

describe("Idempotency-Key", () => {
  it("is required on unsafe POSTs", async () => {
    const offer = await flightOffer(api);
    const response = await traveller(api).post("/v1/reservations", { offerId: offer.id, travelers: oneTraveller }, null);
    expect(response.status).toBe(400);
    expect((await json(response)).type).toContain("idempotency-key-missing");
  });

  it("replays the first response for the same key and body, refuses another body with 422", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const key = randomUUID();
    const body = { offerId: offer.id, seatIds: ["22A"], travelers: oneTraveller };
    const first = await ada.hold(body, key);
    const firstBody = await first.text();
    const again = await ada.hold(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    expect(await scanWhere(api.config.ReservationsTable.name, "user_id", await ada.userId())).toHaveLength(1);

    const other = await ada.hold({ ...body, seatIds: ["22B"] }, key);
    expect(other.status).toBe(422);
    expect((await json(other)).type).toContain("idempotency-key-reused");

    // Keys are per user: another traveller's same key is a new request.
    const bob = traveller(api);
    expect((await bob.hold({ ...body, seatIds: ["22C"] }, key)).status).toBe(201);
  });

  it("replays a refusal too (the seat stays taken for this key)", async () => {
    const offer = await flightOffer(api);
    await traveller(api).hold({ offerId: offer.id, seatIds: ["23A"], travelers: oneTraveller });
    const ada = traveller(api);
    const key = randomUUID();
    const first = await ada.hold({ offerId: offer.id, seatIds: ["23A"], travelers: oneTraveller }, key);
    expect(first.status).toBe(409);
    const again = await ada.hold({ offerId: offer.id, seatIds: ["23A"], travelers: oneTraveller }, key);
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("confirm, orders and cancellation", () => {
  it("takes payment, confirms, writes the order and sells the seat", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, seatIds: ["25D"], travelers: oneTraveller }))).data;
    const response = await ada.confirm(held.reservationId);
    expect(response.status).toBe(200);
    const { data } = await json(response);
    expect(data).toMatchObject({ status: "CONFIRMED", orderId: expect.stringMatching(/^ord_/) });

    const order = await json(await ada.get(`/v1/orders/${data.orderId}`));
    expect(order.data).toMatchObject({ orderId: data.orderId, reservationId: held.reservationId, status: "CONFIRMED", totalAmount: offer.total, seatIds: ["25D"], paymentId: expect.stringMatching(/^pi_sim_/) });
    expect((await json(await ada.get("/v1/me/orders"))).data.map((o: Json) => o.orderId)).toEqual([data.orderId]);
    const seat = (await json(await api.get(`/v1/offers/${offer.id}/seats`))).data.seats.find((s: Json) => s.seatId === "25D");
    expect(seat.status).toBe("SOLD");
    expect((await outboxRowsOf(api.config, held.reservationId)).map((r) => r.type).sort()).toEqual(["ReservationCreated", "ReservationStatusChanged"]);

    // Confirming again (new key) is refused: it is no longer a hold.
    const twice = await ada.confirm(held.reservationId);
    expect(twice.status).toBe(409);
    expect(await json(twice)).toMatchObject({ type: expect.stringContaining("invalid-transition"), reservationStatus: "CONFIRMED" });
  });

  it("keeps the hold when the card is declined (402 with the reason), then confirms with another card", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    for (const [card, code] of [["pm_card_chargeDeclined", "card_declined"], ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"]]) {
      const declined = await ada.confirm(held.reservationId, card);
      expect(declined.status).toBe(402);
      expect(await json(declined)).toMatchObject({ declineCode: code, reservationStatus: "HOLD" });
    }
    expect((await json(await ada.get(`/v1/reservations/${held.reservationId}`))).data.status).toBe("HOLD");
    const provider = await ada.confirm(held.reservationId, "pm_card_chargeDeclinedProcessingError");
    expect(provider.status).toBe(502);
    expect((await ada.confirm(held.reservationId, "pm_card_visa")).status).toBe(200);
  });

  it("answers 409 to a repeat while the first confirm is still paying, then replays its result", async () => {
    const slowApi = await startApi(simulator.url, { suppliers: amadeusAlone, payments: new (await import("@travel/core/payments")).SimulatedPaymentProvider({ slowMs: 1_500 }) });
    try {
      const offer = await flightOffer(slowApi);
      const ada = traveller(slowApi);
      const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
      const key = randomUUID();
      const first = ada.confirm(held.reservationId, "pm_card_slow", key);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const during = await ada.confirm(held.reservationId, "pm_card_slow", key);
      expect(during.status).toBe(409);
      expect(during.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await json(during)).type).toContain("idempotency-request-in-flight");
      expect((await first).status).toBe(200);
      const after = await ada.confirm(held.reservationId, "pm_card_slow", key);
      expect(after.status).toBe(200);
      expect(after.headers.get("idempotent-replayed")).toBe("true");
    } finally {
      await slowApi.close();
    }
  });

  it("cancels a hold (seat free again) and a confirmed booking (full refund, order cancelled)", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const hold = (await json(await ada.hold({ offerId: offer.id, seatIds: ["26A"], travelers: oneTraveller }))).data;
    const released = await ada.cancel(hold.reservationId);
    expect(released.status).toBe(200);
    expect((await json(released)).data).toMatchObject({ status: "CANCELLED" });
    const seatsAfter = (await json(await api.get(`/v1/offers/${offer.id}/seats`))).data.seats;
    expect(seatsAfter.find((s: Json) => s.seatId === "26A").status).toBe("AVAILABLE");

    const booked = (await json(await ada.hold({ offerId: offer.id, seatIds: ["26A"], travelers: oneTraveller }))).data;
    const confirmed = (await json(await ada.confirm(booked.reservationId))).data;
    const cancelled = await ada.cancel(booked.reservationId);
    expect(cancelled.status).toBe(200);
    expect((await json(cancelled)).data).toMatchObject({ status: "CANCELLED", refundedAmount: offer.total });
    expect((await json(await ada.get(`/v1/orders/${confirmed.orderId}`))).data).toMatchObject({ status: "CANCELLED", refundedAmount: offer.total });
    expect((await json(await api.get(`/v1/offers/${offer.id}/seats`))).data.seats.find((s: Json) => s.seatId === "26A").status).toBe("AVAILABLE");
    expect((await ada.cancel(booked.reservationId)).status).toBe(409);
  });

  it("lists my reservations by status and pages through them", async () => {
    const ada = traveller(api);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const offer = await flightOffer(api);
      ids.push((await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data.reservationId);
    }
    await ada.confirm(ids[0]!);
    const held = await json(await ada.get("/v1/me/reservations?status=HOLD"));
    expect(held.data.map((r: Json) => r.reservationId).sort()).toEqual([ids[1], ids[2]].sort());
    const first = await json(await ada.get("/v1/me/reservations?limit=2"));
    expect(first.data).toHaveLength(2);
    expect(first.meta.nextCursor).toEqual(expect.any(String));
    const second = await json(await ada.get(`/v1/me/reservations?limit=2&cursor=${encodeURIComponent(first.meta.nextCursor)}`));
    expect([...first.data, ...second.data].map((r: Json) => r.reservationId).sort()).toEqual([...ids].sort());
    expect((await ada.get("/v1/me/reservations?status=PENDING")).status).toBe(400);
  });

  it("hides other travellers' reservations and orders (404, not 403)", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    const confirmed = (await json(await ada.confirm(held.reservationId))).data;
    const mallory = traveller(api);
    expect((await mallory.get(`/v1/reservations/${held.reservationId}`)).status).toBe(404);
    expect((await mallory.get(`/v1/orders/${confirmed.orderId}`)).status).toBe(404);
    expect((await mallory.cancel(held.reservationId)).status).toBe(404);
    expect((await mallory.confirm(held.reservationId)).status).toBe(404);
  });

  it("lets admins (by token) into admin routes, and gives travellers 403", async () => {
    const stats = (authorization?: string) => fetch(`${api.url}/v1/admin/cache/stats`, authorization ? { headers: { authorization } } : {});
    expect((await stats(`Bearer ${await api.signIn(testAdminEmail)}`)).status).toBe(200);
    const traveller403 = await stats(`Bearer ${await api.signIn("just-a-traveller@example.com")}`);
    expect(traveller403.status).toBe(403);
    expect((await json(traveller403)).type).toContain("forbidden");
    expect((await stats("Bearer abc.def.ghi")).status).toBe(401);
    expect((await stats()).status).toBe(401);
  });

  it("sends security headers on booking responses and refuses oversized bodies with 413", async () => {
    const ada = traveller(api);
    const list = await ada.get("/v1/me/reservations");
    expect(list.status).toBe(200);
    expect(list.headers.get("x-content-type-options")).toBe("nosniff");
    expect(list.headers.get("strict-transport-security")).toContain("max-age=");
    expect(list.headers.get("x-frame-options")).toBe("DENY");
    const huge = await ada.hold({ offerId: "fo_AAAAAAAAAAAAAAAAAAAAAA", travelers: oneTraveller, padding: "x".repeat(100 * 1024) });
    expect(huge.status).toBe(413);
    expect((await json(huge)).type).toContain("payload-too-large");
  });

  it("refuses requests without a valid access token with 401 and a Bearer challenge", async () => {
    const offer = await flightOffer(api);
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    const missing = await fetch(`${api.url}/v1/reservations/${held.reservationId}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="travel-platform"');
    const token = await api.signIn(ada.email);
    const [header, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const asSomeoneElse = `${header}.${Buffer.from(JSON.stringify({ ...claims, properties: { ...claims.properties, id: "usr_someone_else" } })).toString("base64url")}.${token.split(".")[2]}`;
    for (const bad of [`${token}x`, asSomeoneElse, `${header}.${payload}.`]) {
      const refused = await fetch(`${api.url}/v1/me/reservations`, { headers: { authorization: `Bearer ${bad}` } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
    const basic = await fetch(`${api.url}/v1/me/orders`, { headers: { authorization: "Basic YWRhOnB3" } });
    expect(basic.status).toBe(401);
  });
});

describe("events of booking changes", () => {
  it("delivers each change to its subscribers: emails with the itinerary, search cache of the route dropped", async () => {
    const searchUrl = `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${daysFromNow(300)}&adults=1`;
    const searched = await json(await api.get(searchUrl));
    const offer = { id: searched.data[0].id as string, total: searched.data[0].price.total as string, currency: searched.data[0].price.currency as string };
    expect((await api.get(searchUrl)).headers.get("x-cache")).toBe("HIT");
    const ada = traveller(api);
    const held = (await json(await ada.hold({ offerId: offer.id, seatIds: ["27A"], travelers: oneTraveller }))).data;
    await ada.confirm(held.reservationId);
    const report = await worker.relayOnce();
    expect(report.sent).toBeGreaterThanOrEqual(2);
    await worker.drain();
    const rows = await outboxRowsOf(api.config, held.reservationId);
    expect(rows.map((r) => r.status)).toEqual(["SENT", "SENT"]);
    // The route's cached answers showed seats that are now sold: the next search asks the supplier.
    let cache: string | null = "HIT";
    for (let i = 0; i < 40 && cache !== "MISS"; i++) {
      cache = (await api.get(searchUrl)).headers.get("x-cache");
      if (cache !== "MISS") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cache).toBe("MISS");
    const mails = await mailsMentioning(api.config, held.reservationId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: =?UTF-8?B?");
    expect(mails[0]).toContain("To: ada@example.com");
    expect(mails[0]).toMatch(/LHR \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(mails[0]).toContain("seats 27A");

    // Cancelling the paid booking sends the cancellation with the refund.
    expect((await ada.cancel(held.reservationId)).status).toBe(200);
    await worker.relayOnce();
    await worker.drain();
    const both = await mailsMentioning(api.config, held.reservationId);
    expect(both).toHaveLength(2);
    expect(both.find((m) => m.includes("is cancelled"))).toContain(`Refund: ${offer.total} ${offer.currency}`);
  });
});
