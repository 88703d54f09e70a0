import type { Schemas } from "../api";

type ComparableRating = NonNullable<Schemas["HotelOffer"]["hotel"]["comparableRating"]>;
type Source = ComparableRating["sources"][number];

const sourceNames: Record<Source["source"], string> = {
  verified: "Our verified guests",
  duffel: "Duffel's guests",
  amadeus: "Amadeus's guests",
  stars: "Star class",
};

const figure = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n);
const score = (n: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
/** A source's share; a source that counts, however little, never reads as 0%. */
const share = (weight: number) => (weight > 0 && weight < 0.005 ? "under 1%" : new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 }).format(weight));

/**
 * A hotel's comparable rating, one 0–10 figure, and what it is made of: each source on its own
 * scale, how many reviews stand behind it, whether they are verified stays, and its share.
 */
export function ComparableRatingView({ rating, hotel }: { rating: ComparableRating; hotel: string }) {
  return (
    <div className="rating" data-testid="comparable-rating">
      <p className="rating-score">
        {rating.score === null ? (
          <span className="muted">Not rated yet</span>
        ) : (
          <>
            <strong>{score(rating.score)}</strong> / 10 <span className="muted">comparable rating</span>
          </>
        )}
      </p>
      {rating.sources.length > 0 && (
        <details className="rating-sources">
          <summary>
            How it is rated ({rating.sources.length} source{rating.sources.length === 1 ? "" : "s"})
          </summary>
          <table>
            <caption className="visually-hidden">Sources of the comparable rating of {hotel}</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Its rating</th>
                <th scope="col">Reviews</th>
                <th scope="col">Verified</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {rating.sources.map((s) => (
                <tr key={s.source}>
                  <th scope="row">{sourceNames[s.source] ?? s.source}</th>
                  <td>
                    {figure(s.value)} on {s.scale}
                  </td>
                  <td>{s.reviewCount === null ? "—" : s.reviewCount}</td>
                  <td>{s.verified ? "Yes" : "No"}</td>
                  <td>{share(s.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
