import type { ReservationView } from "../booking/views";
import type { CarOffer, FlightOffer, HotelOffer } from "../search";
import type { EmailMessage } from "./email";

/** The booking emails, from the reservation as stored (events carry no personal data). */
export function bookingEmail(reservation: ReservationView, eventId: string): EmailMessage | undefined {
  const kind = reservation.status === "CONFIRMED" ? "confirmed" : reservation.status === "CANCELLED" ? "cancelled" : undefined;
  if (!kind) return undefined;
  const lines = [
    greeting(reservation),
    "",
    kind === "confirmed"
      ? `Your booking is confirmed. Order ${reservation.orderId ?? "-"}, reservation ${reservation.reservationId}.`
      : `Your booking ${reservation.reservationId} is cancelled.`,
    ...supplierLines(reservation),
    "",
    ...itinerary(reservation),
    "",
    `Travellers: ${reservation.travelers.map((t) => `${t.firstName} ${t.lastName}`).join(", ")}`,
    `Total: ${reservation.totalAmount} ${reservation.currency}`,
    ...(kind === "cancelled" ? [`Refund: ${reservation.refundedAmount ?? "0.00"} ${reservation.currency}`] : []),
    "",
    "Travel Platform",
  ];
  return {
    id: `${reservation.reservationId}-${kind}-${eventId}`,
    to: reservation.contactEmail,
    subject: `${kind === "confirmed" ? "Booking confirmed" : "Booking cancelled"}: ${title(reservation)}`,
    text: lines.join("\n"),
  };
}

/** Who gave the booking reference, as the traveller quotes it at the desk. */
const referenceGiver = { flights: "Airline", hotels: "Hotel", cars: "Rental" } as const;

/** The supplier's booking reference and e-tickets, when the booking is the supplier's order. */
function supplierLines(reservation: ReservationView): string[] {
  const order = reservation.supplierOrder;
  if (!order?.bookingReference) return [];
  const tickets = (order.documents ?? []).filter((d) => d.type === "electronic_ticket").map((d) => d.uniqueIdentifier);
  return [`${referenceGiver[reservation.vertical]} booking reference: ${order.bookingReference}`, ...(tickets.length > 0 ? [`E-tickets: ${tickets.join(", ")}`] : [])];
}

/** A cancellation quote in writing: what cancelling gives back, until when, and how to confirm it. */
export function cancellationQuoteEmail(reservation: ReservationView, quote: { eventId: string; quoteId: string; refundAmount: string; currency: string; expiresAt: string }): EmailMessage {
  const lines = [
    greeting(reservation),
    "",
    `You asked what cancelling your booking ${reservation.reservationId} would give back.`,
    ...supplierLines(reservation),
    "",
    `Refund if you cancel now: ${quote.refundAmount} ${quote.currency}, to the card you paid with.`,
    `This quote (${quote.quoteId}) stands until ${quote.expiresAt.replace("T", " ").slice(0, 16)} UTC; cancel with it before then, or ask again.`,
    "Nothing is cancelled until you confirm.",
    "",
    ...itinerary(reservation),
    "",
    "Travel Platform",
  ];
  return {
    id: `${reservation.reservationId}-cancellation-quote-${quote.eventId}`,
    to: reservation.contactEmail,
    subject: `Your cancellation quote: ${title(reservation)}`,
    text: lines.join("\n"),
  };
}

/** The supplier refused to hold the booking: our hold was released, nothing was charged. */
export function supplierRefusalEmail(reservation: ReservationView, eventId: string): EmailMessage {
  const supplier = reservation.supplierOrder?.supplier ?? "the airline";
  const lines = [
    greeting(reservation),
    "",
    `We could not hold your booking ${reservation.reservationId} with ${supplier}${reservation.supplierOrder?.failure ? `: ${reservation.supplierOrder.failure}` : "."}`,
    "The seats we held for you were released, and nothing was charged. Search again for current offers.",
    "",
    ...itinerary(reservation),
    "",
    "Travel Platform",
  ];
  return {
    id: `${reservation.reservationId}-supplier-refused-${eventId}`,
    to: reservation.contactEmail,
    subject: `We could not hold your booking: ${title(reservation)}`,
    text: lines.join("\n"),
  };
}

