import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useRef, useState } from "react";
import { answeredFinally, api, money, newIdempotencyKey, unwrap, type Schemas } from "../api";
import { appConfig } from "../config";

// Stripe.js loads only when a publishable key is configured and a traveller is about to pay.
const StripeCard = lazy(() => import("./StripeCard"));

/**
 * The simulated provider's test cards (Stripe's own test payment method ids), used when no
 * Stripe publishable key is configured: the local stack and tests.
 */
const testCards = [
  ["pm_card_visa", "Visa test card (succeeds)"],
  ["pm_card_chargeDeclined", "Declined test card"],
  ["pm_card_chargeDeclinedInsufficientFunds", "Test card with insufficient funds"],
] as const;

export function Payment({ reservation }: { reservation: Schemas["Reservation"] }) {
  const queries = useQueryClient();
  const config = useQuery({ queryKey: ["app-config"], queryFn: appConfig, staleTime: Infinity });
  const [card, setCard] = useState<string>(testCards[0][0]);
  // Another card is another payment: the key of an unfinished attempt belongs to its card.
  const choose = (id: string) => {
    if (id !== card) attempt.current = newIdempotencyKey();
    setCard(id);
  };
  // One key per payment attempt: a retried request replays; another card is another attempt.
  const attempt = useRef(newIdempotencyKey());
  const pay = useMutation({
    mutationFn: (paymentMethod: string) =>
      unwrap(api.POST("/v1/reservations/{id}/confirm", { params: { path: { id: reservation.reservationId }, header: { "Idempotency-Key": attempt.current } }, body: { paymentMethod } })),
    onSuccess: (confirmed) => {
      attempt.current = newIdempotencyKey();
      queries.setQueryData(["trip", reservation.reservationId], confirmed);
    },
    onError: (error) => {
      if (answeredFinally(error)) attempt.current = newIdempotencyKey();
      // What happened may not be what the answer said (a lost answer to a payment that went through).
      void queries.invalidateQueries({ queryKey: ["trip", reservation.reservationId] });
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ["trips"] }),
  });
  const total = money(reservation.totalAmount, reservation.currency);
  if (config.isPending) return <p role="status">Loading payment…</p>;
  if (config.isError) return <p role="alert" className="error">{config.error.message}</p>;
  const failure = pay.isError && (
    <p role="alert" className="error">
      Payment failed: {pay.error.message} Your hold is kept; try another card.
    </p>
  );
  if (config.data.stripePublishableKey) {
    return (
      <Suspense fallback={<p role="status">Loading the secure card form…</p>}>
        <StripeCard publishableKey={config.data.stripePublishableKey} amount={reservation.totalAmount} currency={reservation.currency} label={`Pay ${total}`} busy={pay.isPending} onPaymentMethod={(id) => pay.mutate(id)} />
        {failure}
      </Suspense>
    );
  }
  return (
    <form onSubmit={(e) => (e.preventDefault(), pay.mutate(card))}>
      <fieldset>
        <legend>Card (test cards: this stack has no real payment provider)</legend>
        {testCards.map(([id, label]) => (
          <div className="field check" key={id}>
            <input type="radio" id={id} name="card" value={id} checked={card === id} onChange={() => choose(id)} />
            <label htmlFor={id}>{label}</label>
          </div>
        ))}
      </fieldset>
      {failure}
      <button type="submit" className="primary" disabled={pay.isPending}>
        {pay.isPending ? "Paying…" : `Pay ${total}`}
      </button>
    </form>
  );
}
