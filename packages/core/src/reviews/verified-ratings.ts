import type { VerifiedHotelRatings } from "../search";
import { summariseReviews, type ReviewAggregate } from "./aggregate";
import type { ReviewEntities } from "./entities";

/** DynamoDB's BatchGetItem takes at most this many keys. */
const batchGetKeys = 100;

/**
 * Our verified reviews' figures for the hotels of a search answer, read in one BatchGetItem per
 * 100 hotels (ElectroDB retries what DynamoDB leaves unprocessed). The value is the
 * recency-weighted score: the figure hotel search sorts and filters by follows how a hotel is now.
 */
export function verifiedHotelRatings(entities: ReviewEntities): VerifiedHotelRatings {
  return {
    async forHotels(hotelIds) {
      const ratings = new Map<string, { mean: number; count: number }>();
      const unique = [...new Set(hotelIds)];
      for (let i = 0; i < unique.length; i += batchGetKeys) {
        const keys = unique.slice(i, i + batchGetKeys).map((subjectId) => ({ subjectKind: "hotel" as const, subjectId }));
        const { data, unprocessed } = await entities.ReviewFigures.get(keys).go({ concurrency: 1 });
        if (unprocessed.length) throw new Error(`${unprocessed.length} hotels' review figures left unprocessed by DynamoDB`);
        for (const figures of data) {
          const summary = summariseReviews("hotel", figures.aggregate as ReviewAggregate);
          if (summary.count && summary.recencyWeighted !== null) ratings.set(figures.subjectId, { mean: summary.recencyWeighted, count: summary.count });
        }
      }
      return ratings;
    },
  };
}
