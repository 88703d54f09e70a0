import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { requestFingerprint, type HoldRequest } from "../src/booking";
import { PaymentProviderError, SimulatedPaymentProvider } from "../src/payments";
import { ada, bookingCore, ok, type BookingCore } from "./support/booking";

let core: BookingCore;
beforeAll(async () => {
  core = await bookingCore({ payments: new SimulatedPaymentProvider({ slowMs: 800 }) });
});

const user = () => `user-${randomUUID().slice(0, 8)}`;

function holdRequest(offerId: string, seatId: string): HoldRequest {
  return { userId: user(), offerId, seatIds: [seatId], travelers: [ada], contactEmail: ada.email, traceId: `trace-${randomUUID()}` };
}

/** Run a hold under `key` as its first request would. */
async function firstHold(key: string, request: HoldRequest) {
  const claim = await core.idempotency.claim(key, requestFingerprint("hold", { ...request, traceId: undefined }));
  if (claim.outcome !== "claimed") throw new Error(`key not free: ${claim.outcome}`);
  return core.booking.hold(request, claim.lease);
}

const repeat = (key: string, request: HoldRequest) => core.idempotency.claim(key, requestFingerprint("hold", { ...request, traceId: undefined }));

describe("a key's first outcome is the answer to every repeat", () => {
  it("replays a hold for the same key and body, naming the first request, and books once", async () => {
    const offer = core.offers.flight();
    const key = randomUUID();
    const request = holdRequest(offer.id, "22A");
    const first = await firstHold(key, request);
    expect(first).toMatchObject({ ok: { status: "HOLD", seatIds: ["22A"] } });
    expect(await repeat(key, request)).toEqual({ outcome: "replay", recorded: { outcome: first, traceId: request.traceId } });
    expect((await core.booking.listForUser(request.userId, { limit: 10 })).items).toHaveLength(1);
    expect(await core.outboxRows(ok(first).reservationId)).toHaveLength(1);
  });

  it("replays a refusal too: the seat stays taken for this key", async () => {
    const offer = core.offers.flight();
    ok(await firstHold(randomUUID(), holdRequest(offer.id, "23A")));
    const key = randomUUID();
    const request = holdRequest(offer.id, "23A");
    const refused = await firstHold(key, request);
    expect(refused).toMatchObject({ refused: { code: "seats-unavailable", details: { seatIds: ["23A"] } } });
    expect(await repeat(key, request)).toEqual({ outcome: "replay", recorded: { outcome: refused, traceId: request.traceId } });
  });

  it("refuses the same key for a different request (the API's 422)", async () => {
    const offer = core.offers.flight();
    const key = randomUUID();
    const request = holdRequest(offer.id, "24A");
    ok(await firstHold(key, request));
    expect(await repeat(key, { ...request, seatIds: ["24B"] })).toEqual({ outcome: "mismatch" });
    const other = await core.idempotency.claim(key, requestFingerprint("cancel", {}));
    expect(other).toEqual({ outcome: "mismatch" });
  });
});

describe("a key still in flight", () => {
  it("answers a repeat while the first confirm is still paying as in flight, then replays its result", async () => {
    const userId = user();
    const offer = core.offers.flight();
    const held = ok(await core.hold({ userId, offerId: offer.id }));
    const key = randomUUID();
    const fingerprint = requestFingerprint("confirm", { reservationId: held.reservationId, paymentMethod: "pm_card_slow" });
    const claim = await core.idempotency.claim(key, fingerprint);
    if (claim.outcome !== "claimed") throw new Error("key not free");
    const paying = core.booking.confirm(userId, held.reservationId, { paymentMethod: "pm_card_slow", traceId: "trace-slow" }, claim.lease);

    const during = await core.idempotency.claim(key, fingerprint);
    expect(during).toMatchObject({ outcome: "in-flight" });
    if (during.outcome === "in-flight") expect(during.retryAfterSeconds).toBeGreaterThanOrEqual(59);

    const confirmed = await paying;
    expect(confirmed).toMatchObject({ ok: { status: "CONFIRMED" } });
    expect(await core.idempotency.claim(key, fingerprint)).toEqual({ outcome: "replay", recorded: { outcome: confirmed, traceId: "trace-slow" } });
  });

  it("gives the key back when the request failed on our side, so its retry runs and succeeds", async () => {
    const payments = new SimulatedPaymentProvider();
    let outage = true;
    const flaky = await bookingCore({
      payments: {
        name: payments.name,
        refund: (request) => payments.refund(request),
        charge: async (request) => {
          if (outage) throw new PaymentProviderError("the provider did not answer", payments.name);
          return payments.charge(request);
        },
      },
    });
    const userId = user();
    const held = ok(await flaky.hold({ userId, offerId: flaky.offers.flight().id }));
    const key = randomUUID();
    const fingerprint = requestFingerprint("confirm", { reservationId: held.reservationId, paymentMethod: "pm_card_visa" });
    const confirm = async () => {
      const claim = await flaky.idempotency.claim(key, fingerprint);
      if (claim.outcome !== "claimed") throw new Error(`key not free: ${claim.outcome}`);
      return flaky.booking.confirm(userId, held.reservationId, { paymentMethod: "pm_card_visa", traceId: "trace-retry" }, claim.lease);
    };
    await expect(confirm()).rejects.toBeInstanceOf(PaymentProviderError);
    expect(ok(await flaky.booking.get(userId, held.reservationId)).status).toBe("HOLD");
    outage = false;
    expect(await confirm()).toMatchObject({ ok: { status: "CONFIRMED" } });
  });

  it("lets the same request take over a claim abandoned past its lease, and nobody else", async () => {
    const key = randomUUID();
    const claimed = await core.idempotency.claim(key, "first-request");
    expect(claimed).toMatchObject({ outcome: "claimed" });
    core.clock.advance(61_000);
    try {
      expect(await core.idempotency.claim(key, "another-request")).toEqual({ outcome: "mismatch" });
      expect(await core.idempotency.claim(key, "first-request")).toMatchObject({ outcome: "claimed" });
    } finally {
      core.clock.advance(-61_000);
    }
  });
});
