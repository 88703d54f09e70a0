import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, unwrap, type Schemas } from "../api";
import { CarSummary, FlightSummary, HotelSummary, OfferPrice } from "../components/Offers";

export const verticals = ["flights", "hotels", "cars"] as const;
export type Vertical = (typeof verticals)[number];

/** What a Select link selects, in words (its accessible name). */
function offerName(offer: Schemas["FlightOffer"] | Schemas["HotelOffer"] | Schemas["CarOffer"]): string {
  if ("itineraries" in offer) {
    const first = offer.itineraries[0]!.segments[0]!;
    return `${offer.validatingCarrier.name} ${first.departure.iataCode} ${first.departure.at.slice(11, 16)} sold by ${offer.supplier}`;
  }
  if ("hotel" in offer) return `${offer.hotel.name}, ${offer.room.description}, sold by ${offer.supplier}`;
  return `${offer.vehicle.makeModel} from ${offer.vendor.name}, sold by ${offer.supplier}`;
}

type Meta = { count: number; suppliers: Schemas["SupplierOutcome"][]; page: { total: number; nextCursor: string | null }; cache: { status: "HIT" | "MISS" | "STALE"; ageSeconds: number } };

async function search(vertical: Vertical, params: URLSearchParams, cursor: string | undefined, signal: AbortSignal) {
  const query = Object.fromEntries([...params].filter(([key]) => key !== "vertical" && key !== "tab")) as Record<string, string>;
  if (cursor) query.cursor = cursor;
  // The query is the address's, already checked by the form; the API validates it again (400s shown as they come).
  const options = { params: { query: query as never }, signal };
  if (vertical === "flights") return unwrap(api.GET("/v1/search/flights", options));
  if (vertical === "hotels") return unwrap(api.GET("/v1/search/hotels", options));
  return unwrap(api.GET("/v1/search/cars", options));
}

/** How fresh the prices are, and how each supplier answered. */
function Freshness({ meta }: { meta: Meta }) {
  const age = meta.cache.ageSeconds;
  const fresh = meta.cache.status === "MISS" ? "live prices, just asked" : age < 60 ? `prices from ${age} s ago` : `prices from ${Math.round(age / 60)} min ago`;
  return (
    <p className="muted" data-testid="freshness">
      {meta.page.total} result{meta.page.total === 1 ? "" : "s"} · {fresh}
      {meta.cache.status === "STALE" ? " (refreshing)" : ""} ·{" "}
      {meta.suppliers.map((s) => `${s.supplier}: ${s.status === "ok" ? `${s.offers} in ${s.latencyMs} ms` : s.status}`).join(", ")}
    </p>
  );
}

export function Results({ vertical, params }: { vertical: Vertical; params: URLSearchParams }) {
  const results = useInfiniteQuery({
    queryKey: ["search", vertical, params.toString()],
    queryFn: ({ pageParam, signal }) => search(vertical, params, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.meta as Meta).page.nextCursor ?? undefined,
  });
  if (results.isPending) return <p role="status">Searching…</p>;
  if (results.isError) return <p role="alert" className="error">{results.error.message}</p>;
  const offers = results.data.pages.flatMap((page) => page.data);
  const meta = results.data.pages[0]!.meta as Meta;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <Freshness meta={meta} />
      {offers.length === 0 && <p>Nothing matches. Try other dates, fewer filters or a nearby airport.</p>}
      <ol className="results">
        {offers.map((offer) => (
          <li key={offer.id} className="card offer">
            <div>
              {vertical === "flights" && <FlightSummary offer={offer as Schemas["FlightOffer"]} />}
              {vertical === "hotels" && <HotelSummary offer={offer as Schemas["HotelOffer"]} />}
              {vertical === "cars" && <CarSummary offer={offer as Schemas["CarOffer"]} />}
            </div>
            <div className="choose">
              <OfferPrice total={offer.price?.total ?? ""} currency={offer.price?.currency ?? "USD"} per="total" />
              <Link href={`/offers/${offer.id}?travellers=${params.get("adults") ?? "1"}`} className="button" aria-label={`Select ${offerName(offer as never)}, ${offer.price?.total ?? ""} ${offer.price?.currency ?? ""}`}>
                Select
              </Link>
            </div>
          </li>
        ))}
      </ol>
      {results.hasNextPage && (
        <button type="button" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {results.isFetchingNextPage ? "Loading…" : "More results"}
        </button>
      )}
    </section>
  );
}
