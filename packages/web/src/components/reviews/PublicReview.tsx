import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, AttemptKeys, unwrap } from "../../api";
import { useAuth } from "../../auth";
import type { Review } from "./policy";
import { ReviewBody } from "./ReviewBody";

/** One published review in a hotel's or airline's list; signed-in travellers mark it helpful or report it. */
export function PublicReview({ review }: { review: Review }) {
  const headingId = useId();
  const signedIn = useAuth().status === "signed-in";
  // The count the API answered after this traveller's vote, until the list is read again.
  const [voted, setVoted] = useState<number>();
  const helpfulCount = voted ?? review.helpfulCount;
  return (
    <li className="review" data-testid="review">
      <article aria-labelledby={headingId}>
        <ReviewBody review={review} headingId={headingId} />
        <p className="muted">
          {helpfulCount === 0 ? "Nobody has marked this helpful yet." : `${helpfulCount} traveller${helpfulCount === 1 ? "" : "s"} found this helpful.`}
        </p>
        {signedIn && <ReviewActions review={review} onHelpful={setVoted} />}
      </article>
    </li>
  );
}

function ReviewActions({ review, onHelpful }: { review: Review; onHelpful: (count: number) => void }) {
  const reasonId = useId();
  const [reporting, setReporting] = useState(false);
  const [keys] = useState(() => ({ helpful: new AttemptKeys(), report: new AttemptKeys() }));
  const path = { reviewId: review.reviewId };
  const helpful = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/reviews/{reviewId}/helpful", { params: { path, header: { "Idempotency-Key": keys.helpful.keyFor(path) } } })),
    onSuccess: ({ data }) => (keys.helpful.settled(), onHelpful(data.helpfulCount)),
    onError: (error) => keys.helpful.settled(error),
  });
  const report = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST("/v1/reviews/{reviewId}/reports", { params: { path, header: { "Idempotency-Key": keys.report.keyFor({ ...path, reason }) } }, body: { reason } })),
    onSuccess: () => (keys.report.settled(), setReporting(false)),
    onError: (error) => keys.report.settled(error),
  });
  const submitReport = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    report.mutate(String(new FormData(event.currentTarget).get("reason") ?? "").trim());
  };
  const failure = helpful.error ?? report.error;
  return (
    <div className="review-actions">
      <p>
        <button type="button" onClick={() => helpful.mutate()} disabled={helpful.isPending || helpful.isSuccess}>
          {helpful.isSuccess ? "Marked helpful" : "Helpful"}
        </button>{" "}
        {!reporting && !report.isSuccess && (
          <button type="button" className="link" onClick={() => setReporting(true)}>
            Report this review
          </button>
        )}
      </p>
      {reporting && (
        <form onSubmit={submitReport} aria-label="Report this review">
          <div className="field">
            <label htmlFor={reasonId}>What is wrong with it?</label>
            <input id={reasonId} name="reason" required minLength={3} maxLength={500} autoComplete="off" />
          </div>
          <button type="submit" disabled={report.isPending}>Send the report</button>{" "}
          <button type="button" className="link" onClick={() => setReporting(false)}>Cancel</button>
        </form>
      )}
      {report.isSuccess && <p role="status">Reported: a moderator will look at it.</p>}
      {failure && (
        <p role="alert" className="error">
          {failure.message}
        </p>
      )}
    </div>
  );
}
