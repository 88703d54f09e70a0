import { recencyHalfLifeDays, reviewCategories, reviewScore, type ReviewSubjectKind } from "./policy";

/** What of a review counts in its subject's figures. */
export interface ScoredReview {
  overall: number;
  categories: Partial<Record<string, number>>;
  createdAt: string;
}

/**
 * A subject's approved reviews summed, so approving, editing (remove the old, add the new) and
 * erasing keep it exact: scores are whole numbers, so the counts, sums and distribution are (the
 * recency sums are floating point, exact to far below the two decimals shown). The recency weight of a review
 * is 2^((written − epoch) / half-life): only the ratio of two weights matters in a weighted mean,
 * and that ratio depends on the two dates alone, so the weighted score needs no recomputation as
 * time passes and a review can be added or taken out like any other.
 */
export interface ReviewAggregate {
  count: number;
  overallSum: number;
  categories: Record<string, { sum: number; count: number }>;
  /** Reviews per overall score, index 0 for a 1 … index 9 for a 10. */
  distribution: number[];
  recency: { weightedSum: number; weight: number };
}

const epoch = Date.parse("2020-01-01T00:00:00Z");
const recencyWeight = (createdAt: string) => 2 ** ((Date.parse(createdAt) - epoch) / (recencyHalfLifeDays * 86_400_000));

export function emptyReviewAggregate(): ReviewAggregate {
  return { count: 0, overallSum: 0, categories: {}, distribution: Array.from({ length: reviewScore.max }, () => 0), recency: { weightedSum: 0, weight: 0 } };
}

/** The aggregate with `review` added (`sign` 1) or taken out (-1). */
export function applyReview(aggregate: ReviewAggregate, review: ScoredReview, sign: 1 | -1): ReviewAggregate {
  if (!Number.isInteger(review.overall) || review.overall < reviewScore.min || review.overall > reviewScore.max) throw new Error(`an overall score is a whole number ${reviewScore.min}–${reviewScore.max}, not ${review.overall}`);
  const count = aggregate.count + sign;
  if (count < 0) throw new Error("taking a review out of an aggregate that does not hold it");
  if (count === 0) return emptyReviewAggregate();
  const categories = { ...aggregate.categories };
  for (const [name, score] of Object.entries(review.categories)) {
    if (score === undefined) continue;
    const current = categories[name] ?? { sum: 0, count: 0 };
    categories[name] = { sum: current.sum + sign * score, count: current.count + sign };
    if (categories[name]!.count === 0) delete categories[name];
  }
  const distribution = [...aggregate.distribution];
  distribution[review.overall - reviewScore.min]! += sign;
  const weight = recencyWeight(review.createdAt);
  return {
    count,
    overallSum: aggregate.overallSum + sign * review.overall,
    categories,
    distribution,
    recency: { weightedSum: aggregate.recency.weightedSum + sign * weight * review.overall, weight: aggregate.recency.weight + sign * weight },
  };
}

export interface ReviewSummary {
  count: number;
  /** Means to two decimals; null without reviews. */
  overall: number | null;
  categories: Record<string, number | null>;
  distribution: Record<string, number>;
  recencyWeighted: number | null;
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

export function summariseReviews(kind: ReviewSubjectKind, aggregate: ReviewAggregate): ReviewSummary {
  return {
    count: aggregate.count,
    overall: aggregate.count ? twoDecimals(aggregate.overallSum / aggregate.count) : null,
    categories: Object.fromEntries(reviewCategories[kind].map((name) => {
      const c = aggregate.categories[name];
      return [name, c?.count ? twoDecimals(c.sum / c.count) : null];
    })),
    distribution: Object.fromEntries(aggregate.distribution.map((n, i) => [String(i + reviewScore.min), n])),
    recencyWeighted: aggregate.count ? twoDecimals(aggregate.recency.weightedSum / aggregate.recency.weight) : null,
  };
}
