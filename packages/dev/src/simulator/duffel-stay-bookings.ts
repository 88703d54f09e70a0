import { randomInt, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type Context } from "hono";
import type {} from "@duffel/api";
import type { StaysBooking, StaysQuote } from "@duffel/api/types";
import { takeFault, type DuffelFaults } from "./faults";
import { duffelError, duffelId, e164Pattern, emailPattern, invalidField, invalidParameter, notFound, readData, type DuffelEnv, type DuffelErrorItem } from "./duffel-wire";

/**
 * Duffel Stays bookings in memory: `POST /stays/bookings` books a quote (duffel-stays.ts) in the
 * guests' names with the lead guest's email and phone, paid from the balance at once; `GET
 * /stays/bookings/{id}` and `GET /stays/bookings` (paged by `limit` and the `after` cursor, newest
 * last, no filter by metadata: Duffel has none) read them back; `POST
 * /stays/bookings/{id}/actions/cancel` cancels one. The booking carries the booked room and rate,
 * so its `cancellation_timeline` says what cancelling gives back. A quote is booked once.
 *
 * `/__control` can make the next bookings fail (control.ts): `rate_unavailable` (422) books
 * nothing; `timeout` books, then holds the answer.
 */
const maxStoredBookings = 50_000;
const referenceCharacters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** The accommodation's own confirmation number. */
const reference = () => Array.from({ length: 8 }, () => referenceCharacters[randomInt(referenceCharacters.length)]).join("");

const refusals = {
  quoteBooked: { type: "invalid_state_error", code: "quote_already_booked", title: "Quote already booked", message: "This quote has already been booked. Create a new quote." },
  rateUnavailable: { type: "invalid_state_error", code: "rate_unavailable", title: "Rate unavailable", message: "The rate is no longer available at the accommodation. Please search again." },
  alreadyCancelled: { type: "invalid_state_error", code: "booking_already_cancelled", title: "Booking already cancelled", message: "The booking has already been cancelled." },
} satisfies Record<string, DuffelErrorItem>;

interface BookingRequest {
  quoteId: string;
  guests: Array<{ given_name: string; family_name: string }>;
  email: string;
  phoneNumber: string;
  metadata: Record<string, string> | null;
}

function parseBooking(data: Record<string, unknown>, quote: StaysQuote | undefined): BookingRequest | DuffelErrorItem[] {
  const errors: DuffelErrorItem[] = [];
  const guests = data.guests as Array<{ given_name?: unknown; family_name?: unknown }> | undefined;
  if (!Array.isArray(guests) || guests.length === 0) errors.push(invalidField("/guests", "validation_required", "Field 'guests' can't be blank"));
  else {
    guests.forEach((g, i) => {
      for (const field of ["given_name", "family_name"] as const) {
        const value = g?.[field];
        if (typeof value !== "string" || value.trim() === "") errors.push(invalidField(`/guests/${i}/${field}`, "validation_required", `Field '${field}' can't be blank`));
      }
    });
    if (quote && guests.length > quote.guests.length) errors.push(invalidField("/guests", "validation_format", `The quote is for ${quote.guests.length} guest(s)`));
  }
  if (typeof data.email !== "string" || !emailPattern.test(data.email)) errors.push(invalidField("/email", "validation_format", "Field 'email' must be an email address"));
  if (typeof data.phone_number !== "string" || !e164Pattern.test(data.phone_number)) errors.push(invalidField("/phone_number", "validation_format", "Field 'phone_number' must be a phone number in E.164 format"));
  const metadata = data.metadata ?? null;
  if (metadata !== null && (typeof metadata !== "object" || Object.values(metadata).some((v) => typeof v !== "string" || v.length > 500))) {
    errors.push(invalidField("/metadata", "validation_format", "Field 'metadata' must map keys to strings of at most 500 characters"));
  }
  if (errors.length > 0) return errors;
  return {
    quoteId: data.quote_id as string,
    guests: guests!.map((g) => ({ given_name: g.given_name as string, family_name: g.family_name as string })),
    email: data.email as string,
    phoneNumber: data.phone_number as string,
    metadata: metadata as Record<string, string> | null,
  };
}

