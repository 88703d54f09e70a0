/**
 * Reviews kept in the catalog table of DynamoDB Local (core/reviews/service.ts): a real stay booked
 * and confirmed through the booking service, the clock moved past check-out, then written,
 * refused, queued, moderated and counted.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDynamoClient } from "../src/db";
import { createReviewEntities, ReviewInteractions, ReviewService, tripsFromBooking, type ReviewInput } from "../src/reviews";
import { bookingCore, days, ok } from "./support/booking";

async function setUp() {
  const core = await bookingCore();
  const deps = { client: createDynamoClient(), entities: createReviewEntities(createDynamoClient(), core.tables.catalog), trips: tripsFromBooking(core.booking), outbox: core.entities, now: core.clock.now };
  const reviews = new ReviewService(deps);
  const interactions = new ReviewInteractions(deps, reviews);
  /** A confirmed two-night stay starting tomorrow, at a hotel of its own. */
  const stay = async (userId: string) => {
    const hotel = core.offers.hotel({ daysAhead: 1 });
    const held = ok(await core.hold({ userId, offerId: hotel.id }));
    ok(await core.confirm(userId, held.reservationId));
    return { hotel, reservationId: held.reservationId };
  };
  return { core, reviews, interactions, stay };
}

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  overall: 9,
  categories: { cleanliness: 10, location: 8 },
  title: "A quiet room near the river",
  text: "Friendly staff, a quiet room and a very good breakfast every morning.",
  language: "en",
  tripType: "couple",
  ...overrides,
});

describe("reviews of a confirmed stay", () => {
  it("open after check-out to the traveller alone, once per reservation, and count in the hotel's figures", async () => {
    const { core, reviews, stay } = await setUp();
    const ada = `user-${randomUUID().slice(0, 8)}`;
    const { hotel, reservationId } = await stay(ada);

    const early = await reviews.submit(ada, "Ada", reservationId, input(), "trace-test");
    expect(early).toEqual({ refused: { code: "not_yet_open", message: expect.stringContaining(hotel.checkOut), opensAt: `${hotel.checkOut}T12:00:00.000Z` } });

    core.clock.advance(days(4));
    expect(await reviews.submit("user-someone-else", "Bob", reservationId, input(), "trace-test")).toMatchObject({ refused: { code: "not_found" } });
    expect(await reviews.submit(ada, "Ada", reservationId, input({ categories: { punctuality: 5 } }), "trace-test")).toMatchObject({ refused: { code: "invalid_categories" } });

    const written = ok(await reviews.submit(ada, "Ada", reservationId, input(), "trace-test"));
    expect(written).toMatchObject({ status: "APPROVED", subject: { kind: "hotel", id: hotel.hotel.hotelId, name: hotel.hotel.name }, displayName: "Ada", overall: 9, flags: [] });
    expect(await reviews.submit(ada, "Ada", reservationId, input({ overall: 3 }), "trace-test")).toMatchObject({ refused: { code: "already_reviewed" } });

    expect(await reviews.figures("hotel", hotel.hotel.hotelId)).toMatchObject({ count: 1, overall: 9, categories: { cleanliness: 10, location: 8, service: null } });
    const page = await reviews.published("hotel", hotel.hotel.hotelId, { sort: "newest", limit: 10 });
    expect(page.items.map((r) => r.reviewId)).toEqual([written.reviewId]);
  });

  it("a review with a link waits for a moderator, then counts once approved; a decided one cannot be decided again", async () => {
    const { core, reviews, stay } = await setUp();
    const ada = `user-${randomUUID().slice(0, 8)}`;
    const bob = `user-${randomUUID().slice(0, 8)}`;
    const first = await stay(ada);
    core.clock.advance(days(4));
    const hotelId = first.hotel.hotel.hotelId;

    const queued = ok(await reviews.submit(ada, "Ada", first.reservationId, input({ overall: 4, text: "Noisy at night; see www.noisy-hotels.example.org for pictures of it." }), "trace-test"));
    expect(queued).toMatchObject({ status: "PENDING", flags: ["link"], text: "Noisy at night; see [link removed] for pictures of it." });
    expect((await reviews.published("hotel", hotelId, { sort: "newest", limit: 10 })).items).toEqual([]);
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 0, overall: null });
    expect((await reviews.queue({ limit: 100 })).items.map((r) => r.reviewId)).toContain(queued.reviewId);

    const approved = ok(await reviews.moderate(queued.reviewId, "approve", { by: "usr_admin", reason: "the link is gone; the rest is fair" }, "trace-test"));
    expect(approved).toMatchObject({ status: "APPROVED" });
    expect(await reviews.moderate(queued.reviewId, "reject", { by: "usr_admin", reason: "second thoughts" }, "trace-test")).toMatchObject({ refused: { code: "not_pending" } });
    expect((await reviews.queue({ limit: 100 })).items.map((r) => r.reviewId)).not.toContain(queued.reviewId);
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 1, overall: 4 });
    expect(await reviews.moderate("rv_nope", "approve", { by: "usr_admin", reason: "x" }, "trace-test")).toMatchObject({ refused: { code: "not_found" } });

    // Another traveller's stay at another hotel: its figures are its own.
    const second = await stay(bob);
    core.clock.advance(days(4));
    ok(await reviews.submit(bob, "Bob", second.reservationId, input({ overall: 10 }), "trace-test"));
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 1, overall: 4 });
    expect(await reviews.figures("hotel", second.hotel.hotel.hotelId)).toMatchObject({ count: 1, overall: 10 });
  });
});

