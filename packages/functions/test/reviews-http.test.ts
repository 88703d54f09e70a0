import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { json, oneTraveller, traveller, useBookingStack, type Json } from "./support/booking";
import { daysFromNow } from "./support/stack";

/**
 * Reviews over HTTP, on the whole local stack (API, DynamoDB Local, redis-server, the booking
 * worker's relay and subscribers, the simulator): a stay booked and confirmed through the API,
 * the clock moved past check-out (the API's `now`), then written, read, voted on, reported,
 * moderated; and the hotel's cached search answers follow its rating through the review events.
 */
let shiftMs = 0;
const stack = useBookingStack(() => ({ suppliers: { flights: "amadeus", stays: "amadeus" }, now: () => Date.now() + shiftMs }));

const content = {
  overall: 9,
  categories: { cleanliness: 10, service: 8 },
  title: "Quiet room, kind staff",
  text: "The room faced the courtyard and was quiet; breakfast was fresh every morning.",
  language: "en",
  tripType: "couple",
};

let nextDay = 3;
/**
 * A confirmed two-night stay at the first hotel of a city's search. Each test takes its own city,
 * none of the other suites' (the catalog table, where reviews live, is shared by the run's files),
 * so each hotel's reviews and figures are the test's own.
 */
async function stayedAt(cityCode: string): Promise<{ guest: ReturnType<typeof traveller>; reservationId: string; hotelId: string; checkIn: string; checkOut: string }> {
  shiftMs = 0;
  const checkIn = daysFromNow(nextDay);
  const checkOut = daysFromNow(nextDay + 2);
  nextDay += 3;
  const search = await json(await stack.api.get(`/v1/search/hotels?cityCode=${cityCode}&checkIn=${checkIn}&checkOut=${checkOut}&adults=1&rooms=1`));
  const offer = (search.data as Json[])[0]!;
  const guest = traveller(stack.api);
  const held = await guest.hold({ offerId: offer.id, travelers: oneTraveller });
  expect(held.status, await held.clone().text()).toBe(201);
  const { reservationId } = (await json(held)).data;
  expect((await guest.confirm(reservationId)).status).toBe(200);
  return { guest, reservationId, hotelId: offer.hotel.hotelId, checkIn, checkOut };
}

const moveTo = (iso: string) => void (shiftMs = Date.parse(iso) - Date.now());

