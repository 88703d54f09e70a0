/**
 * A subject's review figures (core/reviews/aggregate.ts), kept exact through approvals, edits and
 * erasures, and the one comparable 0–10 rating of a hotel (core/search/hotel-ratings.ts).
 */
import { describe, expect, it } from "vitest";
import { applyReview, emptyReviewAggregate, summariseReviews, type ReviewAggregate, type ScoredReview } from "../src/reviews";
import { comparableRating, normaliseRating } from "../src/search";

const review = (overall: number, createdAt: string, categories: Record<string, number> = {}): ScoredReview => ({ overall, createdAt, categories });
const build = (reviews: ScoredReview[]) => reviews.reduce<ReviewAggregate>((aggregate, r) => applyReview(aggregate, r, 1), emptyReviewAggregate());

describe("review figures", () => {
  const a = review(9, "2026-01-10T00:00:00Z", { cleanliness: 10, location: 8, service: 9 });
  const b = review(6, "2026-06-10T00:00:00Z", { cleanliness: 5, location: 7 });
  const c = review(10, "2026-09-01T00:00:00Z", { cleanliness: 10, value: 9 });

  it("counts, means per category, the distribution of overall scores", () => {
    const summary = summariseReviews("hotel", build([a, b, c]));
    expect(summary).toMatchObject({
      count: 3,
      overall: 8.33,
      categories: { cleanliness: 8.33, location: 7.5, service: 9, value: 9, comfort: null },
    });
    expect(summary.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0, 8: 0, 9: 1, 10: 1 });
  });

  it("an edit is the old review out and the new one in; erasing every review leaves nothing behind", () => {
    const edited = review(3, b.createdAt, { cleanliness: 2 });
    const afterEdit = applyReview(applyReview(build([a, b, c]), b, -1), edited, 1);
    // Counts, sums and the distribution exactly; the recency sums (floating point) to 1e-9.
    const { recency, ...exact } = afterEdit;
    const { recency: wanted, ...wantedExact } = build([a, edited, c]);
    expect(exact).toEqual(wantedExact);
    expect(recency.weightedSum / recency.weight).toBeCloseTo(wanted.weightedSum / wanted.weight, 9);
    expect(summariseReviews("hotel", afterEdit)).toMatchObject({ count: 3, overall: 7.33, categories: { cleanliness: 7.33, location: 8 } });
    const empty = [a, edited, c].reduce((aggregate, r) => applyReview(aggregate, r, -1), afterEdit);
    expect(empty).toEqual(emptyReviewAggregate());
    expect(summariseReviews("airline", empty)).toEqual({ count: 0, overall: null, categories: { punctuality: null, comfort: null, service: null, value: null }, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0 }, recencyWeighted: null });
    expect(() => applyReview(empty, a, -1)).toThrow(/does not hold it/);
    expect(() => applyReview(empty, review(11, a.createdAt), 1)).toThrow(/whole number 1–10/);
  });

  it("the recency-weighted score halves a review's weight every year, whatever the order they arrive in", () => {
    const old = review(2, "2025-03-01T00:00:00Z");
    const recent = review(10, "2026-03-01T00:00:00Z");
    // Weights 1 and 2: (2 × 1 + 10 × 2) / 3.
    expect(summariseReviews("hotel", build([old, recent])).recencyWeighted).toBeCloseTo(22 / 3, 2);
    expect(summariseReviews("hotel", build([recent, old]))).toEqual(summariseReviews("hotel", build([old, recent])));
    expect(summariseReviews("hotel", build([old, recent])).overall).toBe(6);
  });
});

describe("one comparable rating per hotel", () => {
  it("maps each scale's lowest to 0 and its highest to 10; a star rating counts as the middle of its step", () => {
    expect(normaliseRating({ source: "verified", value: 10 })).toBe(10);
    expect(normaliseRating({ source: "verified", value: 1 })).toBe(0);
    expect(normaliseRating({ source: "duffel", value: 8.2 })).toBeCloseTo(8, 5);
    expect(normaliseRating({ source: "amadeus", value: 84 })).toBeCloseTo(8.4, 5);
    expect(normaliseRating({ source: "stars", value: 4 })).toBeCloseTo(8.75, 5);
    expect(normaliseRating({ source: "stars", value: 5 })).toBe(10);
  });

  it("a hotel with few verified reviews leans on the suppliers' figures; with many, on ours", () => {
    const suppliers = [
      { source: "duffel" as const, value: 8.2, reviewCount: 1_200 },
      { source: "stars" as const, value: 4 },
    ];
    const few = comparableRating([{ source: "verified", value: 4, reviewCount: 3 }, ...suppliers]);
    const many = comparableRating([{ source: "verified", value: 4, reviewCount: 3_000 }, ...suppliers]);
    // Duffel's 1,200 reviews count as 500 (trust ½, at most 1,000), the stars as 3.
    expect(few.score).toBe(Math.round(((3 * 10 * 3) / 9 + 500 * 8 + 3 * 8.75) / 506 * 10) / 10);
    expect(few.score).toBeGreaterThan(7.5);
    expect(many.score).toBeLessThan(5);
    expect(few.sources).toEqual([
      { source: "verified", value: 4, scale: "1–10", normalised: 3.3, reviewCount: 3, verified: true, weight: 0.006 },
      { source: "duffel", value: 8.2, scale: "1–10", normalised: 8, reviewCount: 1_200, verified: false, weight: 0.988 },
      { source: "stars", value: 4, scale: "1–5", normalised: 8.8, reviewCount: null, verified: false, weight: 0.006 },
    ]);
  });

  it("no source, no figure; a source with no reviews carries no weight", () => {
    expect(comparableRating([])).toEqual({ score: null, sources: [] });
    expect(comparableRating([{ source: "verified", value: 9, reviewCount: 0 }, { source: "amadeus", value: 70, reviewCount: 40 }])).toMatchObject({ score: 7, sources: [{ source: "amadeus", weight: 1 }] });
  });
});
