import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { newId } from "../booking/context";
import type { BookingEntities } from "../booking/entities";
import { putItem, updateItem, type LabelledItem } from "../booking/transact";
import { applyReview, emptyReviewAggregate, summariseReviews, type ReviewAggregate, type ReviewSummary } from "./aggregate";
import { writeWithFigures } from "./figures-store";
import { reviewEditableUntil, reviewEligibility, type ReviewableReservation } from "./eligibility";
import type { ReviewEntities, ReviewItem } from "./entities";
import { itemsAt } from "./batch-read";
import { reviewEvent } from "./events";
import { publishedReviews, type ReviewListOptions } from "./listing";
import { screenReview } from "./moderation";
import { categoriesProblem, reviewScore, reviewTextLength, reviewTitleLength, tripTypes, type ReviewSubjectKind } from "./policy";

/** Booking's edge: a traveller's reservation, or undefined when it is not theirs or not there. */
export interface TripLookup {
  trip(userId: string, reservationId: string): Promise<ReviewableReservation | undefined>;
}

export interface ReviewServiceDeps {
  client: DynamoDBDocumentClient;
  entities: ReviewEntities;
  trips: TripLookup;
  /** The outbox table's entities: review events are written with the change they announce. */
  outbox: BookingEntities;
  now: () => number;
}

const score = z.number().int().min(reviewScore.min).max(reviewScore.max);
/** What a traveller writes; which categories apply depends on what is reviewed (checked in `submit`). */
export const reviewInputSchema = z.object({
  overall: score,
  categories: z.record(z.string(), score).default({}),
  title: z.string().trim().min(reviewTitleLength.min).max(reviewTitleLength.max),
  text: z.string().trim().min(reviewTextLength.min).max(reviewTextLength.max),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: "must be a language tag such as en or pt-BR" }),
  tripType: z.enum(tripTypes),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export type ReviewRefusalCode =
  | "not_found" | "not_reviewable" | "not_yet_open" | "already_reviewed" | "invalid_categories" | "not_pending" | "conflict"
  | "not_editable" | "already_voted" | "already_reported" | "own_review" | "invalid_reply";
/** approve / reject: a queued review; remove / keep: a published one a traveller reported. */
export const moderationDecisions = ["approve", "reject", "remove", "keep"] as const;
export type ModerationDecision = (typeof moderationDecisions)[number];
export type ReviewOutcome<T> = { ok: T } | { refused: { code: ReviewRefusalCode; message: string; opensAt?: string } };

