import type { BookingService } from "../booking/service";
import type { TripLookup } from "./service";

/** Booking's answer to "is this the traveller's reservation, and what was it": the review service's TripLookup. */
export function tripsFromBooking(booking: Pick<BookingService, "get">): TripLookup {
  return {
    async trip(userId, reservationId) {
      const outcome = await booking.get(userId, reservationId);
      return "ok" in outcome ? { userId, status: outcome.ok.status, vertical: outcome.ok.vertical, itinerary: outcome.ok.itinerary } : undefined;
    },
  };
}
