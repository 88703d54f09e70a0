import { describe, expect, it } from "vitest";
import { checkDuffelSignature, duffelSignatureOf, supplierEventOf } from "../src/suppliers/duffel/webhooks";

/** Duffel's published example (its Ruby client's webhook test): this secret, time and body give this signature. */
const secret = "a_secret";
const timestamp = 1641667496;
const rawBody =
  '{"created_at":"2022-01-08T18:44:56.129339Z","data":{"changes":{},"object":{}},"id":"eve_0000AFEsrBKZAcKgGtZCnQ","live_mode":false,"object":"order","type":"order.updated"}';
const published = "691f25ffb1f206c0fda5bb7b1a9d60fafe42c5f42819d44a06a7cfe09486f102";
const header = `t=${timestamp},v1=${published}`;
const atSigning = timestamp * 1000;

describe("Duffel's webhook signature", () => {
  it("matches Duffel's published example", () => {
    expect(duffelSignatureOf(secret, timestamp, rawBody)).toBe(published);
    expect(checkDuffelSignature({ header, rawBody, secret, nowMs: atSigning })).toEqual({ genuine: true });
  });

  it("refuses a body, a secret or a timestamp other than the signed ones", () => {
    expect(checkDuffelSignature({ header, rawBody: rawBody.replace("false", "true"), secret, nowMs: atSigning })).toEqual({ genuine: false, reason: "mismatch" });
    expect(checkDuffelSignature({ header, rawBody, secret: "another_secret", nowMs: atSigning })).toEqual({ genuine: false, reason: "mismatch" });
    expect(checkDuffelSignature({ header: `t=${timestamp + 1},v1=${published}`, rawBody, secret, nowMs: atSigning })).toEqual({ genuine: false, reason: "mismatch" });
  });

  it("refuses a genuine signature outside the 5-minute tolerance, either way", () => {
    expect(checkDuffelSignature({ header, rawBody, secret, nowMs: atSigning + 299_000 }).genuine).toBe(true);
    expect(checkDuffelSignature({ header, rawBody, secret, nowMs: atSigning + 301_000 })).toEqual({ genuine: false, reason: "stale" });
    expect(checkDuffelSignature({ header, rawBody, secret, nowMs: atSigning - 301_000 })).toEqual({ genuine: false, reason: "stale" });
  });

  it("refuses a missing or malformed header", () => {
    expect(checkDuffelSignature({ header: undefined, rawBody, secret, nowMs: atSigning })).toEqual({ genuine: false, reason: "missing" });
    for (const bad of ["", `v1=${published}`, `t=${timestamp}`, `t=${timestamp},v1=${published.toUpperCase()}`, `t=${timestamp},v1=${published.slice(2)}`, `t=abc,v1=${published}`]) {
      expect(checkDuffelSignature({ header: bad, rawBody, secret, nowMs: atSigning }).genuine, bad).toBe(false);
    }
  });
});

describe("Duffel's events, in booking's terms", () => {
  const envelope = (type: string, object: Record<string, unknown>) => ({ id: "eve_1", type, live_mode: false, created_at: "2026-01-01T00:00:00Z", data: { object } });

  it("finds the order of an airline's change, whether the object is the order or the change", () => {
    expect(supplierEventOf(envelope("order.airline_initiated_change_detected", { id: "ord_1", metadata: { reservation_id: "res_1" } }))).toEqual({ kind: "airline-change-detected", supplier: "duffel", orderId: "ord_1" });
    expect(supplierEventOf(envelope("order.airline_initiated_change_detected", { id: "aic_1", order_id: "ord_1" }))).toEqual({ kind: "airline-change-detected", supplier: "duffel", orderId: "ord_1", changeId: "aic_1" });
  });

  it("reads the order's outcomes and payments, and passes over what it does not act on", () => {
    expect(supplierEventOf(envelope("order.created", { id: "ord_1", metadata: { reservation_id: "res_1" } }))).toEqual({ kind: "order-created", supplier: "duffel", orderId: "ord_1", reservationId: "res_1" });
    expect(supplierEventOf(envelope("order.creation_failed", { metadata: { reservation_id: "res_1" }, errors: [{ title: "Offer no longer available" }] }))).toMatchObject({ kind: "order-creation-failed", reservationId: "res_1", failure: expect.stringContaining("Offer no longer available") });
    expect(supplierEventOf(envelope("payment.created", { id: "pay_1", order_id: "ord_1" }))).toEqual({ kind: "payment-created", supplier: "duffel", orderId: "ord_1" });
    expect(supplierEventOf(envelope("ping.triggered", {}))).toBeUndefined();
  });
});
