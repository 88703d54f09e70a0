import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, AttemptKeys, unwrap } from "../../api";
import { reviewReplyLength, statusLabels, type ReviewDetail } from "../../components/reviews/policy";
import { ReviewBody } from "../../components/reviews/ReviewBody";
import { Failure } from "./shared";

type Decision = "approve" | "reject" | "remove" | "keep";

const flagLabels: Record<string, string> = {
  link: "a link (removed)",
  word_list: "a word from the list",
  capitals: "written in capitals",
  contact_details: "contact details (removed)",
  card_number: "a card number (removed)",
};

/** One review to decide on: what it says, why it is here, a reason and the decisions open to it; a reply once published. */
export function ModerationItem({ review, onDecided, onReplied, decided = false }: { review: ReviewDetail; onDecided: (r: ReviewDetail) => void; onReplied: (r: ReviewDetail) => void; decided?: boolean }) {
  const id = useId();
  const [keys] = useState(() => new AttemptKeys());
  const decide = useMutation({
    mutationFn: (body: { decision: Decision; reason: string }) =>
      unwrap(api.POST("/v1/admin/reviews/{reviewId}/moderation", { params: { path: { reviewId: review.reviewId }, header: { "Idempotency-Key": keys.keyFor(body) } }, body })),
    onSuccess: ({ data }) => (keys.settled(), onDecided(data)),
    onError: (error) => keys.settled(error),
  });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    decide.mutate({ decision: (submitter?.value ?? "approve") as Decision, reason });
  };
  const pending = review.status === "PENDING";
  const reported = review.status === "APPROVED" && review.reportCount > 0;

  return (
    <li className="admin-review" data-testid="queued-review">
      <article aria-labelledby={`${id}-title`}>
        <p className="admin-note">
          {review.subject.kind === "hotel" ? "Hotel" : "Airline"} <strong>{review.subject.name}</strong> · <span className="badge">{statusLabels[review.status]}</span>
        </p>
        <ReviewBody review={review} headingId={`${id}-title`} />
        <p data-testid="review-flags">
          {review.flags.length > 0 ? `Flagged for: ${review.flags.map((f) => flagLabels[f] ?? f).join(", ")}.` : "No flags."}{" "}
          {review.reportCount > 0 ? `Reported by ${review.reportCount} traveller${review.reportCount === 1 ? "" : "s"}.` : ""}
        </p>
        {!decided && (pending || reported) && (
          <form className="admin-inline" onSubmit={submit} aria-label={`Decide on “${review.title}”`}>
            <div className="field admin-reason">
              <label htmlFor={`${id}-reason`}>Reason for the decision</label>
              <input id={`${id}-reason`} name="reason" required minLength={3} maxLength={500} autoComplete="off" />
            </div>
            <span className="admin-actions">
              {pending ? (
                <>
                  <button type="submit" name="decision" value="approve" className="primary" disabled={decide.isPending}>Approve</button>
                  <button type="submit" name="decision" value="reject" className="danger" disabled={decide.isPending}>Reject</button>
                </>
              ) : (
                <>
                  <button type="submit" name="decision" value="keep" className="primary" disabled={decide.isPending}>Keep</button>
                  <button type="submit" name="decision" value="remove" className="danger" disabled={decide.isPending}>Remove</button>
                </>
              )}
            </span>
          </form>
        )}
        <Failure error={decide.error} />
        {review.status === "APPROVED" && <ReplyForm review={review} onReplied={onReplied} />}
      </article>
    </li>
  );
}

/** The hotel's or airline's reply, shown beside the published review (replaces an earlier one). */
function ReplyForm({ review, onReplied }: { review: ReviewDetail; onReplied: (r: ReviewDetail) => void }) {
  const id = useId();
  const reply = useMutation({
    mutationFn: (body: { text: string; by: string }) => unwrap(api.PUT("/v1/admin/reviews/{reviewId}/reply", { params: { path: { reviewId: review.reviewId } }, body })),
    onSuccess: ({ data }) => onReplied(data),
  });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    reply.mutate({ text: String(form.get("text") ?? "").trim(), by: String(form.get("by") ?? "").trim() });
  };
  return (
    <details className="admin-reply">
      <summary>{review.reply ? "Change the reply" : "Reply on the " + (review.subject.kind === "hotel" ? "hotel's" : "airline's") + " behalf"}</summary>
      <form onSubmit={submit} aria-label={`Reply to “${review.title}”`}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Reply</label>
          <textarea id={`${id}-text`} name="text" required minLength={reviewReplyLength.min} maxLength={reviewReplyLength.max} rows={3} defaultValue={review.reply?.text} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-by`}>Signed</label>
          <input id={`${id}-by`} name="by" required minLength={2} maxLength={100} defaultValue={review.reply?.by ?? `The manager of ${review.subject.name}`} />
        </div>
        <Failure error={reply.error} />
        {reply.isSuccess && <p role="status">Reply published.</p>}
        <button type="submit" disabled={reply.isPending}>Publish the reply</button>
      </form>
    </details>
  );
}
