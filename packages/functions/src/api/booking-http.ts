import { bulkhead, BulkheadRejectedError } from "cockatiel";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BookingError, bookingPolicy, requestFingerprint, type BookingErrorCode, type IdempotencyLease, type StoredResponse } from "@travel/core/booking";
import { PaymentProviderError } from "@travel/core/payments";
import type { ApiEnv } from "./env";
import { problem, problemBody } from "./problem";

/** How each refusal reads over HTTP. */
const bookingProblems: Record<BookingErrorCode, { status: ContentfulStatusCode; title: string }> = {
  "offer-not-found": { status: 404, title: "Offer not found" },
  "offer-expired": { status: 410, title: "Offer expired or no longer sold" },
  "not-bookable": { status: 422, title: "This offer cannot be booked" },
  "invalid-selection": { status: 422, title: "The selection does not fit the offer" },
  "seats-unavailable": { status: 409, title: "Seats unavailable" },
  "rooms-unavailable": { status: 409, title: "Rooms unavailable" },
  "reservation-not-found": { status: 404, title: "Reservation not found" },
  "order-not-found": { status: 404, title: "Order not found" },
  "reservation-expired": { status: 409, title: "Hold expired" },
  "invalid-transition": { status: 409, title: "Not possible in the reservation's current status" },
  "payment-declined": { status: 402, title: "Payment declined" },
  "hold-expired-refunded": { status: 409, title: "Hold expired during payment; refunded" },
  "too-late-to-cancel": { status: 409, title: "Too late to cancel" },
};

export function bookingProblem(c: Context, error: BookingError): { status: ContentfulStatusCode; body: object } {
  const { status, title } = bookingProblems[error.code];
  return { status, body: problemBody(c, status, error.code, title, error.message, error.details) };
}

function send(c: Context, response: StoredResponse, headers: Record<string, string> = {}): Response {
  const contentType = response.status >= 400 ? "application/problem+json" : "application/json";
  return c.body(JSON.stringify(response.body), response.status as ContentfulStatusCode, { "content-type": contentType, "cache-control": "no-store", ...headers });
}

/** Printable ASCII, as the IETF draft's sf-string allows; long enough for UUIDs and ULIDs. */
const idempotencyKeyPattern = /^[\x20-\x7E]{1,255}$/;

/**
 * An unsafe POST under an Idempotency-Key, scoped to the user: a missing key is 400; a repeat
 * with the same body replays the first response (`Idempotent-Replayed: true`); the same key with
 * a different body is 422; a repeat while the first is still running is 409. Final refusals
 * (409, 402, 422 …) are replayed like successes; our own failures release the key for a retry.
 */
const bookingWrites = bulkhead(bookingPolicy.concurrentWritesPerInstance, bookingPolicy.queuedWritesPerInstance);

export async function idempotent(
  c: Context<ApiEnv>,
  body: unknown,
  run: (lease: IdempotencyLease) => Promise<StoredResponse>,
): Promise<Response> {
  try {
    return await bookingWrites.execute(() => runIdempotent(c, body, run));
  } catch (error) {
    if (!(error instanceof BulkheadRejectedError)) throw error;
    c.header("Retry-After", "1");
    return problem(c, 503, "temporarily-unavailable", "Too many bookings in progress", "This instance is at its booking capacity; nothing was changed. Retry with the same Idempotency-Key.");
  }
}

async function runIdempotent(
  c: Context<ApiEnv>,
  body: unknown,
  run: (lease: IdempotencyLease) => Promise<StoredResponse>,
): Promise<Response> {
  const key = c.req.header("Idempotency-Key");
  if (!key) return problem(c, 400, "idempotency-key-missing", "Idempotency-Key header required", "send a unique Idempotency-Key (e.g. a UUID) with every POST; reuse it only to retry the same request");
  if (!idempotencyKeyPattern.test(key)) return problem(c, 400, "invalid-request", "The request is invalid", "Idempotency-Key must be 1-255 printable ASCII characters");
  const store = c.get("deps").idempotency;
  const claim = await store.claim(`${c.get("userId")}#${key}`, requestFingerprint(`${c.req.method} ${c.req.path}`, body));
  switch (claim.outcome) {
    case "replay":
      return send(c, claim.response, { "Idempotent-Replayed": "true" });
    case "mismatch":
      return problem(c, 422, "idempotency-key-reused", "Idempotency-Key reused for a different request", "this key was used with another request body or endpoint; use a new key");
    case "in-flight":
      c.header("Retry-After", String(claim.retryAfterSeconds));
      return problem(c, 409, "idempotency-request-in-flight", "A request with this Idempotency-Key is still running", "retry after it finishes to get its response");
  }
  try {
    return send(c, await run(claim.lease));
  } catch (error) {
    if (error instanceof BookingError) {
      const refused = bookingProblem(c, error);
      await store.complete(claim.lease, refused);
      return send(c, refused);
    }
    // If the release fails too, the lease expires on its own (idempotencyLeaseSeconds).
    await store.release(claim.lease).catch(() => undefined);
    if (error instanceof PaymentProviderError) {
      return problem(c, 502, "payment-provider-error", "The payment provider failed", `${error.message} Retry with the same Idempotency-Key: a retry never charges or refunds twice.`);
    }
    throw error;
  }
}
