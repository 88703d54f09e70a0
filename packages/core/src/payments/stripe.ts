import Stripe from "stripe";
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from "./port";
import { PaymentProviderError } from "./port";

/**
 * Stripe PaymentIntents (production). A charge is one PaymentIntent created and confirmed at once
 * with the traveller's payment method; Stripe's idempotency keys make retries safe. Card errors are
 * declines (the traveller can try another card); everything else is a provider error.
 *
 * Not exercised here: the machine that runs the tests has no network. The simulated provider
 * answers the same test payment method ids.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(secretKey: string, options: { timeoutMs?: number } = {}) {
    this.stripe = new Stripe(secretKey, { timeout: options.timeoutMs ?? 10_000, maxNetworkRetries: 2, appInfo: { name: "travel-platform" } });
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountMinor,
          currency: request.currency.toLowerCase(),
          payment_method: request.paymentMethod,
          confirm: true,
          // Server-side confirmation without redirects; 3-D Secure cards would need a client step.
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
          description: request.description,
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === "succeeded") {
        return { status: "succeeded", paymentId: intent.id, amountMinor: intent.amount_received ?? intent.amount, currency: intent.currency.toUpperCase() };
      }
      return { status: "declined", code: intent.status, reason: `payment needs ${intent.status.replaceAll("_", " ")}` };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        return { status: "declined", code: error.decline_code ?? error.code ?? "card_declined", reason: error.message };
      }
      throw new PaymentProviderError(`Stripe: ${(error as Error).message}`, this.name);
    }
  }

  async refund(request: RefundRequest): Promise<{ refundId: string; amountMinor: number }> {
    try {
      const refund = await this.stripe.refunds.create({ payment_intent: request.paymentId, amount: request.amountMinor }, { idempotencyKey: request.idempotencyKey });
      return { refundId: refund.id, amountMinor: refund.amount };
    } catch (error) {
      throw new PaymentProviderError(`Stripe refund: ${(error as Error).message}`, this.name);
    }
  }
}
