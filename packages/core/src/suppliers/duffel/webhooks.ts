import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SupplierWebhookEvent } from "../../booking/supplier-orders";
import { reservationIdKey } from "./orders";

/**
 * Duffel's webhooks: the `X-Duffel-Signature` check and the event envelope. `@duffel/api` ships no
 * verifier; this follows Duffel's own Ruby client (`DuffelAPI::WebhookEvent.genuine?`): the header
 * is `t=<unix seconds>,v1=<lowercase hex>`, and v1 is HMAC-SHA256, keyed with the webhook's secret,
 * of `"<t>." + the raw body`. The timestamp is checked too, so a captured delivery cannot be
 * replayed later (Duffel retries a failed delivery with a fresh signature).
 */
export const duffelSignatureHeader = "X-Duffel-Signature";

/** How far the signed time may be from ours, either way (clock skew and delivery time). */
export const signatureToleranceSeconds = 5 * 60;

const signaturePattern = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export type SignatureCheck = { genuine: true } | { genuine: false; reason: "missing" | "malformed" | "mismatch" | "stale" };

/** v1 of a body signed at `timestamp` (unix seconds). */
export function duffelSignatureOf(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** Whether a delivery is Duffel's: a well-formed header, a matching HMAC (compared in constant time) and a recent timestamp. */
export function checkDuffelSignature(input: { header: string | undefined; rawBody: string; secret: string; nowMs: number; toleranceSeconds?: number }): SignatureCheck {
  if (!input.header) return { genuine: false, reason: "missing" };
  const match = signaturePattern.exec(input.header.trim());
  if (!match) return { genuine: false, reason: "malformed" };
  const timestamp = Number(match[1]);
  const expected = Buffer.from(duffelSignatureOf(input.secret, timestamp, input.rawBody), "hex");
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, "hex"))) return { genuine: false, reason: "mismatch" };
  // Checked after the HMAC, so the answer says nothing about the timestamp of a forged header.
  const skew = Math.abs(input.nowMs / 1000 - timestamp);
  if (skew > (input.toleranceSeconds ?? signatureToleranceSeconds)) return { genuine: false, reason: "stale" };
  return { genuine: true };
}

/** Duffel's event envelope (duffel.com/docs/api/webhooks): the fields we act on; the rest passes. */
export const duffelWebhookEventSchema = z.looseObject({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  live_mode: z.boolean(),
  created_at: z.string().max(40),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});
export type DuffelWebhookEvent = z.output<typeof duffelWebhookEventSchema>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * What an event means for our bookings, in booking's terms, or undefined for events we do not act
 * on. `order.airline_initiated_change_detected` carries the order (or, in some payloads, the change
 * itself, with its `order_id`): the order id is what we need, the change is read from Duffel.
 */
export function supplierEventOf(event: DuffelWebhookEvent): SupplierWebhookEvent | undefined {
  const object = event.data.object;
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const orderIdOf = () => text(object.order_id) ?? (text(object.id)?.startsWith("ord_") ? text(object.id) : undefined);
  switch (event.type) {
    case "order.airline_initiated_change_detected": {
      const orderId = orderIdOf();
      const changeId = text(object.id)?.startsWith("aic_") ? text(object.id) : undefined;
      return orderId ? { kind: "airline-change-detected", supplier: "duffel", orderId, ...(changeId ? { changeId } : {}) } : undefined;
    }
    case "order.created": {
      const orderId = text(object.id);
      return orderId ? { kind: "order-created", supplier: "duffel", orderId, reservationId: text(metadata[reservationIdKey]) } : undefined;
    }
    case "order.creation_failed":
      return { kind: "order-creation-failed", supplier: "duffel", reservationId: text(metadata[reservationIdKey]), failure: creationFailure(object) };
    case "payment.created": {
      const orderId = text(object.order_id);
      return orderId ? { kind: "payment-created", supplier: "duffel", orderId } : undefined;
    }
    default:
      return undefined;
  }
}

/** Duffel's reason, when the failed order says one (its `errors`, as in its error envelope). */
function creationFailure(object: Record<string, unknown>): string {
  const errors = Array.isArray(object.errors) ? (object.errors as Array<Record<string, unknown>>) : [];
  const first = errors[0];
  const words = [text(first?.title), text(first?.message), text(first?.code)].filter(Boolean).join(": ");
  return `duffel could not create the order${words ? ` (${words})` : ""}`;
}