function bookingOf(quote: StaysQuote, request: BookingRequest): StaysBooking {
  return {
    id: duffelId("bok", quote.id, randomUUID()),
    email: request.email,
    phone_number: request.phoneNumber,
    accommodation: quote.accommodation,
    check_in_date: quote.check_in_date,
    check_out_date: quote.check_out_date,
    reference: reference(),
    status: "confirmed",
    confirmed_at: new Date().toISOString(),
    cancelled_at: null,
    guests: request.guests,
    supported_loyalty_programme: null,
    loyalty_programme_account_number: null,
    rooms: quote.rooms,
    metadata: request.metadata,
    key_collection: null,
    estimated_commission_amount: null,
    estimated_commission_currency: null,
  };
}

/** `GET /stays/bookings`: oldest first, `limit` 1–200 (default 50), the `after` cursor being the last id of the previous page. */
function listBookings(c: Context<DuffelEnv>, bookings: Map<string, StaysBooking>): Response {
  const limitParam = c.req.query("limit") ?? "50";
  const limit = Number(limitParam);
  if (!/^\d+$/.test(limitParam) || limit < 1 || limit > 200) return duffelError(c, 422, invalidParameter("limit", "validation_format", "limit must be a whole number from 1 to 200"));
  const all = [...bookings.values()];
  const after = c.req.query("after");
  const start = after === undefined ? 0 : all.findIndex((b) => b.id === Buffer.from(after, "base64url").toString()) + 1;
  if (after !== undefined && start === 0) return duffelError(c, 422, invalidParameter("after", "validation_format", "after must be a cursor from a previous page's meta"));
  const page = all.slice(start, start + limit);
  const more = start + page.length < all.length;
  return c.json({ data: page, meta: { limit, after: more ? Buffer.from(page.at(-1)!.id).toString("base64url") : null, before: null } });
}

export function duffelStayBookingsApi(quotes: Map<string, StaysQuote>, faults: DuffelFaults) {
  const bookings = new Map<string, StaysBooking>();
  // Weak: a quote the store dropped answers 404 before this is asked.
  const bookedQuotes = new WeakSet<StaysQuote>();
  const app = new Hono<DuffelEnv>();
  const known = (c: Context<DuffelEnv>) => bookings.get(c.req.param("id")!) ?? duffelError(c, 404, notFound(`booking ${c.req.param("id")}`));

  app.post("/stays/bookings", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const quoteId = data.quote_id;
    if (typeof quoteId !== "string" || quoteId === "") return duffelError(c, 422, invalidField("/quote_id", "validation_required", "Field 'quote_id' can't be blank"));
    const quote = quotes.get(quoteId);
    if (!quote) return duffelError(c, 404, notFound(`quote ${quoteId}`));
    const request = parseBooking(data, quote);
    if (Array.isArray(request)) return duffelError(c, 422, ...request);
    if (bookedQuotes.has(quote)) return duffelError(c, 422, refusals.quoteBooked);
    const fault = takeFault(faults, "stayBookings");
    if (fault?.with === "rate_unavailable") return duffelError(c, 422, refusals.rateUnavailable);
    const booking = bookingOf(quote, request);
    bookedQuotes.add(quote);
    bookings.set(booking.id, booking);
    if (bookings.size > maxStoredBookings) bookings.delete(bookings.keys().next().value!);
    if (fault?.with === "timeout") await sleep(fault.timeoutMs);
    return c.json({ data: booking }, 201);
  });

  app.get("/stays/bookings", (c) => listBookings(c, bookings));
  app.get("/stays/bookings/:id", (c) => {
    const booking = known(c);
    return booking instanceof Response ? booking : c.json({ data: booking });
  });

  app.post("/stays/bookings/:id/actions/cancel", (c) => {
    const booking = known(c);
    if (booking instanceof Response) return booking;
    if (booking.cancelled_at) return duffelError(c, 422, refusals.alreadyCancelled);
    Object.assign(booking, { status: "cancelled", cancelled_at: new Date().toISOString() });
    return c.json({ data: booking });
  });

  return app;
}
