import type { FlightOffer, HotelOffer } from "../search";

/**
 * What a reservation holds, derived from the offer that search returned.
 *
 * Flights: the bookable departure is the offer's first flight (carrier + number + date) in the
 * offer's cabin; its seat map is laid out per cabin, seat ids like `12A`. Later segments of a
 * connection or a return are ticketed by the supplier with the order and are not seat-mapped here.
 *
 * Hotels: the bookable stay is the offer's hotel and room category for its nights; each night has
 * a count of rooms (available / held / sold), changed only by conditional updates.
 */
export interface SeatLayout {
  cabin: FlightOffer["cabin"];
  fareClass: string;
  rows: readonly [number, number];
  letters: readonly string[];
}

/** Seat maps per cabin: rows and seat letters (a narrow-body-ish layout, deterministic). */
export const seatLayouts: Record<FlightOffer["cabin"], SeatLayout> = {
  FIRST: { cabin: "FIRST", fareClass: "F", rows: [1, 2], letters: ["A", "D", "G", "K"] },
  BUSINESS: { cabin: "BUSINESS", fareClass: "J", rows: [3, 8], letters: ["A", "C", "D", "F"] },
  PREMIUM_ECONOMY: { cabin: "PREMIUM_ECONOMY", fareClass: "W", rows: [10, 13], letters: ["A", "B", "C", "D", "E", "F"] },
  ECONOMY: { cabin: "ECONOMY", fareClass: "Y", rows: [14, 43], letters: ["A", "B", "C", "D", "E", "F"] },
};

/** Rooms of each category a hotel has per night, before anyone books. */
export const roomsPerCategoryPerNight = 8;

export function seatIdsOf(layout: SeatLayout): string[] {
  const ids: string[] = [];
  for (let row = layout.rows[0]; row <= layout.rows[1]; row++) for (const letter of layout.letters) ids.push(`${row}${letter}`);
  return ids;
}

export function rowOf(seatId: string): number {
  return Number.parseInt(seatId, 10);
}

/** `FL-BA117-2027-03-14-ECONOMY`: the departure a flight offer books. */
export function departureOf(offer: FlightOffer): { eventId: string; startsAt: string; layout: SeatLayout } {
  const first = offer.itineraries[0]?.segments[0];
  if (!first) throw new Error(`offer ${offer.id} has no flight`);
  const date = first.departure.at.slice(0, 10);
  return { eventId: `FL-${first.flightNumber}-${date}-${offer.cabin}`, startsAt: first.departure.at, layout: seatLayouts[offer.cabin] };
}

/** `HT-<hotelId>-<checkIn>-<checkOut>-<room category>` and the nights it covers. */
export function stayOf(offer: HotelOffer): { eventId: string; startsAt: string; hotelId: string; category: string; nights: string[] } {
  const nights: string[] = [];
  const day = new Date(`${offer.checkIn}T00:00:00Z`);
  const end = new Date(`${offer.checkOut}T00:00:00Z`);
  while (day < end) {
    nights.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  const category = offer.room.category.replace(/[^A-Za-z0-9_]/g, "_");
  return {
    eventId: `HT-${offer.hotel.hotelId}-${offer.checkIn}-${offer.checkOut}-${category}`,
    startsAt: `${offer.checkIn}T15:00:00Z`,
    hotelId: offer.hotel.hotelId,
    category,
    nights,
  };
}
