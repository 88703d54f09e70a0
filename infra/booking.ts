/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Booking settings, payments and email. `sst secret set StripeSecretKey sk_live_…` per stage;
 * `BookingEmailSender` is the verified SES sender (an address or a domain).
 */
const stripeSecretKey = new sst.Secret("StripeSecretKey");

export const payments = new sst.Linkable("Payments", {
  properties: { provider: "stripe", secretKey: stripeSecretKey.value },
});

/** Per-stage hold and idempotency windows; empty means the defaults in core/booking/policy.ts. */
export const bookingSettings = new sst.Linkable("Booking", { properties: {} });

export const email = new sst.aws.Email("Email", {
  sender: process.env.BOOKING_EMAIL_SENDER ?? "bookings@example.com",
});
