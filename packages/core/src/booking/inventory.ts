import { timeZoneOf } from "../catalog/locations";
import type { CarOffer, FlightOffer, HotelOffer } from "../search";

/**
 * What a reservation holds, derived from the offer that search returned.
 *
 * Flights: every flight of the offer (carrier + number + date, in the offer's cabin; connections
 * and the return included) is a departure with its own seats, seat ids like `12A`; a traveller
 * holds one seat on each. The first flight is the reservation contract's `event_id`.
 *
 * Hotels: the bookable stay is the offer's hotel and room category for its nights; each night has
 * a count of rooms (available / held / sold), changed only by conditional updates.
 *
 * Cars: nothing is counted here. The supplier's reservation is the rental; the reservation's
 * event is the rental itself (vendor, car class, where and when it is picked up).
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

/**
 * A local wall-clock time (`2027-03-14T10:30:00`, as suppliers give departures) in an IANA time
 * zone, as a UTC instant. Hand-written on `Intl` (the platform's time-zone database) rather than a
 * library: it is the only time-zone arithmetic here. Unknown zone → read as UTC.
 */
export function zonedTimeToUtc(localTime: string, timeZone: string | null | undefined): string {
  const asIfUtc = Date.parse(`${localTime.slice(0, 19)}Z`);
  if (!timeZone) return new Date(asIfUtc).toISOString();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  } catch {
    return new Date(asIfUtc).toISOString();
  }
  // The zone's offset at an instant: its wall clock read as UTC, minus the instant.
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - instant;
  };
  // Two passes settle the offset across a daylight-saving change.
  let instant = asIfUtc - offsetAt(asIfUtc);
  instant = asIfUtc - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** One flight of an offer as a departure with its own seats: `FL-BA117-2027-03-14-ECONOMY`, when it leaves (UTC). */
export interface BookableFlight {
  /** Its position among the offer's flights (every itinerary's segments, in order): a hold names seats by it. */
  segment: number;
  flightNumber: string;
  eventId: string;
  startsAt: string;
  layout: SeatLayout;
}

/** Every flight of an offer, outbound then return, each a departure whose seats a hold takes. */
export function flightsOf(offer: FlightOffer): BookableFlight[] {
  const segments = offer.itineraries.flatMap((itinerary) => itinerary.segments);
  if (segments.length === 0) throw new Error(`offer ${offer.id} has no flight`);
  return segments.map((segment, index) => ({
    segment: index,
    flightNumber: segment.flightNumber,
    eventId: `FL-${segment.flightNumber}-${segment.departure.at.slice(0, 10)}-${offer.cabin}`,
    startsAt: zonedTimeToUtc(segment.departure.at, timeZoneOf(segment.departure.iataCode)),
    layout: seatLayouts[offer.cabin],
  }));
}

/** The seats a flight reservation holds on each of its flights (the first as the contract's `event_id`/`seat_ids`). */
export function seatsPerFlight(reservation: { eventId: string; seatIds: string[]; onwardSeats?: Array<{ eventId: string; seatIds: string[] }> }): Array<{ eventId: string; seatIds: string[] }> {
  // Stays and rentals hold no seats.
  if (reservation.seatIds.length === 0) return [];
  return [{ eventId: reservation.eventId, seatIds: reservation.seatIds }, ...(reservation.onwardSeats ?? [])];
}

/** Check-in time at hotels, local. */
export const hotelCheckInTime = "15:00:00";

/** `HT-<hotelId>-<checkIn>-<checkOut>-<room category>` and the nights it covers. */
export function stayOf(offer: HotelOffer, cityCode?: string): { eventId: string; startsAt: string; hotelId: string; category: string; nights: string[] } {
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
    startsAt: zonedTimeToUtc(`${offer.checkIn}T${hotelCheckInTime}`, cityCode ? timeZoneOf(cityCode) : undefined),
    hotelId: offer.hotel.hotelId,
    category,
    nights,
  };
}

/** `CR-ZE-ECMR-LAX-2027-03-14T10:00`: the rental a car offer books, and when it is picked up (UTC). */
export function rentalOf(offer: CarOffer): { eventId: string; startsAt: string } {
  return {
    eventId: `CR-${offer.vendor.code}-${offer.vehicle.acrissCode}-${offer.pickup.location}-${offer.pickup.at}`,
    startsAt: zonedTimeToUtc(offer.pickup.at, timeZoneOf(offer.pickup.location)),
  };
}
