import type { VerifiedHotelRatings } from "../search";
import { summariseReviews, type ReviewAggregate } from "./aggregate";
import { itemsAt } from "./batch-read";
import type { ReviewEntities } from "./entities";
import type { ReviewSubjectKind } from "./policy";

/**
 * Our verified reviews' figures for the hotels of a search answer, in one batch read, strongly
 * consistent (the read often follows the event of a change). The value is the recency-weighted
 * score: the figure hotel search sorts and filters by follows how a hotel is now.
 */
export function verifiedHotelRatings(entities: ReviewEntities): VerifiedHotelRatings {
  return {
    async forHotels(hotelIds) {
      const keys: Array<{ subjectKind: ReviewSubjectKind; subjectId: string }> = [...new Set(hotelIds)].map((subjectId) => ({ subjectKind: "hotel", subjectId }));
      const ratings = new Map<string, { mean: number; count: number }>();
      for (const figures of await itemsAt(keys, (batch) => entities.ReviewFigures.get(batch).go({ consistent: true }))) {
        const summary = summariseReviews("hotel", figures.aggregate as ReviewAggregate);
        if (summary.count && summary.recencyWeighted !== null) ratings.set(figures.subjectId, { mean: summary.recencyWeighted, count: summary.count });
      }
      return ratings;
    },
  };
}
