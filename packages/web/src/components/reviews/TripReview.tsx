import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, AttemptKeys, unwrap, when, type Schemas } from "../../api";
import { statusLabels, type ReviewDetail, type SubjectKind } from "./policy";
import { ReviewBody } from "./ReviewBody";
import { ReviewForm, type ReviewContent } from "./ReviewForm";

type Reservation = Schemas["Reservation"];

/** Stays and flights are reviewed once they are confirmed and over; car rentals are not. */
export const mayBeReviewed = (r: Reservation) => r.status === "CONFIRMED" && !("vehicle" in r.itinerary);

const stateKey = (reservationId: string) => ["review-state", reservationId];

/** Whether this trip can be reviewed now, from when, or the traveller's review of it (shared by My trips and the trip page). */
export function useReviewState(reservationId: string, enabled = true) {
  return useQuery({
    queryKey: stateKey(reservationId),
    queryFn: ({ signal }) => unwrap(api.GET("/v1/reservations/{id}/review", { params: { path: { id: reservationId } }, signal })),
    enabled,
  });
}

/** One line in My trips: when the review opens, that it is open, or how the review stands. */
export function ReviewPrompt({ reservation }: { reservation: Reservation }) {
  const state = useReviewState(reservation.reservationId).data?.data;
  if (!state || state.state === "not_reviewable") return null;
  const what = "hotel" in reservation.itinerary ? "stay" : "flight";
  return (
    <p className="review-prompt">
      {state.state === "not_yet_open" && state.opensAt && `You can review this ${what} from ${when(state.opensAt)}.`}
      {state.state === "open" && `Reviews are open: open this ${what} to write yours.`}
      {state.state === "reviewed" && state.review && `Your review: ${statusLabels[state.review.status].toLowerCase()}.`}
    </p>
  );
}

/** The trip page's review section: a form once reviews open, then the review with its status and, for 30 days, an Edit form. */
export function TripReview({ reservation }: { reservation: Reservation }) {
  const headingId = useId();
  const state = useReviewState(reservation.reservationId);
  const data = state.data?.data;
  if (data?.state === "not_reviewable") return null;
  const kind: SubjectKind = "hotel" in reservation.itinerary ? "hotel" : "airline";
  return (
    <section className="card" aria-labelledby={headingId} id="review">
      <h2 id={headingId}>{kind === "hotel" ? "Review your stay" : "Review the airline"}</h2>
      {state.isPending && <p role="status">Checking whether you can review this trip…</p>}
      {state.isError && <p role="alert" className="error">{state.error.message}</p>}
      {data?.state === "not_yet_open" && data.opensAt && (
        <p data-testid="review-opens">You can review this from {when(data.opensAt)}.</p>
      )}
      {data?.state === "open" && (
        <>
          <p>How was {data.subject?.name ?? "it"}? Your review is shown under your profile's display name, with the other verified reviews.</p>
          <WriteReview reservationId={reservation.reservationId} kind={kind} />
        </>
      )}
      {data?.state === "reviewed" && data.review && <OwnReview review={data.review} />}
    </section>
  );
}

function WriteReview({ reservationId, kind }: { reservationId: string; kind: SubjectKind }) {
  const queries = useQueryClient();
  const [keys] = useState(() => new AttemptKeys());
  const write = useMutation({
    mutationFn: (content: ReviewContent) => {
      const body = { reservationId, ...content };
      return unwrap(api.POST("/v1/reviews", { params: { header: { "Idempotency-Key": keys.keyFor(body) } }, body }));
    },
    onSuccess: ({ data: review }) => {
      keys.settled();
      queries.setQueryData(stateKey(reservationId), { data: { state: "reviewed", review } });
      void queries.invalidateQueries({ queryKey: ["reviews", review.subject.kind, review.subject.id] });
    },
    onError: (error) => {
      keys.settled(error);
      // Written meanwhile (another tab), or no longer open: show where it stands now.
      void queries.invalidateQueries({ queryKey: stateKey(reservationId) });
    },
  });
  return <ReviewForm kind={kind} submitLabel="Send my review" pending={write.isPending} error={write.error} onSubmit={(content) => write.mutate(content)} />;
}

function OwnReview({ review }: { review: ReviewDetail }) {
  const headingId = useId();
  const queries = useQueryClient();
  const [editing, setEditing] = useState(false);
  const editable = Date.now() < Date.parse(review.editableUntil) && (review.status === "APPROVED" || review.status === "PENDING");
  const change = useMutation({
    mutationFn: (content: ReviewContent) => unwrap(api.PUT("/v1/reviews/{reviewId}", { params: { path: { reviewId: review.reviewId } }, body: content })),
    onSuccess: ({ data }) => {
      setEditing(false);
      queries.setQueryData(stateKey(review.reservationId), { data: { state: "reviewed", review: data } });
      void queries.invalidateQueries({ queryKey: ["reviews", data.subject.kind, data.subject.id] });
    },
  });
  if (editing) {
    return <ReviewForm kind={review.subject.kind} initial={review} submitLabel="Save my changes" pending={change.isPending} error={change.error} onSubmit={(c) => change.mutate(c)} onCancel={() => setEditing(false)} />;
  }
  return (
    <article aria-labelledby={headingId} className="review" data-testid="own-review">
      <p role="status">
        <span className={`badge ${review.status === "APPROVED" ? "confirmed" : review.status === "PENDING" ? "hold" : ""}`} data-testid="review-status">
          {statusLabels[review.status]}
        </span>
        {review.status === "PENDING" && <span className="muted"> It is shown once a moderator has read it.</span>}
      </p>
      <ReviewBody review={review} headingId={headingId} />
      {editable && (
        <p>
          <button type="button" onClick={() => (change.reset(), setEditing(true))}>Edit my review</button>{" "}
          <span className="muted">You can change it until {when(review.editableUntil)}.</span>
        </p>
      )}
    </article>
  );
}