export interface ReviewView {
  reviewId: string;
  subject: { kind: ReviewSubjectKind; id: string; name: string };
  reservationId: string;
  displayName: string;
  overall: number;
  categories: Record<string, number>;
  title: string;
  text: string;
  language: string;
  tripType: string;
  status: string;
  flags: string[];
  helpfulCount: number;
  /** Travellers' reports (moderators see it; the public view leaves it out). */
  reportCount: number;
  /** The hotel's or airline's answer. */
  reply: { text: string; by: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
  editableUntil: string;
}

export function toReviewView(item: ReviewItem): ReviewView {
  return {
    reviewId: item.reviewId,
    subject: { kind: item.subjectKind, id: item.subjectId, name: item.subjectName },
    reservationId: item.reservationId,
    displayName: item.displayName,
    overall: item.overall,
    categories: item.categories as Record<string, number>,
    title: item.title,
    text: item.text,
    language: item.language,
    tripType: item.tripType,
    status: item.status,
    flags: item.flags,
    helpfulCount: item.helpfulCount,
    reportCount: item.reportCount,
    reply: (item.reply as ReviewView["reply"] | undefined) ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    editableUntil: reviewEditableUntil(item.createdAt),
  };
}

export type ReservationReviewState =
  | { state: "open"; subject: { kind: ReviewSubjectKind; id: string; name: string }; opensAt: string }
  | { state: "not_yet_open"; opensAt: string }
  | { state: "reviewed"; review: ReviewView }
  | { state: "not_reviewable"; reason: string };

export const refused = (code: ReviewRefusalCode, message: string, opensAt?: string) => ({ refused: { code, message, ...(opensAt ? { opensAt } : {}) } });

export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  /**
   * A traveller's review of a reservation: written with its claim on the reservation (a second is
   * refused), its locator and the author's pointer in one transaction; published at once, with the
   * subject's figures, when the automatic check passes it, else queued for a moderator.
   */
  async submit(userId: string, displayName: string, reservationId: string, input: ReviewInput, traceId: string): Promise<ReviewOutcome<ReviewView>> {
    const { entities, outbox, now } = this.deps;
    const eligibility = reviewEligibility(await this.deps.trips.trip(userId, reservationId), userId, now());
    if ("refused" in eligibility) {
      const r = eligibility.refused;
      if (r.code === "not_found") return refused("not_found", `no reservation ${reservationId} of yours`);
      if (r.code === "not_yet_open") return refused("not_yet_open", `reviews of this trip open at ${r.opensAt}`, r.opensAt);
      return refused("not_reviewable", r.reason);
    }
    const { subject } = eligibility.ok;
    const categories = categoriesProblem(subject.kind, input.categories);
    if (categories) return refused("invalid_categories", categories);

    const screening = screenReview({ title: input.title, text: input.text });
    const at = new Date(now()).toISOString();
    const reviewId = newId("rv");
    const item = {
      reviewId, subjectKind: subject.kind, subjectId: subject.id, subjectName: subject.name, reservationId, userId, displayName,
      overall: input.overall, categories: input.categories, title: screening.title, text: screening.text, language: input.language, tripType: input.tripType,
      status: screening.decision === "publish" ? ("APPROVED" as const) : ("PENDING" as const), flags: screening.flags,
      helpfulCount: 0, reportCount: 0, writtenAt: now(), createdAt: at, updatedAt: at,
    };
    const keys = { subjectKind: subject.kind, subjectId: subject.id };
    const items: LabelledItem[] = [
      putItem("claim", entities.ReviewClaim.create({ reservationId, reviewId }).params()),
      putItem("review", entities.Review.create(item).params()),
      putItem("locator", entities.ReviewLocator.create({ reviewId, ...keys }).params()),
      putItem("author", entities.UserReview.create({ userId, reviewId, ...keys }).params()),
      item.status === "PENDING" ? putItem("queue", entities.ModerationEntry.create({ createdAt: at, reviewId, ...keys }).params()) : undefined,
      reviewEvent(outbox, "ReviewSubmitted", item, { traceId, at, edited: false }),
      item.status === "APPROVED" ? reviewEvent(outbox, "ReviewApproved", item, { traceId, at, edited: false }) : undefined,
    ].filter((i): i is LabelledItem => Boolean(i));
    const outcome = await writeWithFigures(this.deps, subject.kind, subject.id, item.status === "APPROVED" ? (aggregate) => applyReview(aggregate, { overall: item.overall, categories: item.categories, createdAt: at }, 1) : undefined, items);
    if (outcome === "claim") return refused("already_reviewed", `reservation ${reservationId} has a review already; change it instead`);
    if (outcome !== "done") return refused("conflict", "the figures changed while this was written; try again");
    return { ok: toReviewView(item as ReviewItem) };
  }

  /**
   * A moderator's decision, with the reason: a queued review is approved (published and counted)
   * or rejected; a published one (reported, say) is removed (no longer shown or counted).
   */
  async moderate(reviewId: string, decision: ModerationDecision, moderation: { by: string; reason: string }, traceId: string): Promise<ReviewOutcome<ReviewView>> {
    const { entities, outbox, now } = this.deps;
    const review = await this.find(reviewId);
    if (!review) return refused("not_found", `no review ${reviewId}`);
    const from = decision === "remove" || decision === "keep" ? "APPROVED" : "PENDING";
    if (review.status !== from) {
      return refused("not_pending", from === "APPROVED" ? `review ${reviewId} is ${review.status}: only a published review can be ${decision === "keep" ? "kept" : "removed"}` : `review ${reviewId} is ${review.status}, not waiting for moderation`);
    }
    const at = new Date(now()).toISOString();
    const status = ({ approve: "APPROVED", reject: "REJECTED", remove: "REMOVED", keep: "APPROVED" } as const)[decision];
    const keys = { subjectKind: review.subjectKind, subjectId: review.subjectId };
    const decided = { ...review, status };
    const items: LabelledItem[] = [
      // On the version read: an edit in between changed the scores this decision counts.
      updateItem("review", entities.Review.patch({ ...keys, reviewId }).set({ status, moderation: { ...moderation, decision, at }, updatedAt: at }).where((a, op) => `${op.eq(a.status, from)} AND ${op.eq(a.updatedAt, review.updatedAt)}`).params()),
      // A reported published review waits in the queue too; deleting an entry that is not there is no error.
      { label: "queue", item: { Delete: entities.ModerationEntry.delete({ createdAt: review.createdAt, reviewId }).params() as never } },
    ];
    // Keeping a reported review changes nothing anyone sees.
    if (decision !== "keep") items.push(reviewEvent(outbox, status === "APPROVED" ? "ReviewApproved" : "ReviewRemoved", decided, { traceId, at, edited: Boolean(review.editedAt) }));
    const scores = { overall: review.overall, categories: review.categories as Record<string, number>, createdAt: review.createdAt };
    const change = decision === "approve" ? (aggregate: ReviewAggregate) => applyReview(aggregate, scores, 1) : status === "REMOVED" ? (aggregate: ReviewAggregate) => applyReview(aggregate, scores, -1) : undefined;
    const outcome = await writeWithFigures(this.deps, review.subjectKind, review.subjectId, change, items);
    if (outcome === "review") return refused("conflict", `review ${reviewId} was changed or decided meanwhile; read it again`);
    if (outcome !== "done") return refused("conflict", "the figures changed meanwhile; try again");
    return { ok: toReviewView({ ...decided, moderation: { ...moderation, decision, at }, updatedAt: at }) };
  }

