/**
 * Who may review what and when (core/reviews/eligibility.ts) and the automatic moderation check
 * (moderation.ts), without HTTP: offers in the real schema-checked shape, time from the test clock.
 */
import { describe, expect, it } from "vitest";
import { reviewEditableUntil, reviewEligibility, screenReview, type ReviewableReservation } from "../src/reviews";
import { days, hours, OfferLookupDouble, testClock } from "./support/booking";

function setUp() {
  const clock = testClock();
  const offers = new OfferLookupDouble(clock);
  return { clock, offers };
}

describe("who may review a trip, and when", () => {
  it("a hotel opens at noon (UTC) on the check-out day, only for its confirmed traveller", () => {
    const { clock, offers } = setUp();
    const offer = offers.hotel({ daysAhead: 10 });
    const stay: ReviewableReservation = { userId: "usr_ada", status: "CONFIRMED", vertical: "hotels", itinerary: offer };
    const opensAt = `${offer.checkOut}T12:00:00.000Z`;

    expect(reviewEligibility(stay, "usr_ada", clock.now())).toEqual({ refused: { code: "not_yet_open", opensAt } });
    // A millisecond before it opens, then the moment it does.
    const justBefore = Date.parse(opensAt) - 1;
    expect(reviewEligibility(stay, "usr_ada", justBefore)).toEqual({ refused: { code: "not_yet_open", opensAt } });
    const open = Date.parse(opensAt);
    expect(reviewEligibility(stay, "usr_ada", open)).toEqual({ ok: { subject: { kind: "hotel", id: offer.hotel.hotelId, name: "Hôtel du Test" }, opensAt } });

    // Someone else learns nothing, not even that the reservation exists.
    expect(reviewEligibility(stay, "usr_bob", open)).toEqual({ refused: { code: "not_found" } });
    expect(reviewEligibility(undefined, "usr_ada", open)).toEqual({ refused: { code: "not_found" } });
    for (const status of ["HOLD", "CANCELLED", "EXPIRED"] as const) {
      expect(reviewEligibility({ ...stay, status }, "usr_ada", open)).toMatchObject({ refused: { code: "not_reviewable" } });
    }
  });

  it("an airline opens when the first flight has left, in its airport's time zone", () => {
    const { clock, offers } = setUp();
    const offer = offers.flight({ daysAhead: 3, connecting: true });
    const trip: ReviewableReservation = { userId: "usr_ada", status: "CONFIRMED", vertical: "flights", itinerary: offer };
    // LHR 10:30 local; the offer's date falls in GMT or BST depending on the day the test runs.
    const departure = offer.itineraries[0]!.segments[0]!.departure.at;
    const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "short" }).format(Date.parse(`${departure}Z`));
    const opensAt = new Date(Date.parse(`${departure}Z`) - (london.includes("BST") ? hours(1) : 0)).toISOString();

    expect(reviewEligibility(trip, "usr_ada", clock.now())).toEqual({ refused: { code: "not_yet_open", opensAt } });
    expect(reviewEligibility(trip, "usr_ada", Date.parse(opensAt) - 1)).toEqual({ refused: { code: "not_yet_open", opensAt } });
    expect(reviewEligibility(trip, "usr_ada", Date.parse(opensAt))).toEqual({ ok: { subject: { kind: "airline", id: "CT", name: "Core Test Air" }, opensAt } });
  });

  it("a car rental is not reviewed here, and a review may be changed for 30 days", () => {
    const { clock, offers } = setUp();
    const rental: ReviewableReservation = { userId: "usr_ada", status: "CONFIRMED", vertical: "cars", itinerary: offers.hotel() };
    expect(reviewEligibility(rental, "usr_ada", clock.now() + days(400))).toEqual({ refused: { code: "not_reviewable", reason: "car rentals are not reviewed" } });
    expect(reviewEditableUntil("2027-03-01T09:00:00.000Z")).toBe("2027-03-31T09:00:00.000Z");
  });
});

describe("the automatic moderation check", () => {
  it("publishes a plain review unchanged, markup, dates and prices included (the web app shows text as text)", () => {
    const review = { title: "Lovely <b>stay</b>", text: "Stayed 14.03.2027 to 2027-03-16, room 1204 for €1,234.50: quiet, <script>alert(1)</script> great breakfast." };
    expect(screenReview(review)).toEqual({ decision: "publish", ...review, flags: [] });
  });

  it("removes contact details and card numbers, and still publishes", () => {
    const screened = screenReview({ title: "Good", text: "Mail me at ada.lovelace@example.co.uk or call +44 20 7946 0958; I paid with 4242 4242 4242 4242." });
    expect(screened).toEqual({
      decision: "publish",
      title: "Good",
      text: "Mail me at [email removed] or call [phone removed]; I paid with [card number removed].",
      flags: ["card_number", "contact_details"],
    });
  });

  it("removes links and sends the review to the moderation queue", () => {
    const screened = screenReview({ title: "Cheap rooms", text: "Book cheaper at https://cheap-rooms.example/deal or www.example.org today" });
    expect(screened.decision).toBe("queue");
    expect(screened.flags).toEqual(["link"]);
    expect(screened.text).toBe("Book cheaper at [link removed] or [link removed] today");
  });

  it("queues a word from the list and a review written in capitals, keeping their words", () => {
    expect(screenReview({ title: "Awful", text: "The shower was a total shit show, never again." })).toMatchObject({ decision: "queue", flags: ["word_list"] });
    expect(screenReview({ title: "WORST HOTEL", text: "THE ROOM WAS DIRTY AND NOBODY CARED AT ALL" })).toMatchObject({ decision: "queue", flags: ["capitals"] });
    // Words that merely contain a listed one pass.
    expect(screenReview({ title: "Scunthorpe trip", text: "A shitake risotto and a view of the bay." }).decision).toBe("publish");
  });
});
