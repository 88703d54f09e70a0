import type { ReviewEntities, ReviewItem } from "./entities";
import type { ReviewSubjectKind, TripType } from "./policy";

export const reviewSorts = ["newest", "helpful", "highest_score", "lowest_score"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export interface ReviewListOptions {
  sort: ReviewSort;
  language?: string;
  tripType?: TripType;
  limit: number;
  cursor?: string;
}

/** A cursor that this listing did not return (or returned for another sort or filter). */
export class InvalidReviewCursorError extends Error {
  constructor() {
    super("is not a cursor this listing returned (pass meta.nextCursor unchanged, with the same sort and filters)");
    this.name = "InvalidReviewCursorError";
  }
}

/** Beyond this many published reviews of one subject, the helpful and score orders read only the newest this many. */
export const rankedReviewsRead = 5_000;

const orders: Record<Exclude<ReviewSort, "newest">, (a: ReviewItem, b: ReviewItem) => number> = {
  helpful: (a, b) => b.helpfulCount - a.helpfulCount || b.writtenAt - a.writtenAt,
  highest_score: (a, b) => b.overall - a.overall || b.writtenAt - a.writtenAt,
  lowest_score: (a, b) => a.overall - b.overall || b.writtenAt - a.writtenAt,
};

/**
 * A subject's published reviews, a page at a time. Newest first is the GSI's own order (writtenAt),
 * read page by page with ElectroDB's cursor. The helpful and score orders sort the subject's
 * published reviews in memory and page by position: a helpful count changes with every vote, so
 * an index on it would move an item per vote; a hotel's published reviews number in the
 * hundreds to low thousands, one query of a few pages (`rankedReviewsRead` caps it).
 */
export async function publishedReviews(entities: ReviewEntities, kind: ReviewSubjectKind, id: string, options: ReviewListOptions): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const query = entities.Review.query.bySubjectNewest({ subjectKind: kind, subjectId: id }).where((a, op) =>
    [op.eq(a.status, "APPROVED"), options.language ? op.eq(a.language, options.language) : "", options.tripType ? op.eq(a.tripType, options.tripType) : ""].filter(Boolean).join(" AND "),
  );
  if (options.sort === "newest") {
    // `count`, not `limit`: DynamoDB applies a Limit before the filters, so a page would come back short.
    const { data, cursor } = await query.go({ order: "desc", count: options.limit, cursor: options.cursor ?? null });
    return { items: data, ...(cursor ? { cursor } : {}) };
  }
  const signature = `${options.sort}|${options.language ?? ""}|${options.tripType ?? ""}`;
  const offset = options.cursor ? positionOf(options.cursor, signature) : 0;
  const { data } = await query.go({ order: "desc", count: rankedReviewsRead, pages: "all" });
  const ranked = data.sort(orders[options.sort]);
  const items = ranked.slice(offset, offset + options.limit);
  const next = offset + options.limit;
  return { items, ...(next < ranked.length ? { cursor: positionCursor(next, signature) } : {}) };
}

function positionCursor(position: number, signature: string): string {
  return Buffer.from(JSON.stringify({ position, signature })).toString("base64url");
}

function positionOf(cursor: string, signature: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { position?: unknown; signature?: unknown };
    if (Number.isInteger(parsed.position) && (parsed.position as number) > 0 && parsed.signature === signature) return parsed.position as number;
  } catch {
    // Not JSON: not ours.
  }
  throw new InvalidReviewCursorError();
}
