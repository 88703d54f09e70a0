import { createHmac, randomUUID } from "node:crypto";

/**
 * Duffel's webhooks, sent as Duffel sends them: the event envelope (`id` eve_…, `type`,
 * `live_mode`, `created_at`, `data.object`, `idempotency_key`…) POSTed as JSON with
 * `X-Duffel-Signature: t=<unix seconds>,v1=<hex>`, HMAC-SHA256 of `<t>.<raw body>` keyed with the
 * webhook's secret. Written here on its own, from Duffel's description, rather than with the
 * platform's verifier: the simulator checks the platform, it does not share its code.
 *
 * Configured through `/__control` (`{"duffel": {"webhooks": {"url": "…", "secret": "…"}}}`) or
 * SIM_DUFFEL_WEBHOOK_URL and SIM_DUFFEL_WEBHOOK_SECRET; every event sent is kept, so it can be
 * delivered again (`{"duffel": {"redeliver": "eve_…"}}`), as Duffel retries and redelivers.
 */
export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface Delivery {
  eventId: string;
  type: string;
  /** The receiver's HTTP status, or why nothing answered. */
  status?: number;
  error?: string;
}

/** Longer than a receiver that works needs; Duffel, too, gives up on a delivery and retries it. */
const deliveryTimeoutMs = 10_000;
/** Enough for any test; the oldest events are forgotten first. */
const maxStoredEvents = 10_000;

export function duffelWebhookSender(initial?: WebhookTarget) {
  let target = initial;
  const sent = new Map<string, { type: string; body: Record<string, unknown> }>();

  const deliver = async (eventId: string): Promise<Delivery> => {
    const event = sent.get(eventId);
    if (!event) return { eventId, type: "unknown", error: `no event ${eventId}` };
    if (!target) return { eventId, type: event.type, error: "no webhook configured" };
    const body = JSON.stringify(event.body);
    const timestamp = Math.floor(Date.now() / 1000);
    const v1 = createHmac("sha256", target.secret).update(`${timestamp}.${body}`).digest("hex");
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-duffel-signature": `t=${timestamp},v1=${v1}`, "user-agent": "Duffel-Webhooks (simulated)" },
        body,
        signal: AbortSignal.timeout(deliveryTimeoutMs),
      });
      await response.arrayBuffer();
      return { eventId, type: event.type, status: response.status };
    } catch (error) {
      return { eventId, type: event.type, error: (error as Error).message };
    }
  };

  return {
    configure(next: WebhookTarget | undefined): void {
      target = next;
    },
    /** Make an event, keep it, and deliver it once. */
    send(type: string, object: Record<string, unknown>, options: { liveMode: boolean; idempotencyKey: string }): Promise<Delivery> {
      const eventId = `eve_${randomUUID().replaceAll("-", "").slice(0, 22)}`;
      const body = {
        id: eventId,
        api_version: "v2",
        type,
        object: type.split(".")[0],
        live_mode: options.liveMode,
        idempotency_key: options.idempotencyKey,
        created_at: new Date().toISOString(),
        identity_organisation_id: "org_0000SimulatedOrganisation",
        data: { object, changes: {} },
      };
      sent.set(eventId, { type, body });
      if (sent.size > maxStoredEvents) sent.delete(sent.keys().next().value!);
      return deliver(eventId);
    },
    /** The same event again (same id and body, a fresh signature). */
    redeliver: deliver,
  };
}
export type DuffelWebhookSender = ReturnType<typeof duffelWebhookSender>;
