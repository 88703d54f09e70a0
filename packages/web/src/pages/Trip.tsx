import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useParams } from "wouter";
import { RequireSignIn } from "../components/RequireSignIn";
import { answeredFinally, api, money, newIdempotencyKey, unwrap, when, type Schemas } from "../api";
import { Countdown } from "../components/Countdown";
import { OfferSummary } from "../components/Offers";
import { Payment } from "../components/Payment";
import { mayBeReviewed, TripReview } from "../components/reviews/TripReview";
import { statusLabels } from "../components/status";

type Reservation = Schemas["Reservation"];

export function TripPage() {
  return (
    <RequireSignIn what="see this trip">
      <Trip />
    </RequireSignIn>
  );
}


function Trip() {
  const { id } = useParams<{ id: string }>();
  const trip = useQuery({
    queryKey: ["trip", id],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/reservations/{id}", { params: { path: { id } }, signal })),
    // While the supplier is still making its order, look again every two seconds, for two minutes.
    refetchInterval: (query) =>
      query.state.data?.data.supplierOrder?.status === "PENDING" && Date.now() - Date.parse(query.state.data.data.createdAt) < 120_000 ? 2_000 : false,
  });
  if (trip.isPending) return <p role="status">Loading your trip…</p>;
  if (trip.isError) return <p role="alert" className="error">{trip.error.message}</p>;
  const r = trip.data.data;
  const reference = r.supplierOrder?.bookingReference;
  return (
    <>
      <h1>
        {statusLabels[r.status]}
        {r.status === "CONFIRMED" && reference ? <>: booking reference <span data-testid="booking-reference">{reference}</span></> : null}
      </h1>
      <section className="card">
        <OfferSummary offer={r.itinerary} />
        <p className="price">
          <strong>{money(r.totalAmount, r.currency)}</strong>
          {r.seatsAmount && Number(r.seatsAmount) > 0 ? <span className="muted"> including {money(r.seatsAmount, r.currency)} for chosen seats</span> : null}
        </p>
        {r.seats.length > 0 && (
          <p>Seats: {r.seats.map((s) => `${s.flightNumber} ${s.seatIds.join(", ")}`).join(" · ")}</p>
        )}
        <p className="muted">
          {r.travelers.map((t) => `${t.firstName} ${t.lastName}`).join(", ")} · reservation {r.reservationId}
          {r.orderId ? ` · order ${r.orderId}` : ""}
        </p>
        <SupplierOrderStatus order={r.supplierOrder} />
        {r.refundedAmount && <p>Refunded: {money(r.refundedAmount, r.currency)}.</p>}
      </section>
      {r.status === "HOLD" && (
        <section className="card" aria-labelledby="pay-heading">
          <h2 id="pay-heading">Pay</h2>
          <Countdown until={r.holdExpiresAt} label="We hold it for you for" onEnd={() => void trip.refetch()} />
          <Payment reservation={r} />
        </section>
      )}
      {mayBeReviewed(r) && <TripReview reservation={r} />}
      {(r.status === "CONFIRMED" || r.status === "HOLD") && <Cancel reservation={r} />}
      <p>
        <Link href="/trips">All my trips</Link>
      </p>
    </>
  );
}

function SupplierOrderStatus({ order }: { order: Reservation["supplierOrder"] }) {
  if (!order) return null;
  const text = {
    PENDING: `Asking ${order.supplier} to hold it…`,
    HELD: `Held at ${order.supplier}${order.paymentRequiredBy ? `, pay by ${when(order.paymentRequiredBy)}` : ""}.`,
    PAID: `Booked with ${order.supplier}.`,
    FAILED: `${order.supplier} could not book it${order.failure ? `: ${order.failure}` : ""}.`,
    CANCELLED: `Cancelled at ${order.supplier}.`,
  }[order.status];
  return (
    <p role="status">
      {text}
      {order.documents?.length ? ` Tickets: ${order.documents.map((d) => d.uniqueIdentifier).join(", ")}.` : ""}
    </p>
  );
}

/** A hold is released at once; a booking is cancelled only after the traveller sees the refund quote. */
function Cancel({ reservation }: { reservation: Reservation }) {
  const queries = useQueryClient();
  const [asked, setAsked] = useState(false);
  const cancelKey = useRef(newIdempotencyKey());
  const quote = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/reservations/{id}/cancellation-quote", { params: { path: { id: reservation.reservationId } } })),
    onError: () => setAsked(false),
  });
  const cancel = useMutation({
    mutationFn: (quoteId: string | undefined) =>
      unwrap(
        api.POST("/v1/reservations/{id}/cancel", {
          params: { path: { id: reservation.reservationId }, header: { "Idempotency-Key": cancelKey.current } },
          body: quoteId ? { quoteId } : {},
        }),
      ),
    onSuccess: (done) => {
      cancelKey.current = newIdempotencyKey();
      queries.setQueryData(["trip", reservation.reservationId], done);
      void queries.invalidateQueries({ queryKey: ["trips"] });
    },
    onError: (error) => {
      if (answeredFinally(error)) cancelKey.current = newIdempotencyKey();
      void queries.invalidateQueries({ queryKey: ["trip", reservation.reservationId] });
    },
  });
  const confirmed = reservation.status === "CONFIRMED";
  return (
    <section className="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{confirmed ? "Cancel this booking" : "Release this hold"}</h2>
      {!confirmed && (
        <button type="button" onClick={() => cancel.mutate(undefined)} disabled={cancel.isPending}>
          Release the hold
        </button>
      )}
      {confirmed && !asked && (
        <button type="button" onClick={() => (setAsked(true), quote.mutate())}>
          See what I get back
        </button>
      )}
      {confirmed && quote.isPending && <p role="status">Asking for a refund quote…</p>}
      {quote.data && (
        <div>
          <p role="status" data-testid="refund-quote">
            {quote.data.data.refundTo === "nothing-paid"
              ? "Nothing was paid, so nothing is refunded."
              : `You get ${money(quote.data.data.refundAmount, quote.data.data.currency)} back to your card.`}{" "}
            This quote holds until {when(quote.data.data.expiresAt)}.
          </p>
          <button type="button" className="danger" onClick={() => cancel.mutate(quote.data.data.quoteId)} disabled={cancel.isPending}>
            Cancel and get {money(quote.data.data.refundAmount, quote.data.data.currency)} back
          </button>
        </div>
      )}
      {(quote.isError || cancel.isError) && <p role="alert" className="error">{(quote.error ?? cancel.error)!.message}</p>}
    </section>
  );
}
