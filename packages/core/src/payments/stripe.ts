import type Stripe from "stripe";
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from "./port";
import { PaymentProviderError } from "./port";

/**
 * Stripe PaymentIntents (production). A charge is one PaymentIntent created and confirmed at once
 * with the traveller's payment method; Stripe's idempotency keys make retries safe. Card errors are
 * declines (the traveller can try another card); everything else is a provider error.
 *
 * Not exercised here: the machine that runs the tests has no network. The simulated provider
 * answers the same test payment method ids.
 *
 * The SDK (~240 KB minified) is imported at the first payment, not with the module: the API
 * Lambda parses it only when a traveller pays, not at every cold start (the API's bundle is split).
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe";
  private client: Promise<{ stripe: Stripe; StripeCardError: typeof Stripe.errors.StripeCardError }> | undefined;

  constructor(
    private readonly secretKey: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  private sdk() {
    this.client ??= import("stripe").then(({ default: StripeSdk }) => ({
      stripe: new StripeSdk(this.secretKey, { timeout: this.options.timeoutMs ?? 10_000, maxNetworkRetries: 2, appInfo: { name: "travel-platform" } }),
      StripeCardError: StripeSdk.errors.StripeCardError,
    }));
    return this.client;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const { stripe, StripeCardError } = await this.sdk();
    try {
      const intent = await stripe.paymentIntents.create(
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
      if (error instanceof StripeCardError) {
        return { status: "declined", code: error.decline_code ?? error.code ?? "card_declined", reason: error.message };
      }
      throw new PaymentProviderError(`Stripe: ${(error as Error).message}`, this.name);
    }
  }

  async refund(request: RefundRequest): Promise<{ refundId: string; amountMinor: number }> {
    const { stripe } = await this.sdk();
    try {
      const refund = await stripe.refunds.create({ payment_intent: request.paymentId, amount: request.amountMinor }, { idempotencyKey: request.idempotencyKey });
      return { refundId: refund.id, amountMinor: refund.amount };
    } catch (error) {
      throw new PaymentProviderError(`Stripe refund: ${(error as Error).message}`, this.name);
    }
  }
}
