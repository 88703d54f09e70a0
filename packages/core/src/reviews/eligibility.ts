import { zonedTimeToUtc } from "../booking/inventory";
import type { ReservationStatus } from "../booking/statuses";
import { timeZoneOf } from "../catalog/locations";
import type { CarOffer, FlightOffer, HotelOffer } from "../search";
import { hotelReviewOpensAtUtc, reviewEditWindowMs, type ReviewSubjectKind } from "./policy";

/** What a review is about: a hotel (the supplier's hotel id) or an airline (its IATA code). */
export interface ReviewSubject {
  kind: ReviewSubjectKind;
  id: string;
  name: string;
}

/** The parts of a reservation a review's eligibility depends on. */
export interface ReviewableReservation {
  userId: string;
  status: ReservationStatus;
  vertical: "flights" | "hotels" | "cars";
  itinerary: FlightOffer | HotelOffer | CarOffer;
}

export type Eligibility =
  | { ok: { subject: ReviewSubject; opensAt: string } }
  | { refused: { code: "not_found" } }
  | { refused: { code: "not_reviewable"; reason: string } }
  | { refused: { code: "not_yet_open"; opensAt: string } };

/** The subject a reservation can be reviewed for, and from when; cars are not reviewed here. */
export function reviewSubjectOf(reservation: Pick<ReviewableReservation, "vertical" | "itinerary">): { subject: ReviewSubject; opensAt: string } | undefined {
  if (reservation.vertical === "hotels") {
    const offer = reservation.itinerary as HotelOffer;
    return { subject: { kind: "hotel", id: offer.hotel.hotelId, name: offer.hotel.name }, opensAt: new Date(`${offer.checkOut}T${hotelReviewOpensAtUtc}Z`).toISOString() };
  }
  if (reservation.vertical === "flights") {
    const offer = reservation.itinerary as FlightOffer;
    const first = offer.itineraries[0]?.segments[0];
    if (!first) return undefined;
    // The first flight's departure, a local time at its airport, as an instant.
    return { subject: { kind: "airline", id: offer.validatingCarrier.code, name: offer.validatingCarrier.name }, opensAt: zonedTimeToUtc(first.departure.at, timeZoneOf(first.departure.iataCode)) };
  }
  return undefined;
}

/**
 * May `userId` review `reservation` at `now`? Only its own traveller (anyone else: not found, so a
 * reservation's existence is not revealed), only CONFIRMED, only once the stay has checked out or
 * the first flight has departed.
 */
export function reviewEligibility(reservation: ReviewableReservation | undefined, userId: string, now: number): Eligibility {
  if (!reservation || reservation.userId !== userId) return { refused: { code: "not_found" } };
  const about = reviewSubjectOf(reservation);
  if (!about) return { refused: { code: "not_reviewable", reason: "car rentals are not reviewed" } };
  if (reservation.status !== "CONFIRMED") return { refused: { code: "not_reviewable", reason: `a ${reservation.status} reservation cannot be reviewed: only a confirmed trip` } };
  if (now < Date.parse(about.opensAt)) return { refused: { code: "not_yet_open", opensAt: about.opensAt } };
  return { ok: about };
}

/** Until when a review written at `createdAt` may be changed by its author. */
export function reviewEditableUntil(createdAt: string): string {
  return new Date(Date.parse(createdAt) + reviewEditWindowMs).toISOString();
}