describe("reviews over HTTP", () => {
  it("open to the guest alone at noon UTC on check-out day, once per reservation, with Idempotency-Key replays", async () => {
    const { guest, reservationId, hotelId, checkOut } = await stayedAt("LON");
    const opensAt = `${checkOut}T12:00:00.000Z`;
    expect((await json(await guest.get(`/v1/reservations/${reservationId}/review`))).data).toEqual({ state: "not_yet_open", opensAt });

    const early = await guest.post("/v1/reviews", { reservationId, ...content });
    expect(early.status).toBe(422);
    expect(await json(early)).toMatchObject({ type: expect.stringContaining("not-yet-open"), opensAt, detail: expect.stringContaining(opensAt) });

    moveTo(opensAt);
    expect((await json(await guest.get(`/v1/reservations/${reservationId}/review`))).data).toMatchObject({ state: "open", subject: { kind: "hotel", id: hotelId } });
    const stranger = traveller(stack.api);
    expect((await stranger.post("/v1/reviews", { reservationId, ...content })).status).toBe(404);
    expect((await guest.post("/v1/reviews", { reservationId, ...content }, null)).status).toBe(400);
    const invalid = await guest.post("/v1/reviews", { reservationId, ...content, overall: 11, categories: { wifi: 5 }, extra: true });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(["overall", "extra"]));
    const wrongCategory = await guest.post("/v1/reviews", { reservationId, ...content, categories: { punctuality: 5 } });
    expect(wrongCategory.status).toBe(400);
    expect((await json(wrongCategory)).detail).toContain("cleanliness, location, service, value, comfort");

    const key = randomUUID();
    const written = await guest.post("/v1/reviews", { reservationId, ...content }, key);
    expect(written.status, await written.clone().text()).toBe(201);
    const review = (await json(written)).data;
    expect(review).toMatchObject({ status: "APPROVED", verified: true, subject: { kind: "hotel", id: hotelId }, overall: 9, reservationId, displayName: "Verified traveller" });
    const replayed = await guest.post("/v1/reviews", { reservationId, ...content }, key);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect((await json(replayed)).data.reviewId).toBe(review.reviewId);
    expect((await guest.post("/v1/reviews", { reservationId, ...content, overall: 2 }, key)).status).toBe(422);
    const second = await guest.post("/v1/reviews", { reservationId, ...content, overall: 2 });
    expect(second.status).toBe(409);
    expect((await json(second)).type).toContain("already-reviewed");
    expect((await json(await guest.get(`/v1/reservations/${reservationId}/review`))).data).toMatchObject({ state: "reviewed", review: { reviewId: review.reviewId } });

    // Anyone reads it, by display name only.
    const listed = await json(await stack.api.get(`/v1/hotels/${hotelId}/reviews`));
    expect(listed.data.map((r: Json) => r.reviewId)).toEqual([review.reviewId]);
    expect(listed.data[0]).not.toHaveProperty("reservationId");
    expect(JSON.stringify(listed)).not.toContain(await guest.userId());
    expect(listed.meta.summary).toMatchObject({ count: 1, overall: 9, categories: { cleanliness: 10, service: 8, location: null } });

    // The author changes it; mine lists it.
    const changed = await fetch(`${stack.api.url}/v1/reviews/${review.reviewId}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${await guest.signedIn()}` },
      body: JSON.stringify({ ...content, overall: 7 }),
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await json(await stack.api.get(`/v1/hotels/${hotelId}/reviews`))).meta.summary).toMatchObject({ count: 1, overall: 7 });
    expect((await json(await guest.get("/v1/me/reviews"))).data.map((r: Json) => r.reviewId)).toEqual([review.reviewId]);
  });

  it("travellers mark it helpful and report it once each; the hotel replies; a moderator removes it, audited", async () => {
    const { guest, reservationId, hotelId, checkOut } = await stayedAt("ROM");
    moveTo(`${checkOut}T13:00:00Z`);
    const review = (await json(await guest.post("/v1/reviews", { reservationId, ...content }))).data;
    const reader = traveller(stack.api);

    expect((await guest.post(`/v1/reviews/${review.reviewId}/helpful`, {})).status).toBe(422);
    const vote = await reader.post(`/v1/reviews/${review.reviewId}/helpful`, {});
    expect(vote.status).toBe(201);
    expect((await json(vote)).data).toEqual({ helpfulCount: 1 });
    expect((await reader.post(`/v1/reviews/${review.reviewId}/helpful`, {})).status).toBe(409);

    const reported = await reader.post(`/v1/reviews/${review.reviewId}/reports`, { reason: "describes another hotel" });
    expect(reported.status).toBe(201);
    expect((await reader.post(`/v1/reviews/${review.reviewId}/reports`, { reason: "again" })).status).toBe(409);

    // Travellers cannot moderate; admins see it in the queue with its report.
    expect((await reader.get("/v1/admin/reviews/queue")).status).toBe(403);
    const queue = await json(await stack.api.admin("/v1/admin/reviews/queue?limit=100"));
    expect(queue.data.find((r: Json) => r.reviewId === review.reviewId)).toMatchObject({ status: "APPROVED", reportCount: 1 });

    const reply = await stack.api.admin(`/v1/admin/reviews/${review.reviewId}/reply`, { method: "PUT", body: JSON.stringify({ text: "Thank you, we hope to see you again.", by: "The manager" }) });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const decide = (decision: string) =>
      stack.api.admin(`/v1/admin/reviews/${review.reviewId}/moderation`, { method: "POST", headers: { "idempotency-key": randomUUID() }, body: JSON.stringify({ decision, reason: "checked the report" }) });
    const removed = await decide("remove");
    expect(removed.status, await removed.clone().text()).toBe(200);
    expect((await json(removed)).data.status).toBe("REMOVED");
    expect((await decide("remove")).status).toBe(409);
    const listed = await json(await stack.api.get(`/v1/hotels/${hotelId}/reviews`));
    expect(listed.data).toEqual([]);
    expect(listed.meta.summary).toMatchObject({ count: 0, overall: null });
    // The audit log is written at the API's clock, moved past check-out here.
    const until = new Date(Date.now() + shiftMs + 60_000).toISOString();
    const audit = await json(await stack.api.admin(`/v1/admin/audit?action=review.moderated&limit=100&until=${encodeURIComponent(until)}`));
    expect(audit.data.some((entry: Json) => entry.target?.id === review.reviewId && entry.details?.decision === "remove")).toBe(true);
  });

  it("an author's export holds their reviews; erasure leaves them published, by \"Former traveller\", linked to nobody", async () => {
    const { guest, reservationId, hotelId, checkOut } = await stayedAt("BER");
    moveTo(`${checkOut}T13:00:00Z`);
    const review = (await json(await guest.post("/v1/reviews", { reservationId, ...content }))).data;
    const exported = await json(await guest.get("/v1/me/export"));
    expect(exported.reviews).toEqual([expect.objectContaining({ reviewId: review.reviewId, reservationId, title: content.title })]);

    const erased = await fetch(`${stack.api.url}/v1/me`, { method: "DELETE", headers: { authorization: `Bearer ${await guest.signedIn()}` } });
    expect(erased.status, await erased.clone().text()).toBe(200);
    expect((await json(erased)).data.reviewsDetached).toBe(1);
    const listed = await json(await stack.api.get(`/v1/hotels/${hotelId}/reviews`));
    expect(listed.data).toEqual([expect.objectContaining({ reviewId: review.reviewId, displayName: "Former traveller" })]);
    expect(listed.meta.summary.count).toBe(1);
  });

  it("bad input is a 400 naming the field, never a 500", async () => {
    expect((await stack.api.get("/v1/hotels/PARHOTEL/reviews?sort=best")).status).toBe(400);
    expect((await stack.api.get("/v1/hotels/PARHOTEL/reviews?sort=helpful&cursor=bm9wZQ")).status).toBe(400);
    expect((await stack.api.get("/v1/hotels/PARHOTEL/reviews?cursor=garbage")).status).toBe(400);
    expect((await stack.api.get("/v1/airlines/british/reviews")).status).toBe(400);
    expect((await stack.api.get("/v1/airlines/BA/reviews")).status).toBe(200);
    expect((await fetch(`${stack.api.url}/v1/reviews`, { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("a hotel's cached search answers follow its verified rating: the review events reach the search cache", async () => {
    const { guest, reservationId, hotelId, checkOut } = await stayedAt("MAD");
    const later = daysFromNow(nextDay + 10);
    const after = daysFromNow(nextDay + 12);
    const searchPath = `/v1/search/hotels?cityCode=MAD&checkIn=${later}&checkOut=${after}&adults=1&rooms=1`;
    const hotelIn = async () => ((await json(await stack.api.get(searchPath))).data as Json[]).find((o) => o.hotel.hotelId === hotelId)?.hotel;
    const before = await hotelIn();
    expect(before).toBeDefined();
    expect(before.comparableRating.sources.map((s: Json) => s.source)).not.toContain("verified");

    moveTo(`${checkOut}T13:00:00Z`);
    expect((await guest.post("/v1/reviews", { reservationId, ...content, overall: 10 })).status).toBe(201);
    // Until the events are relayed, the cached answer stands; then it is dropped and rebuilt.
    await stack.worker.relayOnce();
    await stack.worker.drain();
    const afterReview = await hotelIn();
    const verified = afterReview.comparableRating.sources.find((s: Json) => s.source === "verified");
    expect(verified).toMatchObject({ value: 10, reviewCount: 1, verified: true });
  });
});
