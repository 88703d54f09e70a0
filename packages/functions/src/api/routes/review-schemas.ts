import { z } from "@hono/zod-openapi";
import { reviewCategories, reviewInputSchema, reviewReplyLength, reviewSorts, reviewStatuses, reviewSubjectKinds, tripTypes, type ReviewView } from "@travel/core/reviews";
import { reservationId } from "./reservation-schemas";

/** The shapes of the review routes (./reviews.ts, ./review-moderation.ts). */
export const reviewId = z.string().regex(/^rv_[A-Za-z0-9_-]{22}$/, { message: "must be a review id (rv_…)" }).meta({ maxLength: 25 });

const categoriesDescription = Object.entries(reviewCategories).map(([kind, names]) => `${kind}: ${names.join(", ")}`).join("; ");

export const reviewContent = reviewInputSchema
  .extend({
    categories: reviewInputSchema.shape.categories.meta({ description: `Scores 1–10 per category, any of them (${categoriesDescription})` }),
    language: reviewInputSchema.shape.language.meta({ maxLength: 6 }),
  })
  .strict();

export const newReviewBody = reviewContent.extend({ reservationId }).strict().meta({ id: "NewReview", description: "A review of a confirmed trip of yours: a hotel stay from noon UTC on its check-out day, a flight's airline from its departure" });
export const reviewChangesBody = reviewContent.meta({ id: "ReviewChanges", description: "The whole review as it should now read (within 30 days of writing it)" });

const reply = z.object({ text: z.string(), by: z.string(), at: z.string() }).nullable().meta({ description: "The hotel's or airline's answer" });

/** What anyone reading reviews sees: the reviewer by display name only. */
export const publicReviewSchema = z
  .object({
    reviewId: z.string(),
    subject: z.object({ kind: z.enum(reviewSubjectKinds), id: z.string(), name: z.string() }),
    displayName: z.string().meta({ description: "The reviewer's display name (\"Former traveller\" once they erased their account)" }),
    verified: z.literal(true).meta({ description: "Written by a traveller whose confirmed trip we sold" }),
    overall: z.number().int(),
    categories: z.record(z.string(), z.number().int()),
    title: z.string().meta({ description: "Plain text: render it as text, never as markup" }),
    text: z.string().meta({ description: "Plain text: render it as text, never as markup. Contact details and links are replaced by [… removed]" }),
    language: z.string(),
    tripType: z.enum(tripTypes),
    helpfulCount: z.number().int(),
    reply,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Review" });

/** What the author and moderators see besides. */
export const fullReviewSchema = publicReviewSchema
  .extend({
    reservationId: z.string(),
    status: z.enum(reviewStatuses).meta({ description: "PENDING: waiting for a moderator; APPROVED: shown and counted; REJECTED; REMOVED: taken down after publication" }),
    flags: z.array(z.string()).meta({ description: "What the automatic check found: contact_details and card_number (redacted, published), link (removed, queued), word_list and capitals (queued)" }),
    reportCount: z.number().int(),
    editableUntil: z.string(),
  })
  .meta({ id: "ReviewDetail" });

export function publicReview(view: ReviewView): z.infer<typeof publicReviewSchema> {
  const { reviewId, subject, displayName, overall, categories, title, text, language, tripType, helpfulCount, reply, createdAt, updatedAt } = view;
  return { reviewId, subject, displayName, verified: true, overall, categories, title, text, language, tripType: tripType as z.infer<typeof publicReviewSchema>["tripType"], helpfulCount, reply, createdAt, updatedAt };
}

export const reviewSummarySchema = z
  .object({
    count: z.number().int(),
    overall: z.number().nullable().meta({ description: "Mean overall score 1–10 of published reviews" }),
    categories: z.record(z.string(), z.number().nullable()),
    distribution: z.record(z.string(), z.number().int()).meta({ description: "Published reviews per overall score, \"1\" to \"10\"" }),
    recencyWeighted: z.number().nullable().meta({ description: "Mean overall score with each review's weight halving every 365 days: what hotel search sorts and filters by" }),
  })
  .meta({ id: "ReviewSummary" });

export const reviewListQuery = z.object({
  sort: z.enum(reviewSorts).default("newest").meta({ description: "newest first, most helpful first, or by overall score (highest or lowest first; equal scores newest first)" }),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: "must be a language tag such as en or pt-BR" }).meta({ maxLength: 6 }).optional(),
  tripType: z.enum(tripTypes).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().max(2048).optional().meta({ description: "`meta.nextCursor` of the previous page, with the same sort and filters" }),
});

export const reportBody = z.strictObject({ reason: z.string().trim().min(3).max(500) }).meta({ id: "ReviewReport" });
export const moderationBody = z
  .strictObject({
    decision: z.enum(["approve", "reject", "remove", "keep"]).meta({ description: "approve or reject a PENDING review; remove or keep a published one that was reported" }),
    reason: z.string().trim().min(3).max(500).meta({ description: "Recorded with the decision and in the audit log" }),
  })
  .meta({ id: "ModerationDecision" });
export const replyBody = z
  .strictObject({
    text: z.string().trim().min(reviewReplyLength.min).max(reviewReplyLength.max),
    by: z.string().trim().min(2).max(100).meta({ description: "Who answers, as shown, e.g. \"The manager of Hôtel du Test\"" }),
  })
  .meta({ id: "ReviewReply" });

export const reservationReviewSchema = z
  .object({
    state: z.enum(["open", "not_yet_open", "reviewed", "not_reviewable"]),
    opensAt: z.string().optional(),
    subject: z.object({ kind: z.enum(reviewSubjectKinds), id: z.string(), name: z.string() }).optional(),
    review: fullReviewSchema.optional(),
    reason: z.string().optional(),
  })
  .meta({ id: "ReservationReview", description: "Whether the reservation can be reviewed now, from when, or its review" });

export function fullReview(view: ReviewView): z.infer<typeof fullReviewSchema> {
  return { ...publicReview(view), reservationId: view.reservationId, status: view.status as z.infer<typeof fullReviewSchema>["status"], flags: view.flags, reportCount: view.reportCount, editableUntil: view.editableUntil };
}
