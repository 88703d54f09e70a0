import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { EventValidationError } from "@travel/core/events";
import { ActiveHoldsError, ApiKeyNotFoundError, ApiKeyRevokedError, InvalidAuditCursorError, IssuerUnavailableError, TokenKeysUnavailableError } from "@travel/core/identity";
import { logger } from "@travel/core/observability";
import { InvalidReviewCursorError } from "@travel/core/reviews";
import { OfferGoneError, OfferNotFoundError } from "@travel/core/search";
import { SupplierError, SupplierUnavailableError } from "@travel/core/search";
import type { ApiEnv } from "./env";
import { problem } from "./problem";

/**
 * What each error a handler lets through means over HTTP: one table, read by `onError` (app.ts),
 * first match wins. Handlers call core and let its errors go; they do not catch to translate.
 */
interface ErrorProblem<E extends Error = Error> {
  when(error: Error): error is E;
  answer(c: Context<ApiEnv>, error: E): Response;
}

const row = <E extends Error>(when: (error: Error) => error is E, answer: (c: Context<ApiEnv>, error: E) => Response): ErrorProblem =>
  ({ when, answer }) as ErrorProblem;

const is =
  <E extends Error>(type: abstract new (...args: never[]) => E) =>
  (error: Error): error is E =>
    error instanceof type;

function retryAfter(c: Context, seconds: number): void {
  c.header("Retry-After", String(seconds));
}

const invalidField = (c: Context, field: string, message: string) =>
  problem(c, 400, "invalid-request", "The request is invalid", `${field}: ${message}`, { errors: [{ field, message }] });

const errorProblems: ErrorProblem[] = [
  // Hono's own (415 from the body validator) and ours: a 400 naming its field (search-response.ts).
  row(is(HTTPException), (c, error) => {
    const cause = error.cause as { field?: string; message?: string } | undefined;
    if (error.status === 400 && cause?.field) return invalidField(c, cause.field, cause.message ?? error.message);
    return problem(c, error.status, "http-error", error.message || "Request failed");
  }),
  row(is(InvalidAuditCursorError), (c, error) => invalidField(c, "cursor", error.message)),
  row(is(InvalidReviewCursorError), (c, error) => invalidField(c, "cursor", error.message)),
  row(isInvalidCursor, (c) => invalidField(c, "cursor", "is not a cursor this listing returned (pass meta.nextCursor unchanged, with the same filters)")),
  row(is(EventValidationError), (c, error) => problem(c, 400, "invalid-request", "The event is invalid", error.message)),

  row(is(OfferNotFoundError), (c, error) => problem(c, 404, "offer-not-found", "Offer not found", error.message)),
  row(is(OfferGoneError), (c, error) =>
    problem(c, 410, `offer-${error.reason}`, error.reason === "expired" ? "Offer expired" : "Offer no longer available", error.message),
  ),
  row(is(ApiKeyNotFoundError), (c, error) => problem(c, 404, "not-found", "No such API key", error.message)),
  row(is(ApiKeyRevokedError), (c, error) => problem(c, 409, "api-key-revoked", "The key is revoked", error.message)),
  row(is(ActiveHoldsError), (c, error) =>
    problem(c, 409, "active-holds", "Holds still running", `${error.message}. Nothing was erased.`, { reservationIds: error.reservationIds }),
  ),

  // Before SupplierError, which it extends.
  row(is(SupplierUnavailableError), (c, error) => {
    retryAfter(c, error.retryAfterSeconds);
    return problem(c, 503, "supplier-unavailable", "The supplier is unavailable", error.message, { supplier: error.supplier, retryAfterSeconds: error.retryAfterSeconds });
  }),
  row(is(SupplierError), (c, error) => {
    logger.warn("supplier call failed", { requestId: c.get("requestId"), supplier: error.supplier, status: error.status, error: error.message });
    return error.timedOut
      ? problem(c, 504, "supplier-timeout", "The supplier did not answer in time", error.message, { supplier: error.supplier })
      : problem(c, 502, "supplier-error", "The supplier failed", error.message, { supplier: error.supplier, ...(error.code ? { supplierCode: error.code } : {}) });
  }),
  row(is(TokenKeysUnavailableError), (c, error) => {
    logger.warn("token keys unavailable", { requestId: c.get("requestId"), error: error.message });
    retryAfter(c, 5);
    return problem(c, 503, "temporarily-unavailable", "Temporarily unavailable", "The sign-in service's keys could not be fetched; retry.");
  }),
  // Only erasure calls the issuer itself (to end the account's sessions).
  row(is(IssuerUnavailableError), (c, error) => {
    retryAfter(c, 5);
    return problem(c, 503, "temporarily-unavailable", "Sign-in service unavailable", `${error.message}. Erasure is not complete; retry (it continues where it stopped).`);
  }),
  row(isTransientStoreError, (c, error) => {
    logger.warn("data store unavailable", { requestId: c.get("requestId"), error: error.message, name: error.name });
    retryAfter(c, 1);
    return problem(c, 503, "temporarily-unavailable", "Temporarily unavailable", "A data store did not answer in time. Nothing was changed; retry (with the same Idempotency-Key for a POST).");
  }),
];

/** The problem response for an error no handler answered; 500 for anything the table does not know. */
export function problemForError(c: Context<ApiEnv>, error: Error): Response {
  const known = errorProblems.find((entry) => entry.when(error));
  if (known) return known.answer(c, error);
  logger.error("unhandled error", { requestId: c.get("requestId"), error });
  return problem(c, 500, "internal", "Internal error", "Something went wrong on our side; the request id identifies it in our logs.");
}

/**
 * A pagination cursor that ElectroDB cannot decode, or that DynamoDB refuses as a start key: the
 * caller's input, so a 400 (lists pass cursors through to ElectroDB unchanged).
 */
function isInvalidCursor(error: Error | undefined): error is Error {
  for (let e = error, depth = 0; e && depth < 4; e = e.cause as Error | undefined, depth++) {
    if (/Unable to parse cursor|Invalid cursor provided/.test(e.message)) return true;
    if (e.name === "ValidationException" && /start(ing)? key|ExclusiveStartKey/i.test(e.message)) return true;
  }
  return false;
}

/**
 * AWS SDK failures that mean "busy or unreachable, try again": timeouts, throttling, 5xx. A
 * transaction that failed this way wrote nothing (DynamoDB transactions are all or nothing).
 */
const transientErrorNames = new Set(["TimeoutError", "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable", "TransactionInProgressException"]);

function isTransientStoreError(error: Error): error is Error {
  // ElectroDB wraps the SDK's error.
  const cause = (error as { isElectroError?: boolean }).isElectroError ? (error.cause as Error | undefined) : undefined;
  if (cause) return isTransientStoreError(cause);
  const sdk = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string; conflicted?: boolean };
  return (
    // A DynamoDB transaction that kept colliding with others in flight (TransactionRejected).
    sdk.conflicted === true ||
    transientErrorNames.has(error.name) ||
    // ioredis: a command past its `commandTimeout` (a plain Error), or given up after its retries.
    error.message === "Command timed out" ||
    error.name === "MaxRetriesPerRequestError" ||
    Boolean(sdk.$retryable) ||
    (sdk.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(sdk.code ?? "")
  );
}
