import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RecordedOutcome } from "@travel/core/booking";
import type { ReviewOutcome, ReviewRefusalCode } from "@travel/core/reviews";
import { claimIdempotencyKey } from "./booking-http";
import type { ApiEnv } from "./env";
import { problemBody } from "./problem";

/** How each review refusal reads over HTTP. */
const reviewProblems: Record<ReviewRefusalCode, { status: ContentfulStatusCode; title: string }> = {
  not_found: { status: 404, title: "Not found" },
  not_reviewable: { status: 422, title: "This trip cannot be reviewed" },
  not_yet_open: { status: 422, title: "Reviews of this trip are not open yet" },
  already_reviewed: { status: 409, title: "This reservation has a review already" },
  invalid_categories: { status: 400, title: "The request is invalid" },
  not_pending: { status: 409, title: "Not possible in the review's current status" },
  conflict: { status: 409, title: "Changed meanwhile; try again" },
  not_editable: { status: 409, title: "The review can no longer be changed" },
  already_voted: { status: 409, title: "Marked helpful already" },
  already_reported: { status: 409, title: "Reported already" },
  own_review: { status: 422, title: "One's own review cannot be marked helpful" },
  invalid_reply: { status: 400, title: "The request is invalid" },
};

type Refusal = Extract<ReviewOutcome<unknown>, { refused: unknown }>["refused"];

/** A review outcome as its HTTP answer: `{ data }` with the route's success status, or the refusal's problem (`opensAt` kept). */
export function sendReviewOutcome(c: Context<ApiEnv>, outcome: ReviewOutcome<unknown>, okStatus: ContentfulStatusCode, options: { requestId?: string; headers?: Record<string, string> } = {}): Response {
  if ("ok" in outcome) return c.body(JSON.stringify({ data: outcome.ok }), okStatus, { "content-type": "application/json", "cache-control": "no-store", ...options.headers });
  const refusal: Refusal = outcome.refused;
  const { status, title } = reviewProblems[refusal.code];
  const body = problemBody(c, status, refusal.code.replaceAll("_", "-"), title, refusal.message, refusal.opensAt ? { opensAt: refusal.opensAt } : {});
  return c.body(JSON.stringify(options.requestId ? { ...body, requestId: options.requestId } : body), status, { "content-type": "application/problem+json", "cache-control": "no-store", ...options.headers });
}

/**
 * A review POST under an Idempotency-Key (the same rules as bookings: booking-http.ts). The
 * outcome is recorded after core wrote it; if the process dies in between, a retry after the
 * lease finds the key free and runs again, and core's own once-only conditions (one review per
 * reservation, one report per traveller) answer it with 409 instead of writing twice.
 */
export async function idempotentReviewWrite(c: Context<ApiEnv>, body: unknown, okStatus: ContentfulStatusCode, run: () => Promise<ReviewOutcome<unknown>>): Promise<Response> {
  const claimed = await claimIdempotencyKey(c, body, (recorded) =>
    // Keys are per user and fingerprinted with the route, so a review route only ever replays a review outcome.
    sendReviewOutcome(c, recorded.outcome as ReviewOutcome<unknown>, okStatus, { ...(recorded.traceId ? { requestId: recorded.traceId } : {}), headers: { "Idempotent-Replayed": "true" } }),
  );
  if ("answer" in claimed) return claimed.answer;
  const store = c.get("deps").idempotency;
  let outcome: ReviewOutcome<unknown>;
  try {
    outcome = await run();
  } catch (error) {
    await store.release(claimed.lease).catch(() => undefined);
    throw error;
  }
  // A lost race says "try again": the key is given back so the same request may be.
  if ("refused" in outcome && outcome.refused.code === "conflict") await store.release(claimed.lease);
  else await store.complete(claimed.lease, { outcome: outcome as RecordedOutcome["outcome"], traceId: c.get("requestId") });
  return sendReviewOutcome(c, outcome, okStatus);
}

/** The outcome with its value in the route's response shape; refusals as they are. */
export function answering<T, U>(outcome: ReviewOutcome<T>, shape: (value: T) => U): ReviewOutcome<U> {
  return "ok" in outcome ? { ok: shape(outcome.ok) } : outcome;
}