  /**
   * The reviews a queue entry or an author's pointer names, in their order, in one batch read:
   * those carry the subject, so the locator is not needed.
   */
  async at(keys: Array<{ subjectKind: ReviewSubjectKind; subjectId: string; reviewId: string }>): Promise<ReviewItem[]> {
    const wanted = keys.map(({ subjectKind, subjectId, reviewId }) => ({ subjectKind, subjectId, reviewId }));
    const byId = new Map((await itemsAt(wanted, (batch) => this.deps.entities.Review.get(batch).go())).map((review) => [review.reviewId, review]));
    return wanted.flatMap((key) => byId.get(key.reviewId) ?? []);
  }

  async find(reviewId: string): Promise<ReviewItem | undefined> {
    const { data: locator } = await this.deps.entities.ReviewLocator.get({ reviewId }).go();
    if (!locator) return undefined;
    const { data } = await this.deps.entities.Review.get({ subjectKind: locator.subjectKind, subjectId: locator.subjectId, reviewId }).go();
    return data ?? undefined;
  }

  /** A subject's published reviews in the order asked, filtered by language and trip type, a page at a time. */
  async published(kind: ReviewSubjectKind, id: string, options: ReviewListOptions): Promise<{ items: ReviewView[]; cursor?: string }> {
    const { items, cursor } = await publishedReviews(this.deps.entities, kind, id, options);
    return { items: items.map(toReviewView), ...(cursor ? { cursor } : {}) };
  }

  /**
   * Where a traveller stands with reviewing a reservation: open (with until when nobody else can
   * say), not yet open (and when it opens), reviewed (the review), or not reviewable (why).
   */
  async forReservation(userId: string, reservationId: string): Promise<ReviewOutcome<ReservationReviewState>> {
    const reservation = await this.deps.trips.trip(userId, reservationId);
    const eligibility = reviewEligibility(reservation, userId, this.deps.now());
    if ("refused" in eligibility && eligibility.refused.code === "not_found") return refused("not_found", `no reservation ${reservationId} of yours`);
    const { data: claim } = await this.deps.entities.ReviewClaim.get({ reservationId }).go();
    const review = claim ? await this.find(claim.reviewId) : undefined;
    if (review) return { ok: { state: "reviewed", review: toReviewView(review) } };
    if ("ok" in eligibility) return { ok: { state: "open", subject: eligibility.ok.subject, opensAt: eligibility.ok.opensAt } };
    const r = eligibility.refused;
    return r.code === "not_yet_open" ? { ok: { state: "not_yet_open", opensAt: r.opensAt } } : { ok: { state: "not_reviewable", reason: "reason" in r ? r.reason : "" } };
  }

  /** What waits for a moderator, oldest first: queued reviews, and published ones travellers reported. */
  async queue(options: { limit: number; cursor?: string }): Promise<{ items: ReviewView[]; cursor?: string }> {
    const { data, cursor } = await this.deps.entities.ModerationEntry.query.queue({}).go({ limit: options.limit, cursor: options.cursor ?? null });
    return { items: (await this.at(data)).map(toReviewView), ...(cursor ? { cursor } : {}) };
  }

  async figures(kind: ReviewSubjectKind, id: string): Promise<ReviewSummary> {
    const { data } = await this.deps.entities.ReviewFigures.get({ subjectKind: kind, subjectId: id }).go();
    return summariseReviews(kind, (data?.aggregate as ReviewAggregate | undefined) ?? emptyReviewAggregate());
  }
}
