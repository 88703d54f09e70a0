import type { Schemas } from "../../api";
import { categoryLabel, reviewCategories, scores, type SubjectKind } from "./policy";

const mean = (n: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** A subject's figures over every published review: count, mean, per category, and how scores spread. */
export function ReviewSummary({ summary, kind }: { summary: Schemas["ReviewSummary"]; kind: SubjectKind }) {
  if (summary.count === 0) return <p>No reviews yet.</p>;
  const largest = Math.max(1, ...Object.values(summary.distribution));
  return (
    <div className="review-summary" data-testid="review-summary">
      <p className="rating-score">
        {summary.overall !== null && (
          <>
            <strong>{mean(summary.overall)}</strong> / 10 on average,{" "}
          </>
        )}
        from {summary.count} verified review{summary.count === 1 ? "" : "s"}
      </p>
      <div className="review-figures">
        <dl className="review-categories">
          {reviewCategories[kind].map((name) => (
            <div key={name}>
              <dt>{categoryLabel(name)}</dt>
              <dd>{summary.categories[name] == null ? "not rated" : `${mean(summary.categories[name])} / 10`}</dd>
            </div>
          ))}
        </dl>
        <table className="review-distribution">
          <caption>How travellers scored it</caption>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Reviews</th>
            </tr>
          </thead>
          <tbody>
            {scores.map((score) => {
              const count = summary.distribution[String(score)] ?? 0;
              return (
                <tr key={score}>
                  <th scope="row">{score}</th>
                  <td>
                    <span className="bar" aria-hidden="true" style={{ width: `${(count / largest) * 6}rem` }} /> {count}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
