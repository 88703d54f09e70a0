/**
 * Reading a hotel's reviews (core/reviews/listing.ts) in each order and filter, a page at a time;
 * the events each change writes to the outbox with it; a moderator taking a published review down.
 * On DynamoDB Local, with real confirmed stays at one hotel.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDynamoClient } from "../src/db";
import { LocalEventBus, type BusEvent } from "../src/events";
import { createReviewEntities, InvalidReviewCursorError, ReviewInteractions, ReviewService, tripsFromBooking, type ReviewInput, type ReviewSort } from "../src/reviews";
import { bookingCore, days, ok } from "./support/booking";

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  overall: 8,
  categories: {},
  title: "A stay worth telling about",
  text: "The room was clean, the staff kind, and the street quiet after ten.",
  language: "en",
  tripType: "couple",
  ...overrides,
});

/** Four travellers' reviews of one hotel, a minute apart, oldest first. */
async function hotelWithReviews() {
  const core = await bookingCore();
  const deps = { client: createDynamoClient(), entities: createReviewEntities(createDynamoClient(), core.tables.catalog), trips: tripsFromBooking(core.booking), outbox: core.entities, now: core.clock.now };
  const reviews = new ReviewService(deps);
  const interactions = new ReviewInteractions(deps, reviews);
  const hotelId = `CTPAR${randomUUID().slice(0, 8).toUpperCase()}`;
  const travellers = ["ada", "bob", "cy", "dee"].map((name) => ({ name, userId: `user-${name}-${randomUUID().slice(0, 8)}` }));
  const stays = [];
  for (const traveller of travellers) {
    const offer = core.offers.hotel({ daysAhead: 1, hotelId });
    const held = ok(await core.hold({ userId: traveller.userId, offerId: offer.id }));
    ok(await core.confirm(traveller.userId, held.reservationId));
    stays.push({ ...traveller, reservationId: held.reservationId });
  }
  core.clock.advance(days(4));
  const shapes: Partial<ReviewInput>[] = [
    { overall: 6, language: "en", tripType: "business" },
    { overall: 9, language: "fr", tripType: "couple" },
    { overall: 3, language: "en", tripType: "couple" },
    { overall: 9, language: "en", tripType: "family" },
  ];
  const written = [];
  for (const [i, stay] of stays.entries()) {
    written.push(ok(await reviews.submit(stay.userId, stay.name, stay.reservationId, input(shapes[i]), "trace-listing")));
    core.clock.advance(60_000);
  }
  return { core, reviews, interactions, hotelId, stays, written };
}

describe("a hotel's published reviews", () => {
  it("come newest first, most helpful first, or by score either way, a page at a time, filtered by language and trip type", async () => {
    const { reviews, interactions, hotelId, stays, written } = await hotelWithReviews();
    const [ada, bob, cy, dee] = written.map((r) => r.reviewId) as [string, string, string, string];
    // Cy's review is helpful to three travellers, Ada's to one.
    for (const voter of [stays[0]!, stays[1]!, stays[3]!]) ok(await interactions.markHelpful(voter.userId, cy));
    ok(await interactions.markHelpful(stays[1]!.userId, ada));

    const all = async (sort: ReviewSort, filters: { language?: string; tripType?: "couple" } = {}) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await reviews.published("hotel", hotelId, { sort, limit: 2, ...filters, ...(cursor ? { cursor } : {}) });
        // Full pages until the last, whatever the filters skip (DynamoDB's Limit would apply before them).
        if (page.cursor) expect(page.items).toHaveLength(2);
        else expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((r) => r.reviewId));
        cursor = page.cursor;
      } while (cursor);
      return ids;
    };
    expect(await all("newest")).toEqual([dee, cy, bob, ada]);
    expect(await all("helpful")).toEqual([cy, ada, dee, bob]);
    // Equal scores: the newer first.
    expect(await all("highest_score")).toEqual([dee, bob, ada, cy]);
    expect(await all("lowest_score")).toEqual([cy, ada, dee, bob]);
    expect(await all("newest", { language: "en" })).toEqual([dee, cy, ada]);
    expect(await all("highest_score", { tripType: "couple" })).toEqual([bob, cy]);
    expect(await all("helpful", { language: "fr" })).toEqual([bob]);

    const first = await reviews.published("hotel", hotelId, { sort: "helpful", limit: 1 });
    await expect(reviews.published("hotel", hotelId, { sort: "highest_score", limit: 1, cursor: first.cursor! })).rejects.toThrow(InvalidReviewCursorError);
    await expect(reviews.published("hotel", hotelId, { sort: "helpful", limit: 1, cursor: "not-a-cursor" })).rejects.toThrow(InvalidReviewCursorError);
  });
});

describe("what a review's changes announce", () => {
  it("each change writes its events with it: submitted and approved, removed when a moderator takes it down, without the author", async () => {
    const { core, reviews, hotelId, stays, written } = await hotelWithReviews();
    const review = written[0]!;
    expect((await core.outboxRows(review.reviewId)).map((row) => row.type).sort()).toEqual(["ReviewApproved", "ReviewSubmitted"]);

    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 4, overall: 6.75 });
    const removed = ok(await reviews.moderate(review.reviewId, "remove", { by: "usr_admin", reason: "reported: describes another hotel" }, "trace-removal"));
    expect(removed.status).toBe("REMOVED");
    expect(await reviews.figures("hotel", hotelId)).toMatchObject({ count: 3, overall: 7 });
    expect((await reviews.published("hotel", hotelId, { sort: "newest", limit: 10 })).items.map((r) => r.reviewId)).not.toContain(review.reviewId);
    expect(await reviews.moderate(review.reviewId, "remove", { by: "usr_admin", reason: "again" }, "trace-removal")).toMatchObject({ refused: { code: "not_pending" } });

    // The relay puts them on the platform bus, where a subscriber to review events gets them.
    const bus = new LocalEventBus();
    const received: BusEvent[] = [];
    bus.subscribe("test", "platform", { source: ["review.service"] }, async (event) => void received.push(event));
    await core.relay(bus).sweep({ settleMs: 0, limit: 100 });
    const mine = received.filter((event) => (event.detail as { reviewId: string }).reviewId === review.reviewId);
    expect(mine.map((event) => event["detail-type"]).sort()).toEqual(["Review Approved", "Review Removed", "Review Submitted"]);
    const removal = mine.find((event) => event["detail-type"] === "Review Removed")!;
    expect(removal.detail).toMatchObject({ subject: { kind: "hotel", id: hotelId }, status: "REMOVED", overall: 6, traceId: "trace-removal", edited: false });
    expect(JSON.stringify(mine)).not.toContain(stays[0]!.userId);
  });
});
