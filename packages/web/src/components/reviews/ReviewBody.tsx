import { when } from "../../api";
import { categoryLabel, languageName, tripTypeLabels, type Review } from "./policy";

/**
 * What a review says. Title, text and reply are whatever a traveller or a hotel typed: they are
 * React text nodes only (escaped), never markup, with line breaks kept by CSS (`white-space: pre-line`).
 */
export function ReviewBody({ review, headingId, level = 3 }: { review: Review; headingId: string; level?: 3 | 4 }) {
  const Heading = level === 3 ? "h3" : "h4";
  const categories = Object.entries(review.categories);
  return (
    <>
      <Heading id={headingId} className="review-title">
        <span className="review-score">
          {review.overall}
          <span className="visually-hidden"> out of 10:</span>
          <span aria-hidden="true"> / 10</span>
        </span>{" "}
        <span className="user-text">{review.title}</span>
      </Heading>
      <p className="muted review-meta">
        {review.displayName} · {tripTypeLabels[review.tripType] ?? review.tripType} trip · <time dateTime={review.createdAt}>{when(review.createdAt, { dateStyle: "medium" })}</time>
        {review.language !== "en" ? ` · ${languageName(review.language)}` : ""} · {review.subject.kind === "hotel" ? "verified stay" : "verified flight"}
      </p>
      <p className="user-text review-text">{review.text}</p>
      {categories.length > 0 && (
        <dl className="review-categories">
          {categories.map(([name, score]) => (
            <div key={name}>
              <dt>{categoryLabel(name)}</dt>
              <dd>{score} / 10</dd>
            </div>
          ))}
        </dl>
      )}
      {review.reply && (
        <div className="review-reply">
          <p>
            <strong>Reply from {review.reply.by}</strong> · <time dateTime={review.reply.at}>{when(review.reply.at, { dateStyle: "medium" })}</time>
          </p>
          <p className="user-text">{review.reply.text}</p>
        </div>
      )}
    </>
  );
}
