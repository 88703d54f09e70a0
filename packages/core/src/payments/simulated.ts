import { randomUUID } from "node:crypto";
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from "./port";
import { PaymentProviderError } from "./port";

/**
 * Test payment methods. The first four are Stripe's own test PaymentMethod ids, so the same
 * request bodies work against Stripe in test mode; `pm_card_slow` exists only locally.
 */
export const testPaymentMethods = {
  pm_card_visa: "succeeds",
  pm_card_chargeDeclined: "declined: card_declined",
  pm_card_chargeDeclinedInsufficientFunds: "declined: insufficient_funds",
  pm_card_chargeDeclinedProcessingError: "provider error (nothing charged; retry later)",
  pm_card_slow: "succeeds after a delay (local only; for timeout and in-flight tests)",
} as const;

interface Payment {
  id: string;
  amountMinor: number;
  currency: string;
  refundedMinor: number;
}

/**
 * The local payment provider: behaves like Stripe for the test payment methods above, including
 * idempotency keys (a retried charge or refund returns the first result), refunds that cannot
 * exceed what was charged, and unknown payment methods being declined.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = "simulated";
  private readonly payments = new Map<string, Payment>();
  private readonly charges = new Map<string, Promise<ChargeResult>>();
  private readonly refunds = new Map<string, Promise<{ refundId: string; amountMinor: number }>>();

  constructor(private readonly options: { slowMs?: number } = {}) {}

  charge(request: ChargeRequest): Promise<ChargeResult> {
    let result = this.charges.get(request.idempotencyKey);
    if (!result) {
      result = this.decide(request);
      this.charges.set(request.idempotencyKey, result);
      // A provider error is not remembered: retrying the same key tries again, as with Stripe.
      result.catch(() => this.charges.delete(request.idempotencyKey));
    }
    return result;
  }

  refund(request: RefundRequest): Promise<{ refundId: string; amountMinor: number }> {
    let result = this.refunds.get(request.idempotencyKey);
    if (!result) {
      result = (async () => {
        const payment = this.payments.get(request.paymentId);
        if (!payment) throw new PaymentProviderError(`no payment ${request.paymentId}`, this.name);
        if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0) {
          throw new PaymentProviderError(`refund amount must be a positive integer, got ${request.amountMinor}`, this.name);
        }
        if (payment.refundedMinor + request.amountMinor > payment.amountMinor) {
          throw new PaymentProviderError(`refund of ${request.amountMinor} exceeds what is left of payment ${payment.id}`, this.name);
        }
        payment.refundedMinor += request.amountMinor;
        return { refundId: `re_sim_${randomUUID()}`, amountMinor: request.amountMinor };
      })();
      this.refunds.set(request.idempotencyKey, result);
    }
    return result;
  }

  private async decide(request: ChargeRequest): Promise<ChargeResult> {
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0) {
      return { status: "declined", code: "invalid_amount", reason: `amount must be a positive integer in minor units, got ${request.amountMinor}` };
    }
    switch (request.paymentMethod) {
      case "pm_card_chargeDeclined":
        return { status: "declined", code: "card_declined", reason: "Your card was declined." };
      case "pm_card_chargeDeclinedInsufficientFunds":
        return { status: "declined", code: "insufficient_funds", reason: "Your card has insufficient funds." };
      case "pm_card_chargeDeclinedProcessingError":
        throw new PaymentProviderError("An error occurred while processing your card. Try again in a little bit.", this.name);
      case "pm_card_slow":
        await new Promise((resolve) => setTimeout(resolve, this.options.slowMs ?? 3_000));
        return this.succeed(request);
      case "pm_card_visa":
        return this.succeed(request);
      default:
        return { status: "declined", code: "unknown_payment_method", reason: `unknown payment method ${request.paymentMethod}; see the README's test cards` };
    }
  }

  private succeed(request: ChargeRequest): ChargeResult {
    const payment: Payment = { id: `pi_sim_${randomUUID()}`, amountMinor: request.amountMinor, currency: request.currency, refundedMinor: 0 };
    this.payments.set(payment.id, payment);
    return { status: "succeeded", paymentId: payment.id, amountMinor: payment.amountMinor, currency: payment.currency };
  }
}
