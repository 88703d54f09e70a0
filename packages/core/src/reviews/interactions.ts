import { putItem, transactWrite, TransactionRejected, updateItem, type LabelledItem } from "../booking/transact";
import { applyReview } from "./aggregate";
import { reviewEditableUntil } from "./eligibility";
import type { ReviewItem } from "./entities";
import { reviewEvent } from "./events";
import { writeWithFigures } from "./figures-store";
import { screenReview } from "./moderation";
import { categoriesProblem, reviewReplyLength } from "./policy";
import { refused, toReviewView, type ReviewInput, type ReviewOutcome, type ReviewService, type ReviewServiceDeps, type ReviewView } from "./service";

/**
 * What happens to a review after it is written: its author changes it (30 days), travellers find
 * it helpful or report it (once each), the hotel or airline replies (written by an admin on its
 * behalf), and an author who erases their account leaves it behind, detached.
 */
const scored = (r: Pick<ReviewItem, "overall" | "categories" | "createdAt">) => ({ overall: r.overall, categories: r.categories as Record<string, number>, createdAt: r.createdAt });

export class ReviewInteractions {
  constructor(
    private readonly deps: ReviewServiceDeps,
    private readonly reviews: ReviewService,
  ) {}

  /**
   * The author's new version, checked again: a published review stays published (its figures
   * changed from the old scores to the new) unless the check now queues it; a queued one stays
   * queued. Someone else's review reads as not found.
   */
  async edit(userId: string, reviewId: string, input: ReviewInput, traceId: string): Promise<ReviewOutcome<ReviewView>> {
    const { entities, outbox, now } = this.deps;
    const review = await this.reviews.find(reviewId);
    if (!review || review.userId !== userId) return refused("not_found", `no review ${reviewId} of yours`);
    const until = reviewEditableUntil(review.createdAt);
    if (now() > Date.parse(until)) return refused("not_editable", `a review can be changed until ${until}`);
    if (review.status === "REJECTED" || review.status === "REMOVED") return refused("not_editable", `a ${review.status.toLowerCase()} review cannot be changed; write to support`);
    const categories = categoriesProblem(review.subjectKind, input.categories);
    if (categories) return refused("invalid_categories", categories);

    const screening = screenReview({ title: input.title, text: input.text });
    const status: "APPROVED" | "PENDING" = review.status === "APPROVED" && screening.decision === "publish" ? "APPROVED" : "PENDING";
    const at = new Date(now()).toISOString();
    const changed = { overall: input.overall, categories: input.categories, title: screening.title, text: screening.text, language: input.language, tripType: input.tripType, flags: screening.flags, status, updatedAt: at, editedAt: at };
    const keys = { subjectKind: review.subjectKind, subjectId: review.subjectId };
    const items: LabelledItem[] = [updateItem("review", entities.Review.patch({ ...keys, reviewId }).set(changed).where((a, op) => op.eq(a.updatedAt, review.updatedAt)).params())];
    // `put`: a reported review may be in the queue already, under the same key.
    if (status === "PENDING" && review.status === "APPROVED") items.push(putItem("queue", entities.ModerationEntry.put({ createdAt: review.createdAt, reviewId, ...keys }).params()));
    // Each version is submitted; a published one is approved again (its scores changed) or, queued again, removed until decided.
    const version = { ...review, ...changed };
    items.push(reviewEvent(outbox, "ReviewSubmitted", version, { traceId, at, edited: true }));
    if (review.status === "APPROVED") items.push(reviewEvent(outbox, status === "APPROVED" ? "ReviewApproved" : "ReviewRemoved", version, { traceId, at, edited: true }));
    const next = { ...scored(review), overall: input.overall, categories: input.categories };
    const change =
      review.status !== "APPROVED" ? undefined : status === "APPROVED" ? (a: ReturnType<typeof applyReview>) => applyReview(applyReview(a, scored(review), -1), next, 1) : (a: ReturnType<typeof applyReview>) => applyReview(a, scored(review), -1);
    const outcome = await writeWithFigures(this.deps, review.subjectKind, review.subjectId, change, items);
    if (outcome !== "done") return refused("conflict", "the review changed meanwhile; read it and try again");
    return { ok: toReviewView({ ...review, ...changed } as ReviewItem) };
  }

  /** "Helpful", once per traveller per published review, never on one's own. */
  async markHelpful(userId: string, reviewId: string): Promise<ReviewOutcome<{ helpfulCount: number }>> {
    const outcome = await this.react("vote", userId, reviewId);
    return "ok" in outcome ? { ok: { helpfulCount: outcome.ok.helpfulCount + 1 } } : outcome;
  }

  /** A report, once per traveller per review, with the reason; moderators see the count. */
  async report(userId: string, reviewId: string, reason: string): Promise<ReviewOutcome<{ reportCount: number }>> {
    const outcome = await this.react("report", userId, reviewId, reason);
    return "ok" in outcome ? { ok: { reportCount: outcome.ok.reportCount + 1 } } : outcome;
  }

