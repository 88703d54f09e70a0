/**
 * What a booking operation came to. Core answers in these terms; the API alone decides which
 * status code and problem document each refusal becomes, and the idempotency record stores the
 * outcome itself so that a replay answers exactly as the first request did.
 */
export const bookingRefusalCodes = [
  "offer-not-found",
  "offer-expired",
  "not-bookable",
  "invalid-selection",
  "seats-unavailable",
  "rooms-unavailable",
  "reservation-not-found",
  "order-not-found",
  "reservation-expired",
  "invalid-transition",
  "payment-declined",
  "hold-expired-refunded",
  "too-late-to-cancel",
  "traveller-details-missing",
  "supplier-pending",
  "supplier-refused",
  "supplier-failed-refunded",
  "cancellation-quote-required",
  "cancellation-quote-expired",
  "airline-change-not-acceptable",
] as const;

export type BookingRefusalCode = (typeof bookingRefusalCodes)[number];

/** Why an operation was refused: a stable code, a sentence, and what a client needs to act (such as the seats that are taken). */
export interface BookingRefusal {
  code: BookingRefusalCode;
  message: string;
  details: Record<string, unknown>;
}

export type BookingOutcome<T> = { ok: T } | { refused: BookingRefusal };

/**
 * Thrown inside a use case to stop at a refusal from however deep it is found (an offer lookup,
 * an ownership check); the use case's boundary turns it into `{ refused }`, so it never leaves core.
 */
export class BookingRefused extends Error {
  override name = "BookingRefused";
  readonly refusal: BookingRefusal;
  constructor(code: BookingRefusalCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.refusal = { code, message, details };
  }
}

/** Run a use case and answer its refusal as an outcome; anything else is a failure and is thrown. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<BookingOutcome<T>> {
  try {
    return { ok: await run() };
  } catch (error) {
    if (error instanceof BookingRefused) return { refused: error.refusal };
    throw error;
  }
}
