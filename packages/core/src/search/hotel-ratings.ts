/**
 * One 0–10 figure per hotel from every source that rates it, each shown beside it. Sources rate on
 * different scales (our reviews and Duffel's review score 1–10, the Amadeus format's 0–100, star
 * ratings 1–5); each is mapped linearly from its scale's lowest to its highest onto 0–10, so the
 * lowest possible rating is 0 everywhere and the highest 10. Stars are rounded down by suppliers (a
 * 4 covers 4.0–4.99), so a star rating counts as the middle of its step.
 *
 * The figure is a weighted mean of the normalised values, each weighted by how much evidence it
 * carries: the number of reviews behind it, times how far we trust them. Our own reviews come from
 * travellers whose stay we confirmed (trust 1); a supplier's from other platforms we cannot check
 * (trust ½, and at most 1,000 of them, so that our verified reviews come to matter as they grow); a
 * star rating is a hotel's class, not guests' opinion, so it counts as a few reviews. A hotel with
 * few verified reviews therefore leans on the others, and one with many on ours. docs/reviews.md.
 */
export const ratingSources = {
  verified: { scale: { min: 1, max: 10 }, trust: 1, maxReviews: Number.POSITIVE_INFINITY, verified: true, roundedDown: false },
  duffel: { scale: { min: 1, max: 10 }, trust: 0.5, maxReviews: 1_000, verified: false, roundedDown: false },
  amadeus: { scale: { min: 0, max: 100 }, trust: 0.5, maxReviews: 1_000, verified: false, roundedDown: false },
  stars: { scale: { min: 1, max: 5 }, trust: 1, maxReviews: 3, verified: false, roundedDown: true },
} as const;
export type RatingSourceName = keyof typeof ratingSources;

export interface SourceRating {
  source: RatingSourceName;
  /** On the source's own scale. */
  value: number;
  /** Reviews behind it (a star rating has none: it counts as `maxReviews`). */
  reviewCount?: number;
}

export interface ComparableRating {
  /** 0–10, one decimal; null when no source rates the hotel. */
  score: number | null;
  sources: {
    source: RatingSourceName;
    value: number;
    scale: string;
    normalised: number;
    reviewCount: number | null;
    verified: boolean;
    /** Its share of the figure, 0–1. */
    weight: number;
  }[];
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function normaliseRating(rating: SourceRating): number {
  const { scale, roundedDown } = ratingSources[rating.source];
  const value = roundedDown ? Math.min(rating.value + 0.5, scale.max) : rating.value;
  const clamped = Math.min(Math.max(value, scale.min), scale.max);
  return ((clamped - scale.min) / (scale.max - scale.min)) * 10;
}

function evidence(rating: SourceRating): number {
  const { trust, maxReviews, roundedDown } = ratingSources[rating.source];
  const reviews = roundedDown ? maxReviews : Math.min(rating.reviewCount ?? 0, maxReviews);
  return reviews * trust;
}

export function comparableRating(ratings: SourceRating[]): ComparableRating {
  const weighed = ratings.map((rating) => ({ rating, normalised: normaliseRating(rating), evidence: evidence(rating) })).filter((r) => r.evidence > 0);
  const total = weighed.reduce((sum, r) => sum + r.evidence, 0);
  return {
    score: total > 0 ? oneDecimal(weighed.reduce((sum, r) => sum + r.normalised * r.evidence, 0) / total) : null,
    sources: weighed.map(({ rating, normalised, evidence: e }) => ({
      source: rating.source,
      value: rating.value,
      scale: `${ratingSources[rating.source].scale.min}–${ratingSources[rating.source].scale.max}`,
      normalised: oneDecimal(normalised),
      reviewCount: ratingSources[rating.source].roundedDown ? null : (rating.reviewCount ?? 0),
      verified: ratingSources[rating.source].verified,
      weight: Math.round((e / total) * 1000) / 1000,
    })),
  };
}
