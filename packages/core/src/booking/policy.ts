/**
 * The booking rules that are numbers, declared once. Config (the `Booking` link) may override the
 * hold and idempotency windows per stage; everything else is policy.
 */
export const bookingPolicy = {
  /** How long a hold keeps seats or rooms before it expires (the reservation contract: hold_expires_at). */
  holdMinutes: 10,
  /** How long an Idempotency-Key is remembered (the reservation contract: 5 minutes, the table's TTL). */
  idempotencyTtlSeconds: 5 * 60,
  /** A request still marked in progress after this is presumed dead and may be retried. */
  idempotencyLeaseSeconds: 60,
  /** Seats or rooms in one reservation (one transaction holds them all, with its bookkeeping). */
  maxUnitsPerReservation: 9,
  /**
   * Flights in one bookable offer (connections and the return): a hold takes a seat per traveller
   * on each in one transaction, 9 × 8 seats plus its bookkeeping within DynamoDB's 100 items.
   */
  maxFlightsPerOffer: 8,
  /** Cancellation of a confirmed booking: full refund until this long before departure/check-in, half after. */
  fullRefundUntilHoursBefore: 24,
  lateCancellationRefundShare: 0.5,
  /**
   * Booking writes one API process runs at once; more wait in line (up to the queue length, then
   * 503). On Lambda an instance serves one request at a time; a long-running local or container
   * process needs this so a burst queues here instead of exhausting the DynamoDB connection pool.
   */
  concurrentWritesPerInstance: 24,
  queuedWritesPerInstance: 2_000,
} as const;

/** Suppliers' webhooks (./supplier-webhooks.ts). */
export const supplierWebhookPolicy = {
  /** How long a handled event id is remembered: longer than Duffel retries a delivery (72 hours). */
  processedTtlSeconds: 4 * 86_400,
  /** A delivery still being handled after this is presumed dead; the supplier's retry may handle it. */
  leaseSeconds: 60,
} as const;

/** The outbox relay's retry schedule (the reservation contract: attempts, next_retry_at, last_error, then the DLQ). */
export const outboxPolicy = {
  maxAttempts: 5,
  /** Backoff before attempt n (n ≥ 2): base × 2^(n-2), capped, with full jitter. */
  retryBaseSeconds: 2,
  retryMaxSeconds: 300,
  /** PutEvents takes at most 10 entries per call. */
  batchSize: 10,
} as const;

export type BookingSettings = { holdMinutes: number; idempotencyTtlSeconds: number };

export function bookingSettings(overrides: Partial<BookingSettings> = {}): BookingSettings {
  return {
    holdMinutes: overrides.holdMinutes ?? bookingPolicy.holdMinutes,
    idempotencyTtlSeconds: overrides.idempotencyTtlSeconds ?? bookingPolicy.idempotencyTtlSeconds,
  };
}
