/**
 * Why a booking operation was refused. The codes are stable (the API turns them into problem
 * types and statuses); `details` says what a client needs to act, such as the seats that are taken.
 */
export const bookingErrorCodes = [
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
] as const;

export type BookingErrorCode = (typeof bookingErrorCodes)[number];

export class BookingError extends Error {
  override name = "BookingError";
  constructor(
    readonly code: BookingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
