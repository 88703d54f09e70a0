import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import { eventCatalog, type BusEvent, type ReservationEventDetail } from "../events/catalog";

/**
 * Third-party analytics: reservation lifecycle events as Segment-compatible `track` calls, sent in
 * batches to a webhook (Segment's `/v1/batch`, or anything that speaks it: RudderStack, Jitsu, a
 * warehouse loader). The bus gives at-least-once delivery, so every call carries the event's stable
 * id as `messageId`, which Segment-compatible receivers deduplicate on.
 */
export interface TrackCall {
  type: "track";
  event: string;
  userId: string;
  messageId: string;
  timestamp: string;
  properties: Record<string, string | number>;
  context: { library: { name: string; version: string } };
}

export interface WebhookSettings {
  /** The batch endpoint, e.g. `https://api.segment.io/v1/batch`. */
  url: string;
  /** Sent as HTTP Basic user (Segment's scheme); optional for receivers that need none. */
  writeKey?: string | undefined;
  /** Per HTTP attempt. */
  timeoutMs?: number;
  /** Attempts per batch within one delivery (the bus or queue retries whole deliveries on top). */
  maxAttempts?: number;
  fetch?: typeof fetch;
}

/** Segment caps a batch at 500 KB; our calls are under 1 KB each, so 100 stays well inside. */
export const trackCallsPerRequest = 100;

const library = { name: "travel-platform-forwarder", version: "1" } as const;

const eventNames = { HOLD: "Reservation Held", CONFIRMED: "Reservation Confirmed", CANCELLED: "Reservation Cancelled", EXPIRED: "Reservation Expired" } as const;

const reservationDetailTypes = new Set<string>([eventCatalog.ReservationCreated.detailType, eventCatalog.ReservationStatusChanged.detailType]);

/**
 * The track call for a bus event, or undefined for events that are not forwarded (anything but a
 * reservation change, and events EventBridge replays from an archive: they were forwarded when
 * they happened). No traveller names or contacts: the reservation events carry none.
 */
export function trackCallFor(event: BusEvent): TrackCall | undefined {
  if ((event as { "replay-name"?: string })["replay-name"]) return undefined;
  if (!reservationDetailTypes.has(event["detail-type"])) return undefined;
  const detail: ReservationEventDetail = eventCatalog.ReservationStatusChanged.detail.parse(event.detail);
  const { reservation } = detail;
  const total = Number(reservation.totalAmount);
  const properties: TrackCall["properties"] = {
    reservation_id: reservation.reservationId,
    vertical: reservation.vertical,
    offer_id: reservation.offerId,
    quantity: reservation.qty,
    total,
    currency: reservation.currency,
    status: detail.status,
  };
  if (detail.previousStatus) properties.previous_status = detail.previousStatus;
  if (reservation.orderId) properties.order_id = reservation.orderId;
  // Segment's convention: `revenue` on the event that earns it, so its destinations sum it.
  if (detail.status === "CONFIRMED") properties.revenue = total;
  if (reservation.refundedAmount) properties.refunded = Number(reservation.refundedAmount);
  return {
    type: "track",
    event: eventNames[detail.status],
    userId: reservation.userId,
    messageId: detail.eventId,
    timestamp: detail.occurredAt,
    properties,
    context: { library },
  };
}

export class ForwardingError extends Error {
  override name = "ForwardingError";
  constructor(
    message: string,
    /** Whether another attempt may succeed (network, timeout, 429, 5xx); a 4xx will not. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Sends track calls to the webhook, `trackCallsPerRequest` at a time, retrying what may succeed. */
export class WebhookForwarder {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly policy;

  constructor(private readonly settings: WebhookSettings) {
    this.fetch = settings.fetch ?? globalThis.fetch;
    this.timeoutMs = settings.timeoutMs ?? 5_000;
    this.policy = retry(
      handleWhen((error) => error instanceof ForwardingError && error.retryable),
      { maxAttempts: (settings.maxAttempts ?? 3) - 1, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 }) },
    );
  }

  /** Forwards every call or throws: the caller's delivery is then retried, and dead-lettered in the end. */
  async forward(calls: TrackCall[]): Promise<{ requests: number }> {
    let requests = 0;
    for (let start = 0; start < calls.length; start += trackCallsPerRequest) {
      const batch = calls.slice(start, start + trackCallsPerRequest);
      await this.policy.execute(() => this.post(batch));
      requests += 1;
    }
    return { requests };
  }

  private async post(batch: TrackCall[]): Promise<void> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.settings.writeKey) headers.authorization = `Basic ${Buffer.from(`${this.settings.writeKey}:`).toString("base64")}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(this.settings.url, { method: "POST", headers, body: JSON.stringify({ batch, sentAt: new Date().toISOString() }), signal });
    } catch (error) {
      const reason = signal.aborted ? `no answer within ${this.timeoutMs} ms` : (error as Error).message;
      throw new ForwardingError(`analytics webhook unreachable: ${reason}`, true);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return;
    const retryable = response.status === 429 || response.status >= 500;
    throw new ForwardingError(`analytics webhook answered ${response.status}`, retryable, response.status);
  }
}
