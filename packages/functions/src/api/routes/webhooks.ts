import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requestFingerprint } from "@travel/core/booking";
import { logger } from "@travel/core/observability";
import { checkDuffelSignature, duffelSignatureHeader, duffelWebhookEventSchema, supplierEventOf, type DuffelWebhookEvent } from "@travel/core/suppliers";
import type { ApiEnv } from "../env";
import { problem, problemResponse } from "../problem";

/**
 * Suppliers' webhooks. The signature is the credential (no bearer token): it is checked on the raw
 * body before anything parses it, then each event id is acted on once (Duffel delivers at least
 * once, and retries for 72 hours): the id is claimed in the idempotency table, and a second
 * delivery of a handled id answers 200 and does nothing. Events we do not act on answer 200 too,
 * so Duffel does not retry them.
 */
const signatureTitles = {
  missing: `No ${duffelSignatureHeader} header`,
  malformed: `${duffelSignatureHeader} is not t=<unix seconds>,v1=<hex HMAC-SHA256>`,
  mismatch: "The signature does not match the body",
  stale: "The signature's timestamp is too far from now",
} as const;

/** Refuses what Duffel did not sign (401), before the body is parsed; 503 while no secret is configured. */
const duffelSignature: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const secret = c.get("deps").webhooks.duffelSecret;
  if (!secret) return problem(c, 503, "webhooks-not-configured", "Duffel webhooks are not configured", "No webhook secret is set on this deployment (DuffelWebhookSecret); nothing was done.");
  // Read once, as sent: Hono keeps it, so the body validator parses these very bytes.
  const rawBody = await c.req.text();
  const check = checkDuffelSignature({ header: c.req.header(duffelSignatureHeader), rawBody, secret, nowMs: c.get("deps").webhooks.now() });
  if (!check.genuine) {
    logger.warn("duffel webhook refused", { reason: check.reason, requestId: c.get("requestId") });
    return problem(c, 401, `webhook-signature-${check.reason}`, "The webhook's signature is not valid", signatureTitles[check.reason]);
  }
  await next();
};

const received = z.object({ received: z.literal(true), duplicate: z.boolean().meta({ description: "true: this event id was handled already; nothing was done again" }) }).meta({ id: "WebhookReceipt" });

const duffelWebhook = createRoute({
  method: "post",
  path: "/duffel",
  operationId: "receiveDuffelWebhook",
  tags: ["Webhooks"],
  summary: "Duffel's webhook events (signed)",
  description:
    `Signed by Duffel: \`${duffelSignatureHeader}: t=<unix seconds>,v1=<hex>\`, HMAC-SHA256 of \`<t>.<raw body>\` with the webhook's secret; ` +
    "a signature older or newer than 5 minutes is refused. Acts on `order.airline_initiated_change_detected` (the reservation shows the change and the traveller is emailed), " +
    "`order.created`, `order.creation_failed` and `payment.created`; other events are acknowledged and ignored. Each event id is acted on once.",
  middleware: [duffelSignature] as const,
  request: { body: { required: true, content: { "application/json": { schema: duffelWebhookEventSchema.meta({ id: "DuffelWebhookEvent" }) } } } },
  responses: {
    200: { description: "Received (acted on, a repeat, or an event we do not act on)", content: { "application/json": { schema: z.object({ data: received }) } } },
    400: problemResponse("Signed, but not an event: the body is not JSON or lacks id, type, live_mode, created_at or data.object"),
    401: problemResponse("No signature, or one that is malformed, does not match the body, or is outside the 5-minute tolerance"),
    409: problemResponse("The same event is being handled by another delivery right now; retry"),
    503: problemResponse("No webhook secret is configured on this deployment, or a data store did not answer"),
  },
});

export const webhookRoutes = new OpenAPIHono<ApiEnv>().openapi(duffelWebhook, async (c) => {
  const event = c.req.valid("json") as DuffelWebhookEvent;
  const { processed } = c.get("deps").webhooks;
  const claim = await processed.claim(`webhook:duffel:${event.id}`, requestFingerprint("duffel webhook", event.id));
  if (claim.outcome === "replay") return c.json({ data: { received: true as const, duplicate: true } }, 200);
  if (claim.outcome !== "claimed") {
    c.header("Retry-After", "5");
    return problem(c, 409, "webhook-in-flight", "This event is being handled", `event ${event.id} is being handled by another delivery`) as never;
  }
  try {
    const supplierEvent = supplierEventOf(event);
    const outcome = supplierEvent ? await c.get("deps").booking.applySupplierEvent(supplierEvent, c.get("requestId")) : "ignored";
    logger.info("duffel webhook", { eventId: event.id, type: event.type, liveMode: event.live_mode, outcome });
  } catch (error) {
    // Not handled: give the id back, so Duffel's retry acts on it.
    await processed.release(claim.lease).catch(() => undefined);
    throw error;
  }
  await processed.complete(claim.lease, { outcome: { ok: null } });
  return c.json({ data: { received: true as const, duplicate: false } }, 200);
});
