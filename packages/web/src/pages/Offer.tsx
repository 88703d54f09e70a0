import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useLocation, useParams } from "wouter";
import { RequireSignIn } from "../components/RequireSignIn";
import { ApiProblem, answeredFinally, api, money, newIdempotencyKey, unwrap, when, type Schemas } from "../api";
import { useAuth } from "../auth";
import { isFlight, isHotel, OfferPrice, OfferSummary } from "../components/Offers";
import { SubjectReviews } from "../components/reviews/SubjectReviews";
import { SeatMap } from "../components/SeatMap";
import { TravellerFields, travellersOf } from "../components/TravellerFields";

/** An offer re-priced at the supplier, its conditions, seats, the travellers' details and the hold. */
export function OfferPage() {
  const { id } = useParams<{ id: string }>();
  const offer = useQuery({ queryKey: ["offer", id], queryFn: ({ signal }) => unwrap(api.GET("/v1/offers/{id}", { params: { path: { id } }, signal })) });
  if (offer.isPending) return <p role="status">Checking the price with the supplier…</p>;
  if (offer.isError) {
    return (
      <section className="card" role="alert">
        <h1>This offer is no longer available</h1>
        <p>{offer.error.message}</p>
        <Link href="/">Search again</Link>
      </section>
    );
  }
  const { data, meta } = offer.data;
  return (
    <>
      <h1>Your {meta.vertical === "flights" ? "flight" : meta.vertical === "hotels" ? "stay" : "car rental"}</h1>
      <section className="card">
        <OfferSummary offer={data} />
        <OfferPrice total={data.price.total} currency={data.price.currency} per="total" />
        {meta.priceChanged && (
          <p role="status" className="notice">
            The price changed since you searched: it was {money(meta.previousTotal, data.price.currency)}.
          </p>
        )}
        <p className="muted">Price checked with {data.supplier} at {when(meta.repricedAt)}; valid until {when(meta.validUntil)}.</p>
        {isFlight(data) && <FareConditions offer={data} />}
      </section>
      <RequireSignIn what="hold this offer and book it">
        <HoldForm offer={data} vertical={meta.vertical} />
      </RequireSignIn>
      {isHotel(data) && <SubjectReviews kind="hotel" subjectId={data.hotel.hotelId} name={data.hotel.name} />}
      {isFlight(data) && <SubjectReviews kind="airline" subjectId={data.validatingCarrier.code} name={data.validatingCarrier.name} />}
    </>
  );
}

function FareConditions({ offer }: { offer: Schemas["FlightOffer"] }) {
  const rule = (label: string, c: { allowed: boolean; penalty: { amount: string; currency: string } | null } | null | undefined) =>
    c == null ? `${label}: ask the airline` : !c.allowed ? `${label}: not allowed` : c.penalty && Number(c.penalty.amount) > 0 ? `${label}: ${money(c.penalty.amount, c.penalty.currency)} fee` : `${label}: free`;
  return (
    <ul className="conditions" aria-label="Fare conditions">
      {offer.conditions ? (
        <>
          <li>{rule("Refund before departure", offer.conditions.refundBeforeDeparture)}</li>
          <li>{rule("Change before departure", offer.conditions.changeBeforeDeparture)}</li>
        </>
      ) : (
        <li>The supplier publishes no fare conditions for this offer.</li>
      )}
      {offer.payment?.instantPaymentRequired && <li>Pay at once: this fare cannot be held unpaid at the airline.</li>}
      {offer.payment?.payBy && <li>Pay by {when(offer.payment.payBy)} at the latest.</li>}
    </ul>
  );
}