  /** A vote or report written once (on condition it is not there) with the review's count, in one transaction. */
  private async react(kind: "vote" | "report", userId: string, reviewId: string, reason?: string): Promise<ReviewOutcome<ReviewItem>> {
    const review = await this.reviews.find(reviewId);
    if (!review || review.status !== "APPROVED") return refused("not_found", `no published review ${reviewId}`);
    if (kind === "vote" && review.userId === userId) return refused("own_review", "one's own review cannot be marked helpful");
    const { entities, now } = this.deps;
    const createdAt = new Date(now()).toISOString();
    const reviewKeys = { subjectKind: review.subjectKind, subjectId: review.subjectId, reviewId };
    try {
      await transactWrite(this.deps.client, [
        kind === "vote"
          ? putItem(kind, entities.ReviewVote.create({ reviewId, userId, createdAt }).params())
          : putItem(kind, entities.ReviewReport.create({ reviewId, userId, reason, createdAt }).params()),
        putItem("pointer", entities.UserReaction.put({ userId, kind, reviewId, createdAt, ...(reason ? { reason } : {}) }).params()),
        // Only while it is published: a vote or report racing a removal is refused, not counted.
        updateItem("review", entities.Review.patch(reviewKeys).add(kind === "vote" ? { helpfulCount: 1 } : { reportCount: 1 }).where((a, op) => op.eq(a.status, "APPROVED")).params()),
        // A reported review waits for a moderator to keep or remove it (written again by later reports: the same entry).
        ...(kind === "report" ? [putItem("queue", entities.ModerationEntry.put({ createdAt: review.createdAt, reviewId, subjectKind: review.subjectKind, subjectId: review.subjectId }).params())] : []),
      ]);
    } catch (error) {
      if (error instanceof TransactionRejected && error.failedLabels.includes(kind)) {
        return kind === "vote" ? refused("already_voted", "you marked this review helpful already") : refused("already_reported", "you reported this review already");
      }
      if (error instanceof TransactionRejected && error.failedLabels.includes("review")) return refused("not_found", `no published review ${reviewId}`);
      throw error;
    }
    return { ok: review };
  }

  /** The hotel's or airline's reply, shown beside the review; contact details and links are removed from it. */
  async reply(reviewId: string, text: string, by: string): Promise<ReviewOutcome<ReviewView>> {
    const review = await this.reviews.find(reviewId);
    if (!review || review.status !== "APPROVED") return refused("not_found", `no published review ${reviewId}`);
    const trimmed = text.trim();
    if (trimmed.length < reviewReplyLength.min || trimmed.length > reviewReplyLength.max) return refused("invalid_reply", `a reply is ${reviewReplyLength.min}–${reviewReplyLength.max} characters`);
    const at = new Date(this.deps.now()).toISOString();
    const reply = { text: screenReview({ title: "", text: trimmed }).text, by, at };
    await this.deps.entities.Review.patch({ subjectKind: review.subjectKind, subjectId: review.subjectId, reviewId }).set({ reply, updatedAt: at }).go();
    return { ok: toReviewView({ ...review, reply, updatedAt: at }) };
  }

  /** A traveller's own reviews, newest first, a page at a time. */
  async mine(userId: string, options: { limit: number; cursor?: string }): Promise<{ items: ReviewView[]; cursor?: string }> {
    const { data, cursor } = await this.deps.entities.UserReview.query.byUser({ userId }).go({ order: "desc", limit: options.limit, cursor: options.cursor ?? null });
    return { items: (await this.reviews.at(data)).map(toReviewView), ...(cursor ? { cursor } : {}) };
  }

  /** A traveller's own reviews, and their helpful votes and reports, for their data export. */
  async ofAuthor(userId: string): Promise<Array<ReviewView | { reaction: "vote" | "report"; reviewId: string; reason?: string; createdAt: string }>> {
    const { data } = await this.deps.entities.UserReview.query.byUser({ userId }).go({ pages: "all" });
    const reviews = await this.reviews.at(data);
    const { data: reactions } = await this.deps.entities.UserReaction.query.byUser({ userId }).go({ pages: "all" });
    return [
      ...reviews.map(toReviewView),
      ...reactions.map((r) => ({ reaction: r.kind, reviewId: r.reviewId, ...(r.reason ? { reason: r.reason } : {}), createdAt: r.createdAt })),
    ];
  }

  /**
   * Erasure: the reviews stay (they are about a hotel, and their figures stand) but no longer name
   * or point to the traveller: no user id, "Former traveller" for the name, the pointers gone. Their
   * helpful votes and reports are deleted; the counts they added stay on the reviews.
   */
  async detachAuthor(userId: string): Promise<number> {
    const { entities, now } = this.deps;
    const { data } = await entities.UserReview.query.byUser({ userId }).go({ pages: "all" });
    const at = new Date(now()).toISOString();
    // Votes and reports go (their counts stay on the reviews): they name the traveller, a report in their words.
    const { data: reactions } = await entities.UserReaction.query.byUser({ userId }).go({ pages: "all" });
    for (const r of reactions) {
      const reaction = r.kind === "vote" ? entities.ReviewVote : entities.ReviewReport;
      await transactWrite(this.deps.client, [
        { label: "reaction", item: { Delete: reaction.delete({ reviewId: r.reviewId, userId }).params() as never } },
        { label: "pointer", item: { Delete: entities.UserReaction.delete({ userId, kind: r.kind, reviewId: r.reviewId }).params() as never } },
      ]);
    }
    for (const pointer of data) {
      await transactWrite(this.deps.client, [
        updateItem("review", entities.Review.patch({ subjectKind: pointer.subjectKind, subjectId: pointer.subjectId, reviewId: pointer.reviewId }).set({ userId: "", displayName: "Former traveller", updatedAt: at }).params()),
        { label: "pointer", item: { Delete: entities.UserReview.delete({ userId, reviewId: pointer.reviewId }).params() as never } },
      ]);
    }
    return data.length;
  }
}
