import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../api";
import type { ReviewDetail } from "../../components/reviews/policy";
import { ModerationItem } from "./ModerationItem";
import { Failure } from "./shared";

type QueuePage = { data: ReviewDetail[]; meta: { nextCursor: string | null } };
const queueKey = ["admin", "reviews", "queue"];

/** The moderation queue, oldest first; what was decided here stays below it, to reply to. */
export function Reviews() {
  const queries = useQueryClient();
  const [decided, setDecided] = useState<ReviewDetail[]>([]);
  const queue = useInfiniteQuery({
    queryKey: queueKey,
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/v1/admin/reviews/queue", { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
  const onDecided = (review: ReviewDetail) => {
    // Out of the queue at once (the next refetch agrees), into "Decided here".
    queries.setQueryData<InfiniteData<QueuePage>>(queueKey, (data) => data && { ...data, pages: data.pages.map((p) => ({ ...p, data: p.data.filter((r) => r.reviewId !== review.reviewId) })) });
    setDecided((all) => [review, ...all.filter((r) => r.reviewId !== review.reviewId)]);
    void queries.invalidateQueries({ queryKey: ["reviews", review.subject.kind, review.subject.id] });
  };
  const onReplied = (review: ReviewDetail) => setDecided((all) => all.map((r) => (r.reviewId === review.reviewId ? review : r)));
  const items = queue.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Moderation queue</h2>
        <p className="muted">
          Oldest first: reviews the automatic check held back (their flags say why), and published reviews travellers reported. Each decision is
          recorded with its reason in the audit log.
        </p>
        <Failure error={queue.error} />
        {queue.isPending && <p role="status">Loading the queue…</p>}
        {queue.data && items.length === 0 && <p>Nothing waits for a moderator.</p>}
        {items.length > 0 && (
          <ol className="admin-queue" data-testid="review-queue">
            {items.map((review) => <ModerationItem key={review.reviewId} review={review} onDecided={onDecided} onReplied={onReplied} />)}
          </ol>
        )}
        {queue.hasNextPage && (
          <button type="button" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            More
          </button>
        )}
      </section>
      {decided.length > 0 && (
        <section className="card" aria-labelledby="decided-heading">
          <h2 id="decided-heading">Decided here</h2>
          <ol className="admin-queue" data-testid="reviews-decided">
            {decided.map((review) => <ModerationItem key={review.reviewId} review={review} onDecided={onDecided} onReplied={onReplied} decided />)}
          </ol>
        </section>
      )}
    </>
  );
}
