import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { paths } from "@travel/client";
import { api, unwrap } from "../../api";
import { languages, tripTypeLabels, tripTypes, type SubjectKind, type TripType } from "./policy";
import { PublicReview } from "./PublicReview";
import { ReviewSummary } from "./ReviewSummary";

type Sort = NonNullable<NonNullable<paths["/v1/hotels/{subjectId}/reviews"]["get"]["parameters"]["query"]>["sort"]>;
const sorts: Array<[Sort, string]> = [["newest", "Newest first"], ["helpful", "Most helpful first"], ["highest_score", "Highest score first"], ["lowest_score", "Lowest score first"]];

interface Filters {
  sort: Sort;
  language: string;
  tripType: TripType | "";
}

function list(kind: SubjectKind, subjectId: string, filters: Filters, cursor: string | undefined, signal: AbortSignal) {
  const query = { sort: filters.sort, limit: 10, ...(filters.language ? { language: filters.language } : {}), ...(filters.tripType ? { tripType: filters.tripType } : {}), ...(cursor ? { cursor } : {}) };
  return kind === "hotel"
    ? unwrap(api.GET("/v1/hotels/{subjectId}/reviews", { params: { path: { subjectId }, query }, signal }))
    : unwrap(api.GET("/v1/airlines/{subjectId}/reviews", { params: { path: { subjectId }, query }, signal }));
}

/** A hotel's or airline's verified reviews: the figures, then the reviews in the order and filters asked, ten at a time. */
export function SubjectReviews({ kind, subjectId, name }: { kind: SubjectKind; subjectId: string; name: string }) {
  const id = useId();
  const [filters, setFilters] = useState<Filters>({ sort: "newest", language: "", tripType: "" });
  const reviews = useInfiniteQuery({
    queryKey: ["reviews", kind, subjectId, filters],
    queryFn: ({ pageParam, signal }) => list(kind, subjectId, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
    // The figures and controls stay while another order or filter loads (focus stays on the control).
    placeholderData: keepPreviousData,
  });
  const items = reviews.data?.pages.flatMap((p) => p.data) ?? [];
  const summary = reviews.data?.pages[0]?.meta.summary;
  const set = <K extends keyof Filters>(key: K) => (event: React.ChangeEvent<HTMLSelectElement>) => setFilters((f) => ({ ...f, [key]: event.target.value as Filters[K] }));
  const filtered = filters.language !== "" || filters.tripType !== "";

  return (
    <section className="card reviews" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Reviews of {name}</h2>
      <p className="muted">Every review is from a traveller whose confirmed {kind === "hotel" ? "stay" : "flight"} we sold.</p>
      {reviews.isPending && <p role="status">Loading reviews…</p>}
      {reviews.isError && <p role="alert" className="error">{reviews.error.message}</p>}
      {summary && <ReviewSummary summary={summary} kind={kind} />}
      {summary && summary.count > 0 && (
        <div className="review-controls" role="group" aria-label="Order and filter the reviews">
          <div className="field">
            <label htmlFor={`${id}-sort`}>Order</label>
            <select id={`${id}-sort`} value={filters.sort} onChange={set("sort")}>
              {sorts.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>Language</label>
            <select id={`${id}-language`} value={filters.language} onChange={set("language")}>
              <option value="">Any</option>
              {languages.map(([tag, label]) => <option key={tag} value={tag}>{label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-trip`}>Trip type</label>
            <select id={`${id}-trip`} value={filters.tripType} onChange={set("tripType")}>
              <option value="">Any</option>
              {tripTypes.map((t) => <option key={t} value={t}>{tripTypeLabels[t]}</option>)}
            </select>
          </div>
        </div>
      )}
      {reviews.data && items.length === 0 && summary && summary.count > 0 && <p>{filtered ? "No review matches these filters." : "No reviews here."}</p>}
      {items.length > 0 && (
        <ol className="review-list" aria-label={`Reviews of ${name}`}>
          {items.map((review) => <PublicReview key={review.reviewId} review={review} />)}
        </ol>
      )}
      {reviews.hasNextPage && (
        <button type="button" onClick={() => void reviews.fetchNextPage()} disabled={reviews.isFetchingNextPage}>
          {reviews.isFetchingNextPage ? "Loading…" : "More reviews"}
        </button>
      )}
    </section>
  );
}
