import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { catalogTable } from "../db/tables";
import { reviewStatuses, reviewSubjectKinds, tripTypes } from "./policy";

/**
 * ElectroDB models of reviews, in the catalog table (searchType/searchId, its `timestamp-index`
 * GSI): a subject's reviews share a partition, so the GSI lists them newest first; a locator finds
 * a review by id; one claim per reservation makes "one review per reservation" a condition; a
 * pointer per user serves export and erasure; PENDING reviews wait in the moderation queue's
 * partition; a subject's figures sit beside its reviews.
 */
const raw = { casing: "none" } as const;
const keys = catalogTable.primaryIndex;
const byTime = { index: "timestamp-index", hashKey: catalogTable.globalIndexes["timestamp-index"].hashKey, rangeKey: catalogTable.globalIndexes["timestamp-index"].rangeKey };
const subjectKey = "reviews#${subjectKind}#${subjectId}";
const subject = { subjectKind: { type: reviewSubjectKinds, required: true, readOnly: true }, subjectId: { type: "string", required: true, readOnly: true } } as const;

export function createReviewEntities(client: DynamoDBDocumentClient, table: string) {
  const Review = new Entity(
    {
      model: { entity: "review", version: "1", service: "reviews" },
      attributes: {
        ...subject,
        reviewId: { type: "string", required: true, readOnly: true },
        subjectName: { type: "string", required: true },
        reservationId: { type: "string", required: true, readOnly: true },
        /** Empty once the author erased their account: the review stays, detached. */
        userId: { type: "string", required: true },
        displayName: { type: "string", required: true },
        overall: { type: "number", required: true },
        categories: { type: "any", required: true },
        title: { type: "string", required: true },
        text: { type: "string", required: true },
        language: { type: "string", required: true },
        tripType: { type: tripTypes, required: true },
        status: { type: reviewStatuses, required: true },
        flags: { type: "list", items: { type: "string" }, required: true },
        moderation: { type: "any" },
        reply: { type: "any" },
        helpfulCount: { type: "number", required: true, default: 0 },
        reportCount: { type: "number", required: true, default: 0 },
        /** When it was written, in ms: the GSI's sort key. */
        writtenAt: { type: "number", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        /** When its author last changed it (absent: as first written). */
        editedAt: { type: "string" },
      },
      indexes: {
        bySubject: {
          pk: { field: keys.hashKey, composite: ["subjectKind", "subjectId"], template: subjectKey, ...raw },
          sk: { field: keys.rangeKey, composite: ["reviewId"], template: "review#${reviewId}", ...raw },
        },
        bySubjectNewest: {
          index: byTime.index,
          pk: { field: byTime.hashKey, composite: ["subjectKind", "subjectId"], template: subjectKey, ...raw },
          // The GSI's sort key is a number: ElectroDB writes writtenAt into it as one.
          sk: { field: byTime.rangeKey, composite: ["writtenAt"], cast: "number" },
        },
      },
    },
    { client, table },
  );

  const ReviewLocator = new Entity(
    {
      model: { entity: "reviewLocator", version: "1", service: "reviews" },
      attributes: { reviewId: { type: "string", required: true, readOnly: true }, ...subject },
      indexes: {
        byReviewId: {
          pk: { field: keys.hashKey, composite: ["reviewId"], template: "review#${reviewId}", ...raw },
          sk: { field: keys.rangeKey, composite: [], template: "locator", ...raw },
        },
      },
    },
    { client, table },
  );

  const ReviewClaim = new Entity(
    {
      model: { entity: "reviewClaim", version: "1", service: "reviews" },
      attributes: { reservationId: { type: "string", required: true, readOnly: true }, reviewId: { type: "string", required: true, readOnly: true } },
      indexes: {
        byReservation: {
          pk: { field: keys.hashKey, composite: ["reservationId"], template: "reservation#${reservationId}", ...raw },
          sk: { field: keys.rangeKey, composite: [], template: "review", ...raw },
        },
      },
    },
    { client, table },
  );

  const UserReview = new Entity(
    {
      model: { entity: "userReview", version: "1", service: "reviews" },
      attributes: { userId: { type: "string", required: true, readOnly: true }, reviewId: { type: "string", required: true, readOnly: true }, ...subject },
      indexes: {
        byUser: {
          pk: { field: keys.hashKey, composite: ["userId"], template: "user#${userId}", ...raw },
          sk: { field: keys.rangeKey, composite: ["reviewId"], template: "review#${reviewId}", ...raw },
        },
      },
    },
    { client, table },
  );

  const ModerationEntry = new Entity(
    {
      model: { entity: "reviewModeration", version: "1", service: "reviews" },
      attributes: { createdAt: { type: "string", required: true, readOnly: true }, reviewId: { type: "string", required: true, readOnly: true }, ...subject },
      indexes: {
        queue: {
          pk: { field: keys.hashKey, composite: [], template: "review-queue", ...raw },
          sk: { field: keys.rangeKey, composite: ["createdAt", "reviewId"], template: "${createdAt}#${reviewId}", ...raw },
        },
      },
    },
    { client, table },
  );

  const ReviewFigures = new Entity(
    {
      model: { entity: "reviewFigures", version: "1", service: "reviews" },
      attributes: { ...subject, aggregate: { type: "any", required: true }, version: { type: "number", required: true } },
      indexes: {
        bySubject: {
          pk: { field: keys.hashKey, composite: ["subjectKind", "subjectId"], template: subjectKey, ...raw },
          sk: { field: keys.rangeKey, composite: [], template: "figures", ...raw },
        },
      },
    },
    { client, table },
  );

  /** A traveller's "helpful" on a review, or their report of it: once each per review. */
  const reaction = (entity: string, prefix: string) =>
    new Entity(
      {
        model: { entity, version: "1", service: "reviews" },
        attributes: { reviewId: { type: "string", required: true, readOnly: true }, userId: { type: "string", required: true, readOnly: true }, reason: { type: "string" }, createdAt: { type: "string", required: true, readOnly: true } },
        indexes: {
          byReview: {
            pk: { field: keys.hashKey, composite: ["reviewId"], template: `${prefix}#\${reviewId}`, ...raw },
            sk: { field: keys.rangeKey, composite: ["userId"], template: "${userId}", ...raw },
          },
        },
      },
      { client, table },
    );
  const ReviewVote = reaction("reviewVote", "review-vote");
  const ReviewReport = reaction("reviewReport", "review-report");

  /** The traveller's pointer to a vote or report of theirs, for export and erasure (those are keyed by review). */
  const UserReaction = new Entity(
    {
      model: { entity: "userReaction", version: "1", service: "reviews" },
      attributes: {
        userId: { type: "string", required: true, readOnly: true },
        kind: { type: ["vote", "report"] as const, required: true, readOnly: true },
        reviewId: { type: "string", required: true, readOnly: true },
        reason: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byUser: {
          pk: { field: keys.hashKey, composite: ["userId"], template: "user#${userId}", ...raw },
          sk: { field: keys.rangeKey, composite: ["kind", "reviewId"], template: "reaction#${kind}#${reviewId}", ...raw },
        },
      },
    },
    { client, table },
  );

  return { Review, ReviewLocator, ReviewClaim, UserReview, ModerationEntry, ReviewFigures, ReviewVote, ReviewReport, UserReaction };
}

export type ReviewEntities = ReturnType<typeof createReviewEntities>;
export type ReviewItem = EntityItem<ReviewEntities["Review"]>;
