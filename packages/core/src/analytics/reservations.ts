import type { AirlineChangeEventDetail, CancellationQuotedEventDetail, ReservationEventDetail, ReviewEventDetail, SupplierOrderEventDetail } from "../events/catalog";
import { toMinorUnits } from "../payments/port";
import { FactBuffer, minuteOf, visitorHash, type AnalyticsFacts } from "./facts";
import { counters, type ReservationOutcome } from "./metrics";

const outcomes: Record<ReservationEventDetail["status"], ReservationOutcome> = {
  HOLD: "held",
  CONFIRMED: "confirmed",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
};

/**
 * What a reservation event adds to the aggregates: its outcome, money (revenue on confirmation,
 * refunds on cancellation, in minor units), and the traveller among the holders or buyers (the
 * same hash as their searches, so the funnel counts people, not events).
 */
export function factsFromReservation(detail: ReservationEventDetail): AnalyticsFacts {
  const at = minuteOf(Date.parse(detail.occurredAt));
  const buffer = new FactBuffer();
  const { currency, totalAmount, refundedAmount, userId } = detail.reservation;
  buffer.count(at, counters.reservations(outcomes[detail.status]));
  const visitor = visitorHash(`user:${userId}`);
  if (detail.status === "HOLD") buffer.unique(at, "holders", visitor);
  if (detail.status === "CONFIRMED") {
    buffer.unique(at, "buyers", visitor);
    buffer.count(at, counters.revenue(currency), toMinorUnits(totalAmount, currency));
  }
  if (detail.status === "CANCELLED" && refundedAmount) buffer.count(at, counters.refunds(currency), toMinorUnits(refundedAmount, currency));
  return buffer.drain();
}

/** An airline's change to a booked journey, counted per supplier. */
export function factsFromAirlineChange(detail: AirlineChangeEventDetail): AnalyticsFacts {
  const buffer = new FactBuffer();
  buffer.count(minuteOf(Date.parse(detail.occurredAt)), counters.airlineChanges(detail.supplier));
  return buffer.drain();
}

/** A supplier's answer to a booking's order: placed or refused, per supplier. */
export function factsFromSupplierOrder(detail: SupplierOrderEventDetail, outcome: "placed" | "failed"): AnalyticsFacts {
  const buffer = new FactBuffer();
  buffer.count(minuteOf(Date.parse(detail.occurredAt)), counters.supplierOrders(detail.supplier, outcome));
  return buffer.drain();
}

/** A cancellation quote: one more quote, and what it offered back. */
export function factsFromCancellationQuote(detail: CancellationQuotedEventDetail): AnalyticsFacts {
  const buffer = new FactBuffer();
  const at = minuteOf(Date.parse(detail.occurredAt));
  buffer.count(at, counters.cancellationQuotes(detail.currency));
  buffer.count(at, counters.quotedRefunds(detail.currency), toMinorUnits(detail.refundAmount, detail.currency));
  return buffer.drain();
}

/** A review event, counted by what happened to it and the kind of subject: submitted, approved or removed (rejected ones too). */
export function factsFromReview(detail: ReviewEventDetail, happened: "submitted" | "approved" | "removed"): AnalyticsFacts {
  const buffer = new FactBuffer();
  // An edited review published again was counted as approved once already.
  if (happened === "approved" && detail.edited) return buffer.drain();
  buffer.count(minuteOf(Date.parse(detail.occurredAt)), counters.reviews(detail.subject.kind, happened));
  return buffer.drain();
}