function HoldForm({ offer, vertical }: { offer: Schemas["FlightOffer"] | Schemas["HotelOffer"] | Schemas["CarOffer"]; vertical: "flights" | "hotels" | "cars" }) {
  const auth = useAuth();
  const [, navigate] = useLocation();
  const queries = useQueryClient();
  // As many travellers as the search asked for (the offer is priced for them).
  const searched = Number(new URLSearchParams(window.location.search).get("travellers"));
  const [travellers, setTravellers] = useState(Number.isInteger(searched) && searched >= 1 && searched <= 9 ? searched : 1);
  const [chosen, setChosen] = useState<Record<number, string[]>>({});
  // One key per hold attempt: pressing Hold again after a lost answer replays, never holds twice.
  const attempt = useRef(newIdempotencyKey());
  const seats = useQuery({
    queryKey: ["seats", offer.id],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/offers/{id}/seats", { params: { path: { id: offer.id } }, signal })),
    enabled: vertical === "flights",
  });
  const requirements = offer.bookingRequirements ?? { travellerFields: [], contactPhone: false };
  const hold = useMutation({
    mutationFn: (body: Schemas["HoldRequest"]) => unwrap(api.POST("/v1/reservations", { params: { header: { "Idempotency-Key": attempt.current } }, body })),
    onSuccess: (held) => {
      void queries.invalidateQueries({ queryKey: ["trips"] });
      navigate(`/trips/${held.data.reservationId}`);
    },
    onError: (error) => {
      if (answeredFinally(error)) attempt.current = newIdempotencyKey();
      // Someone else took a seat: show the seat map as it is now.
      if (error instanceof ApiProblem && error.status === 409) void seats.refetch();
    },
  });
  const flights = seats.data?.data.vertical === "flights" ? seats.data.data.segments : [];
  const seatsAmount = flights.flatMap((f) => f.seats.filter((s) => chosen[f.segment]?.includes(s.seatId))).reduce((sum, s) => sum + Number(s.price?.amount ?? 0), 0);

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const named = Object.entries(chosen).filter(([, ids]) => ids.length > 0).map(([segment, seatIds]) => ({ segment: Number(segment), seatIds }));
    const phone = String(form.get("contactPhone") ?? "").trim();
    hold.mutate({
      offerId: offer.id,
      travelers: travellersOf(form, travellers),
      contactEmail: String(form.get("contactEmail")),
      ...(phone ? { contactPhone: phone } : {}),
      ...(named.length > 0 ? { seats: named } : {}),
    });
  };

  return (
    <form className="card hold" onSubmit={submit} aria-labelledby="hold-heading">
      <h2 id="hold-heading">Who is travelling</h2>
      {Array.from({ length: travellers }, (_, i) => (
        <TravellerFields key={i} index={i} needs={requirements.travellerFields} />
      ))}
      {vertical === "flights" && (
        <p>
          <button type="button" onClick={() => setTravellers((n) => Math.min(9, n + 1))} disabled={travellers >= 9}>Add a traveller</button>{" "}
          {travellers > 1 && (
            <button
              type="button"
              onClick={() => {
                setTravellers((n) => n - 1);
                // Fewer travellers, fewer seats: drop the last chosen seat of each flight beyond the count.
                setChosen((all) => Object.fromEntries(Object.entries(all).map(([segment, ids]) => [segment, ids.slice(0, travellers - 1)])));
              }}
            >
              Remove the last traveller
            </button>
          )}
        </p>
      )}
      <div className="field">
        <label htmlFor="contactEmail">Contact email</label>
        <input id="contactEmail" name="contactEmail" type="email" required defaultValue={auth.status === "signed-in" ? auth.user.email : ""} autoComplete="email" />
      </div>
      {requirements.contactPhone && (
        <div className="field">
          <label htmlFor="contactPhone">Contact phone (with country code, e.g. +44…)</label>
          <input id="contactPhone" name="contactPhone" type="tel" required pattern="\+[1-9]\d{6,14}" autoComplete="tel" />
        </div>
      )}
      {vertical === "flights" && (
        <section aria-labelledby="seats-heading">
          <h2 id="seats-heading">Seats</h2>
          {seats.isPending && <p role="status">Loading the seat map…</p>}
          {seats.isError && <p role="alert" className="error">{seats.error.message}</p>}
          {flights.map((flight) => (
            <SeatMap
              key={flight.segment}
              flight={flight}
              max={travellers}
              chosen={chosen[flight.segment] ?? []}
              onToggle={(seatId) =>
                setChosen((all) => {
                  const now = all[flight.segment] ?? [];
                  return { ...all, [flight.segment]: now.includes(seatId) ? now.filter((s) => s !== seatId) : [...now, seatId] };
                })
              }
            />
          ))}
          {seatsAmount > 0 && <p>Chosen seats add {money(seatsAmount, offer.price.currency)}.</p>}
        </section>
      )}
      {hold.isError && (
        <p role="alert" className="error">
          {hold.error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={hold.isPending}>
        {hold.isPending ? "Holding…" : `Hold for ${money(Number(offer.price.total) + seatsAmount, offer.price.currency)}`}
      </button>
      <p className="muted">A hold keeps the {vertical === "flights" ? "seats" : vertical === "hotels" ? "room" : "car"} for you while you pay; nothing is charged until you pay.</p>
    </form>
  );
}
