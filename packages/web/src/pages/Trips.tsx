import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearch } from "wouter";
import { RequireSignIn } from "../components/RequireSignIn";
import { api, money, unwrap, when, type Schemas } from "../api";
import { mayBeReviewed, ReviewPrompt } from "../components/reviews/TripReview";
import { statusLabels } from "../components/status";

type Status = Schemas["Reservation"]["status"];
const filters = [["", "All"], ...(Object.entries(statusLabels) as Array<[Status, string]>)] as const;

export function TripsPage() {
  return (
    <RequireSignIn what="see your trips">
      <Trips />
    </RequireSignIn>
  );
}

function title(r: Schemas["Reservation"]): string {
  const it = r.itinerary;
  if ("itineraries" in it) {
    const first = it.itineraries[0]!.segments[0]!;
    const last = it.itineraries[0]!.segments.at(-1)!;
    return `${first.departure.iataCode} → ${last.arrival.iataCode}, ${it.validatingCarrier.name}`;
  }
  if ("hotel" in it) return `${it.hotel.name}, ${it.nights} night${it.nights > 1 ? "s" : ""}`;
  return `${it.vehicle.makeModel}, ${it.vendor.name}`;
}

function Trips() {
  const status = (new URLSearchParams(useSearch()).get("status") ?? "") as Status | "";
  const trips = useInfiniteQuery({
    queryKey: ["trips", status],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/v1/me/reservations", { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}), ...(status ? { status } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
  return (
    <>
      <h1>My trips</h1>
      <nav aria-label="Filter trips" className="filters">
        {filters.map(([value, label]) => (
          <Link key={value} href={value ? `/trips?status=${value}` : "/trips"} aria-current={status === value ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {trips.isPending && <p role="status">Loading your trips…</p>}
      {trips.isError && <p role="alert" className="error">{trips.error.message}</p>}
      {trips.data && (
        <ul className="trips">
          {trips.data.pages.flatMap((p) => p.data).map((r) => (
            <li key={r.reservationId} className="card">
              <h2>
                <Link href={`/trips/${r.reservationId}`}>{title(r)}</Link>
              </h2>
              <p>
                <span className={`badge ${r.status.toLowerCase()}`}>{statusLabels[r.status]}</span>{" "}
                {when(r.startsAt)} · {money(r.totalAmount, r.currency)}
                {r.supplierOrder?.bookingReference ? ` · reference ${r.supplierOrder.bookingReference}` : ""}
              </p>
              {mayBeReviewed(r) && <ReviewPrompt reservation={r} />}
            </li>
          ))}
        </ul>
      )}
      {trips.data?.pages[0]?.data.length === 0 && <p>No trips here yet. <Link href="/">Search</Link> for one.</p>}
      {trips.hasNextPage && (
        <button type="button" onClick={() => void trips.fetchNextPage()} disabled={trips.isFetchingNextPage}>
          More trips
        </button>
      )}
    </>
  );
}
