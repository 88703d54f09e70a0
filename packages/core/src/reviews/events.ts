import type { BookingEntities } from "../booking/entities";
import { outboxEntry } from "../booking/outbox";
import type { LabelledItem } from "../booking/transact";
import type { ReviewEventDetail } from "../events/catalog";
import type { ReviewItem } from "./entities";

type ReviewEventName = "ReviewSubmitted" | "ReviewApproved" | "ReviewRemoved";

/**
 * The outbox row announcing a review's change, written in the same transaction as the change (the
 * outbox relay puts it on the platform bus): analytics counts it, and the search cache drops the
 * hotel's cached answers when its rating moves. The author is not in it.
 */
export function reviewEvent(
  outbox: BookingEntities,
  name: ReviewEventName,
  review: Pick<ReviewItem, "reviewId" | "subjectKind" | "subjectId" | "overall" | "language" | "tripType" | "flags"> & { status: ReviewEventDetail["status"] },
  context: { traceId: string; at: string; edited: boolean },
): LabelledItem {
  return outboxEntry(
    outbox,
    {
      name,
      aggregateType: "review",
      aggregateId: review.reviewId,
      traceId: context.traceId,
      detail: (eventId): ReviewEventDetail => ({
        schemaVersion: 1,
        eventId,
        traceId: context.traceId,
        occurredAt: context.at,
        reviewId: review.reviewId,
        subject: { kind: review.subjectKind, id: review.subjectId },
        status: review.status,
        overall: review.overall,
        language: review.language,
        tripType: review.tripType,
        flags: review.flags,
        edited: context.edited,
      }),
    },
    context.at,
  );
}
