/**
 * Taking and returning money. Stripe in production (PaymentIntents); a simulated provider with the
 * same test payment methods locally. Amounts are integers in the currency's minor unit.
 */
export interface ChargeRequest {
  amountMinor: number;
  currency: string;
  /** A payment method id, e.g. Stripe's test `pm_card_visa` (see testPaymentMethods). */
  paymentMethod: string;
  /** Retries with the same key never charge twice. */
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export type ChargeResult =
  | { status: "succeeded"; paymentId: string; amountMinor: number; currency: string }
  | { status: "declined"; code: string; reason: string };

export interface RefundRequest {
  paymentId: string;
  amountMinor: number;
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<{ refundId: string; amountMinor: number }>;
}

/** The provider failed or did not answer: nothing is known to be charged; safe to retry with the same key. */
export class PaymentProviderError extends Error {
  override name = "PaymentProviderError";
  constructor(
    message: string,
    readonly provider: string,
  ) {
    super(message);
  }
}

/** Currencies without minor units (ISO 4217 exponent 0); every other one has two. */
const zeroDecimalCurrencies = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF"]);

export function toMinorUnits(amount: string, currency: string): number {
  const digits = zeroDecimalCurrencies.has(currency.toUpperCase()) ? 0 : 2;
  return Math.round(Number(amount) * 10 ** digits);
}

export function fromMinorUnits(amountMinor: number, currency: string): string {
  const digits = zeroDecimalCurrencies.has(currency.toUpperCase()) ? 0 : 2;
  return (amountMinor / 10 ** digits).toFixed(digits);
}
