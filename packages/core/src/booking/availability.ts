import type { BookingContext, FlightSeats } from "./context";
import type { BookingEntities } from "./entities";
import { BookingRefused } from "./outcomes";
import { roomsPerCategoryPerNight, rowOf, stayOf } from "./inventory";
import type { FlightSeatMapView, InventoryView, SeatState } from "./views";

/** The seats of a departure that someone holds or bought; a seat without an item is available. */
export async function seatStates(entities: BookingEntities, eventId: string): Promise<Map<string, SeatState>> {
  const { data } = await entities.Seat.query.byDeparture({ eventId }).go({ pages: "all", consistent: true });
  return new Map(data.map((seat) => [seat.seatId, seat.status]));
}

export async function firstFreeSeats(entities: BookingEntities, eventId: string, layout: string[], count: number): Promise<string[]> {
  const states = await seatStates(entities, eventId);
  return layout.filter((seatId) => (states.get(seatId) ?? "AVAILABLE") === "AVAILABLE").slice(0, count);
}

async function roomCounts(entities: BookingEntities, hotelId: string, category: string, nights: string[]) {
  const { data } = await entities.RoomNight.query.byHotel({ hotelId }).go({ pages: "all" });
  const byNight = new Map(data.filter((d) => d.category === category).map((d) => [d.night, d]));
  return nights.map((night) => {
    const counts = byNight.get(night);
    return { night, capacity: roomsPerCategoryPerNight, available: counts?.available ?? roomsPerCategoryPerNight, held: counts?.held ?? 0, sold: counts?.sold ?? 0 };
  });
}

/** One flight's seats: ours (held, sold) over the supplier's (for sale or not, at a price). */
async function flightSeatMap(entities: BookingEntities, { flight, layout, supplier, atSupplier }: FlightSeats): Promise<FlightSeatMapView> {
  const taken = await seatStates(entities, flight.eventId);
  const seats = layout.map((seatId) => {
    const sold = atSupplier.get(seatId);
    const status: SeatState = taken.get(seatId) ?? (sold && !sold.available ? "UNAVAILABLE" : "AVAILABLE");
    return { seatId, row: rowOf(seatId), letter: seatId.replace(/^\d+/, ""), status, ...(sold?.price ? { price: sold.price } : {}) };
  });
  return {
    segment: flight.segment,
    flightNumber: flight.flightNumber,
    departsAt: flight.startsAt,
    eventId: flight.eventId,
    seatsAvailable: seats.filter((s) => s.status === "AVAILABLE").length,
    seatMapSource: supplier ? "supplier" : "layout",
    seats,
  };
}

/** The seat maps of a flight offer's flights, or room availability for a hotel offer's nights. */
export async function availabilityOf(context: BookingContext, offerId: string): Promise<InventoryView> {
  const quote = await context.quote(offerId);
  if (quote.vertical === "flights") {
    const flights = await context.seatsOf(quote);
    const segments = await Promise.all(flights.map((flight) => flightSeatMap(context.entities, flight)));
    const first = segments[0]!;
    const { layout } = flights[0]!.flight;
    return {
      vertical: "flights",
      offerId,
      eventId: first.eventId,
      cabin: layout.cabin,
      fareClass: layout.fareClass,
      seatsAvailable: first.seatsAvailable,
      seatMapSource: first.seatMapSource,
      seats: first.seats,
      segments,
    };
  }
  if (quote.vertical === "cars") {
    throw new BookingRefused("invalid-selection", `offer ${offerId} is a car rental: it has no seat map or rooms, hold it with POST /v1/reservations`);
  }
  const stay = stayOf(quote.offer);
  const counts = await roomCounts(context.entities, stay.hotelId, stay.category, stay.nights);
  return {
    vertical: "hotels",
    offerId,
    eventId: stay.eventId,
    hotelId: stay.hotelId,
    roomCategory: stay.category,
    roomsAvailable: Math.min(...counts.map((n) => n.available)),
    nights: counts,
  };
}
