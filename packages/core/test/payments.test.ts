import { describe, expect, it } from "vitest";
import { fromMinorUnits, PaymentProviderError, SimulatedPaymentProvider, toMinorUnits } from "../src/payments";

const charge = (paymentMethod: string, idempotencyKey = `k-${Math.random()}`, amountMinor = 52340) => ({
  amountMinor,
  currency: "USD",
  paymentMethod,
  idempotencyKey,
  description: "test",
  metadata: {},
});

describe("the simulated payment provider", () => {
  it("charges the success card once per idempotency key", async () => {
    const provider = new SimulatedPaymentProvider();
    const first = await provider.charge(charge("pm_card_visa", "same"));
    const again = await provider.charge(charge("pm_card_visa", "same"));
    expect(first).toMatchObject({ status: "succeeded", amountMinor: 52340, currency: "USD" });
    expect(again).toEqual(first);
    const other = await provider.charge(charge("pm_card_visa", "other"));
    expect(other.status === "succeeded" && first.status === "succeeded" && other.paymentId !== first.paymentId).toBe(true);
  });

  it("declines with the provider's reason, and errors without remembering the failure", async () => {
    const provider = new SimulatedPaymentProvider();
    expect(await provider.charge(charge("pm_card_chargeDeclined"))).toEqual({ status: "declined", code: "card_declined", reason: "Your card was declined." });
    expect(await provider.charge(charge("pm_card_chargeDeclinedInsufficientFunds"))).toMatchObject({ status: "declined", code: "insufficient_funds" });
    expect(await provider.charge(charge("pm_card_unknown"))).toMatchObject({ status: "declined", code: "unknown_payment_method" });
    await expect(provider.charge(charge("pm_card_chargeDeclinedProcessingError", "err"))).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(provider.charge(charge("pm_card_chargeDeclinedProcessingError", "err"))).rejects.toBeInstanceOf(PaymentProviderError);
  });

  it("answers the slow card only after its delay", async () => {
    const provider = new SimulatedPaymentProvider({ slowMs: 200 });
    const started = Date.now();
    expect((await provider.charge(charge("pm_card_slow"))).status).toBe("succeeded");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("refunds at most what was charged, once per idempotency key", async () => {
    const provider = new SimulatedPaymentProvider();
    const paid = await provider.charge(charge("pm_card_visa", "p", 10000));
    if (paid.status !== "succeeded") throw new Error("expected a payment");
    const half = await provider.refund({ paymentId: paid.paymentId, amountMinor: 5000, idempotencyKey: "r1" });
    expect(await provider.refund({ paymentId: paid.paymentId, amountMinor: 5000, idempotencyKey: "r1" })).toEqual(half);
    await provider.refund({ paymentId: paid.paymentId, amountMinor: 5000, idempotencyKey: "r2" });
    await expect(provider.refund({ paymentId: paid.paymentId, amountMinor: 1, idempotencyKey: "r3" })).rejects.toThrow(/exceeds/);
    await expect(provider.refund({ paymentId: "pi_nope", amountMinor: 1, idempotencyKey: "r4" })).rejects.toThrow(/no payment/);
  });

  it("converts decimal amounts to minor units per currency", () => {
    expect(toMinorUnits("523.40", "USD")).toBe(52340);
    expect(toMinorUnits("0.10", "EUR")).toBe(10);
    expect(toMinorUnits("12000", "JPY")).toBe(12000);
    expect(fromMinorUnits(52340, "usd")).toBe("523.40");
    expect(fromMinorUnits(12000, "JPY")).toBe("12000");
  });
});
