import { bulkhead, BulkheadRejectedError } from "cockatiel";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { bookingPolicy, requestFingerprint, type BookingOutcome, type BookingRefusal, type BookingRefusalCode, type IdempotencyLease, type RecordedOutcome } from "@travel/core/booking";
import { PaymentProviderError } from "@travel/core/payments";
import type { ApiEnv } from "./env";
import { problem, problemBody } from "./problem";

/** How each refusal reads over HTTP. */
const bookingProblems: Record<BookingRefusalCode, { status: ContentfulStatusCode; title: string }> = {
  "traveller-details-missing": { status: 422, title: "The supplier needs more traveller details" },
  "supplier-pending": { status: 409, title: "The supplier has not answered yet" },
  "supplier-refused": { status: 409, title: "The supplier refused the booking" },
  "supplier-failed-refunded": { status: 502, title: "The supplier failed after payment; the payment was refunded" },
  "cancellation-quote-required": { status: 409, title: "Quote the cancellation first" },
  "cancellation-quote-expired": { status: 409, title: "The cancellation quote no longer stands" },
  "airline-change-not-acceptable": { status: 409, title: "No airline change to accept" },
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

/** A refusal as a problem document; a replay names the request that was refused (`requestId`), not itself. */
export function bookingProblem(c: Context, refusal: BookingRefusal, requestId?: string): { status: ContentfulStatusCode; body: object } {
  const { status, title } = bookingProblems[refusal.code];
  const body = problemBody(c, status, refusal.code, title, refusal.message, refusal.details);
  return { status, body: requestId ? { ...body, requestId } : body };
}

/** A write's outcome as its HTTP answer: `{ data }` with the route's success status, or the refusal's problem. */
function send(c: Context, outcome: BookingOutcome<unknown>, okStatus: ContentfulStatusCode, options: { requestId?: string; headers?: Record<string, string> } = {}): Response {
  const { status, body } = "ok" in outcome ? { status: okStatus, body: { data: outcome.ok } } : bookingProblem(c, outcome.refused, options.requestId);
  const contentType = "ok" in outcome ? "application/json" : "application/problem+json";
  return c.body(JSON.stringify(body), status, { "content-type": contentType, "cache-control": "no-store", ...options.headers });
}

/** Printable ASCII, as the IETF draft's sf-string allows; long enough for UUIDs and ULIDs. */
const idempotencyKeyPattern = /^[\x20-\x7E]{1,255}$/;

const bookingWrites = bulkhead(bookingPolicy.concurrentWritesPerInstance, bookingPolicy.queuedWritesPerInstance);

/**
 * An unsafe POST under an Idempotency-Key, scoped to the user: a missing key is 400; a repeat
 * with the same body replays the first response (`Idempotent-Replayed: true`); the same key with
 * a different body is 422; a repeat while the first is still running is 409. Core records each
 * outcome under the key (refusals replay like successes) and releases the key when it failed on
 * our side, so the same request may be retried.
 */
export async function idempotent(
  c: Context<ApiEnv>,
  body: unknown,
  okStatus: ContentfulStatusCode,
  run: (lease: IdempotencyLease) => Promise<BookingOutcome<unknown>>,
): Promise<Response> {
  try {
    return await bookingWrites.execute(() => runIdempotent(c, body, okStatus, run));
  } catch (error) {
    if (!(error instanceof BulkheadRejectedError)) throw error;
    c.header("Retry-After", "1");
    return problem(c, 503, "temporarily-unavailable", "Too many bookings in progress", "This instance is at its booking capacity; nothing was changed. Retry with the same Idempotency-Key.");
  }
}

/**
 * The Idempotency-Key checks every unsafe POST shares: the key is present and well-formed, and
 * claimed for this user and request. Returns the claim's lease to run under, or the answer to
 * send instead (a problem, or a replay through `replay`).
 */
export async function claimIdempotencyKey(
  c: Context<ApiEnv>,
  body: unknown,
  replay: (recorded: RecordedOutcome) => Response,
): Promise<{ lease: IdempotencyLease } | { answer: Response }> {
  const key = c.req.header("Idempotency-Key");
  if (!key) return { answer: problem(c, 400, "idempotency-key-missing", "Idempotency-Key header required", "send a unique Idempotency-Key (e.g. a UUID) with every POST; reuse it only to retry the same request") };
  if (!idempotencyKeyPattern.test(key)) return { answer: problem(c, 400, "invalid-request", "The request is invalid", "Idempotency-Key must be 1-255 printable ASCII characters") };
  const store = c.get("deps").idempotency;
  const claim = await store.claim(`${c.get("userId")}#${key}`, requestFingerprint(`${c.req.method} ${c.req.path}`, body));
  switch (claim.outcome) {
    case "claimed":
      return { lease: claim.lease };
    case "replay":
      return { answer: replay(claim.recorded) };
    case "mismatch":
      return { answer: problem(c, 422, "idempotency-key-reused", "Idempotency-Key reused for a different request", "this key was used with another request body or endpoint; use a new key") };
    case "in-flight":
      c.header("Retry-After", String(claim.retryAfterSeconds));
      return { answer: problem(c, 409, "idempotency-request-in-flight", "A request with this Idempotency-Key is still running", "retry after it finishes to get its response") };
  }
}

async function runIdempotent(
  c: Context<ApiEnv>,
  body: unknown,
  okStatus: ContentfulStatusCode,
  run: (lease: IdempotencyLease) => Promise<BookingOutcome<unknown>>,
): Promise<Response> {
  const claimed = await claimIdempotencyKey(c, body, (recorded) => send(c, recorded.outcome, okStatus, { requestId: recorded.traceId, headers: { "Idempotent-Replayed": "true" } }));
  if ("answer" in claimed) return claimed.answer;
  try {
    return send(c, await run(claimed.lease), okStatus);
  } catch (error) {
    if (error instanceof PaymentProviderError) {
      return problem(c, 502, "payment-provider-error", "The payment provider failed", `${error.message} Retry with the same Idempotency-Key: a retry never charges or refunds twice.`);
    }
    throw error;
  }
}
