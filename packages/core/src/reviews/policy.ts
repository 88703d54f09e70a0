/**
 * What a review is allowed to be, declared once: the API's validation, the moderation check, the
 * aggregates and the web app's form read these. Scores are whole numbers 1–10 (Booking.com's
 * scale, finer than Expedia's 1–5); each kind of subject has its own categories.
 */
export const reviewSubjectKinds = ["hotel", "airline"] as const;
export type ReviewSubjectKind = (typeof reviewSubjectKinds)[number];

export const reviewCategories = {
  hotel: ["cleanliness", "location", "service", "value", "comfort"],
  airline: ["punctuality", "comfort", "service", "value"],
} as const satisfies Record<ReviewSubjectKind, readonly string[]>;
export type ReviewCategory<K extends ReviewSubjectKind = ReviewSubjectKind> = (typeof reviewCategories)[K][number];

/** Why `categories` do not fit a kind of subject, or undefined when they do. */
export function categoriesProblem(kind: ReviewSubjectKind, categories: Record<string, unknown>): string | undefined {
  const allowed: readonly string[] = reviewCategories[kind];
  const unknown = Object.keys(categories).filter((c) => !allowed.includes(c));
  return unknown.length ? `a ${kind} is rated on ${allowed.join(", ")}, not ${unknown.join(", ")}` : undefined;
}

export const reviewScore = { min: 1, max: 10 } as const;
export const reviewTitleLength = { min: 3, max: 120 } as const;
export const reviewTextLength = { min: 20, max: 4_000 } as const;
export const reviewReplyLength = { min: 2, max: 2_000 } as const;

export const tripTypes = ["business", "couple", "family", "friends", "solo"] as const;
export type TripType = (typeof tripTypes)[number];

/** A reviewer may change a review this long after writing it. */
export const reviewEditWindowMs = 30 * 24 * 3600 * 1000;

/**
 * A hotel review opens at noon on the check-out day, read as UTC: a hotel offer carries its
 * coordinates but not its time zone, and noon UTC is within a few hours of any hotel's check-out.
 */
export const hotelReviewOpensAtUtc = "12:00:00";

/** Review statuses: PENDING waits in the moderation queue; only APPROVED ones are shown and counted; REJECTED never was, REMOVED was and is no longer (taken down by a moderator). */
export const reviewStatuses = ["PENDING", "APPROVED", "REJECTED", "REMOVED"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/**
 * The recency weight of a review halves every this many days, so the recency-weighted score
 * follows how a place is now while every review still counts.
 */
export const recencyHalfLifeDays = 365;