/** The airline changed the booked flights: what changed, and what the traveller may do about it. */
export function airlineChangeEmail(reservation: ReservationView, eventId: string): EmailMessage | undefined {
  const change = reservation.airlineChange;
  if (!change) return undefined;
  const flights = (slices: NonNullable<ReservationView["airlineChange"]>["added"]) =>
    slices.flatMap((slice) => slice.flights.map((f) => `  ${f.flightNumber}  ${f.origin} ${f.departingAt.replace("T", " ")}  ->  ${f.destination} ${f.arrivingAt.replace("T", " ")}`));
  const choices = [
    ...(change.availableActions.includes("accept") ? ["accept the new flights (Accept the change in your booking)"] : []),
    "cancel the booking (ask for a cancellation quote first: it says what you get back)",
  ];
  const lines = [
    greeting(reservation),
    "",
    `The airline has changed the flights of your booking ${reservation.reservationId}.`,
    ...supplierLines(reservation),
    "",
    "Booked:",
    ...flights(change.removed),
    "Now:",
    ...flights(change.added),
    "",
    `You can ${choices.join(", or ")}.`,
    "",
    "Travel Platform",
  ];
  return {
    id: `${reservation.reservationId}-airline-change-${eventId}`,
    to: reservation.contactEmail,
    subject: `The airline changed your flights: ${title(reservation)}`,
    text: lines.join("\n"),
  };
}

function greeting(reservation: ReservationView): string {
  const lead = reservation.travelers[0];
  return `Hello ${lead ? `${lead.firstName} ${lead.lastName}` : "traveller"},`;
}

function title(reservation: ReservationView): string {
  if (reservation.vertical === "cars") {
    const offer = reservation.itinerary as CarOffer;
    return `${offer.vendor.name} ${offer.vehicle.makeModel}, ${offer.pickup.location} ${offer.pickup.at.replace("T", " ")}`;
  }
  if (reservation.vertical === "hotels") {
    const offer = reservation.itinerary as HotelOffer;
    return `${offer.hotel.name}, ${offer.checkIn} to ${offer.checkOut}`;
  }
  const offer = reservation.itinerary as FlightOffer;
  const segments = offer.itineraries[0]?.segments ?? [];
  return `${segments[0]?.departure.iataCode ?? "?"} to ${segments.at(-1)?.arrival.iataCode ?? "?"}, ${segments[0]?.departure.at.slice(0, 10) ?? ""}`;
}

function itinerary(reservation: ReservationView): string[] {
  if (reservation.vertical === "cars") {
    const offer = reservation.itinerary as CarOffer;
    return [
      `${offer.vendor.name}: ${offer.vehicle.makeModel} (${offer.vehicle.category}, ${offer.vehicle.acrissCode})`,
      `Pick-up ${offer.pickup.location} ${offer.pickup.at.replace("T", " ")}, drop-off ${offer.dropoff.location} ${offer.dropoff.at.replace("T", " ")}`,
    ];
  }
  if (reservation.vertical === "hotels") {
    const offer = reservation.itinerary as HotelOffer;
    return [
      `${offer.hotel.name} (${offer.hotel.rating}*)`,
      `Check-in ${offer.checkIn}, check-out ${offer.checkOut} (${offer.nights} night(s))`,
      `${reservation.quantity} x ${offer.room.category} room, ${offer.boardType}`,
    ];
  }
  const offer = reservation.itinerary as FlightOffer;
  const lines = offer.itineraries.flatMap((it, index) => [
    index === 0 ? "Outbound" : "Return",
    ...it.segments.map((s) => `  ${s.flightNumber}  ${s.departure.iataCode} ${s.departure.at.replace("T", " ")}  ->  ${s.arrival.iataCode} ${s.arrival.at.replace("T", " ")}`),
  ]);
  return [...lines, `Cabin ${offer.cabin}, seats ${reservation.seatIds.join(", ")}`];
}
