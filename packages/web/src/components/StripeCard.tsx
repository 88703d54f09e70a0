import { loadStripe, type Stripe, type StripeElements } from "@stripe/stripe-js";
import { useEffect, useRef, useState } from "react";

/**
 * Stripe's Payment Element, "finalize payments on the server": the element collects the card,
 * `createPaymentMethod` turns it into a PaymentMethod id, and our API's confirm creates and
 * confirms the PaymentIntent with it. Card details never touch our code or servers.
 * Not exercised by the local tests: Stripe.js loads from js.stripe.com, which they cannot reach.
 */
export default function StripeCard(props: { publishableKey: string; amount: string; currency: string; label: string; busy: boolean; onPaymentMethod(id: string): void }) {
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ stripe: Stripe; elements: StripeElements }>(undefined);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    void loadStripe(props.publishableKey).then((loaded) => {
      if (!loaded || cancelled || !mount.current) return;
      // Stripe counts in the currency's minor unit (cents; yen have none).
      const digits = new Intl.NumberFormat("en", { style: "currency", currency: props.currency }).resolvedOptions().maximumFractionDigits ?? 2;
      const minor = Math.round(Number(props.amount) * 10 ** digits);
      const elements = loaded.elements({ mode: "payment", amount: minor, currency: props.currency.toLowerCase(), paymentMethodCreation: "manual" });
      elements.create("payment").mount(mount.current);
      stripe.current = { stripe: loaded, elements };
    }, (e: Error) => setError(`The card form could not load: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, [props.publishableKey, props.amount, props.currency]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!stripe.current) return;
    setError(undefined);
    const submitted = await stripe.current.elements.submit();
    if (submitted.error) return setError(submitted.error.message);
    const created = await stripe.current.stripe.createPaymentMethod({ elements: stripe.current.elements });
    if (created.error) return setError(created.error.message);
    props.onPaymentMethod(created.paymentMethod.id);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <div ref={mount} />
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary" disabled={props.busy}>{props.busy ? "Paying…" : props.label}</button>
    </form>
  );
}