describe("after a review is written", () => {
  it("its author changes it for 30 days, and the figures follow exactly; a link in the new version sends it back to the queue", async () => {
    const { core, reviews, interactions, stay } = await setUp();
    const ada = `user-${randomUUID().slice(0, 8)}`;
    const { hotel, reservationId } = await stay(ada);
    core.clock.advance(days(4));
    const hotelId = hotel.hotel.hotelId;
    const written = ok(await reviews.submit(ada, "Ada", reservationId, input({ overall: 9, categories: { cleanliness: 10 } }), "trace-test"));

    expect(await interactions.edit("user-someone-else", written.reviewId, input(), "trace-test")).toMatchObject({ refused: { code: "not_found" } });
    const edited = ok(await interactions.edit(ada, written.reviewId, input({ overall: 6, categories: { cleanliness: 5, value: 7 } }), "trace-test"));
    expect(edited).toMatchObject({ status: "APPROVED", overall: 6 });
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 1, overall: 6, categories: { cleanliness: 5, value: 7, location: null } });

    const relinked = ok(await interactions.edit(ada, written.reviewId, input({ overall: 6, text: "Changed my mind, see https://elsewhere.example.com for the full story." }), "trace-test"));
    expect(relinked).toMatchObject({ status: "PENDING", flags: ["link"] });
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 0, overall: null });
    expect((await reviews.queue({ limit: 100 })).items.map((r) => r.reviewId)).toContain(written.reviewId);

    core.clock.advance(days(31));
    expect(await interactions.edit(ada, written.reviewId, input(), "trace-test")).toMatchObject({ refused: { code: "not_editable" } });
  });

  it("travellers mark it helpful or report it once each, the hotel replies beside it, and an erased author leaves it detached", async () => {
    const { core, reviews, interactions, stay } = await setUp();
    const ada = `user-${randomUUID().slice(0, 8)}`;
    const { hotel, reservationId } = await stay(ada);
    core.clock.advance(days(4));
    const written = ok(await reviews.submit(ada, "Ada", reservationId, input(), "trace-test"));

    expect(await interactions.markHelpful(ada, written.reviewId)).toMatchObject({ refused: { code: "own_review" } });
    expect(ok(await interactions.markHelpful("user-bob", written.reviewId))).toEqual({ helpfulCount: 1 });
    expect(await interactions.markHelpful("user-bob", written.reviewId)).toMatchObject({ refused: { code: "already_voted" } });
    expect(ok(await interactions.markHelpful("user-cy", written.reviewId))).toEqual({ helpfulCount: 2 });
    expect(ok(await interactions.report("user-bob", written.reviewId, "not about this hotel"))).toEqual({ reportCount: 1 });
    expect(await interactions.report("user-bob", written.reviewId, "again")).toMatchObject({ refused: { code: "already_reported" } });

    const replied = ok(await interactions.reply(written.reviewId, "Thank you, Ada! Write to us at desk@hotel.example.com next time.", "usr_admin"));
    expect(replied.reply).toMatchObject({ text: "Thank you, Ada! Write to us at [email removed] next time.", by: "usr_admin" });
    expect(replied.helpfulCount).toBe(2);

    expect((await interactions.ofAuthor(ada)).map((r) => r.reviewId)).toEqual([written.reviewId]);
    expect(await interactions.detachAuthor(ada)).toBe(1);
    expect(await interactions.ofAuthor(ada)).toEqual([]);
    const [kept] = (await reviews.published("hotel", hotel.hotel.hotelId, { sort: "newest", limit: 10 })).items;
    expect(kept).toMatchObject({ reviewId: written.reviewId, displayName: "Former traveller", overall: 9 });
    expect((await reviews.find(written.reviewId))?.userId).toBe("");
    expect(await reviews.figures("hotel", hotel.hotel.hotelId)).toMatchObject({ count: 1, overall: 9 });

    // Bob's vote and report are in his export; erasing him deletes them, and the counts stay.
    expect(await interactions.ofAuthor("user-bob")).toEqual([
      { reaction: "report", reviewId: written.reviewId, reason: "not about this hotel", createdAt: expect.any(String) },
      { reaction: "vote", reviewId: written.reviewId, createdAt: expect.any(String) },
    ]);
    expect(await interactions.detachAuthor("user-bob")).toBe(0);
    expect(await interactions.ofAuthor("user-bob")).toEqual([]);
    expect(ok(await interactions.markHelpful("user-bob", written.reviewId))).toEqual({ helpfulCount: 3 });
    expect(await reviews.find(written.reviewId)).toMatchObject({ reportCount: 1 });
  });
});
