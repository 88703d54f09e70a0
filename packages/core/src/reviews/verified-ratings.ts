import type { VerifiedHotelRatings } from "../search";
import { summariseReviews, type ReviewAggregate } from "./aggregate";
import type { ReviewEntities } from "./entities";

/** DynamoDB's BatchGetItem takes at most this many keys. */
const batchGetKeys = 100;

/** How many times keys DynamoDB left unprocessed (throttling) are asked again. */
const unprocessedRetries = 3;

/**
 * Our verified reviews' figures for the hotels of a search answer, read in one BatchGetItem per
 * 100 hotels, strongly consistent (the read often follows the event of a change), asking again
 * for what DynamoDB leaves unprocessed. The value is the recency-weighted score: the figure hotel
 * search sorts and filters by follows how a hotel is now.
 */
export function verifiedHotelRatings(entities: ReviewEntities): VerifiedHotelRatings {
  return {
    async forHotels(hotelIds) {
      const ratings = new Map<string, { mean: number; count: number }>();
      const unique = [...new Set(hotelIds)];
      for (let i = 0; i < unique.length; i += batchGetKeys) {
        let keys = unique.slice(i, i + batchGetKeys).map((subjectId) => ({ subjectKind: "hotel" as const, subjectId }));
        for (let attempt = 0; keys.length > 0; attempt++) {
          if (attempt > unprocessedRetries) throw new Error(`${keys.length} hotels' review figures left unprocessed by DynamoDB`);
          const { data, unprocessed } = await entities.ReviewFigures.get(keys).go({ consistent: true });
          for (const figures of data) {
            const summary = summariseReviews("hotel", figures.aggregate as ReviewAggregate);
            if (summary.count && summary.recencyWeighted !== null) ratings.set(figures.subjectId, { mean: summary.recencyWeighted, count: summary.count });
          }
          keys = unprocessed.map((key) => ({ subjectKind: "hotel" as const, subjectId: key.subjectId }));
        }
      }
      return ratings;
    },
  };
}
