import type { SupplierOrders } from "@travel/core/booking";
import type { ApiConfig } from "@travel/core/config";
import { CarReservations, DuffelFlightOrders, DuffelStayBookings } from "@travel/core/suppliers";

/**
 * The suppliers whose offers become their orders when booked (core/booking/supplier-orders.ts),
 * by vertical and by the supplier name their offers carry: Duffel's flight orders and stay
 * bookings, the car supplier's reservations. Amadeus-format offers stay bookings of our own. Shared by the API (hold, confirm,
 * cancel), the supplier-order subscriber and the local booking worker.
 */
export function orderSuppliersFor(config: Pick<ApiConfig, "DuffelApi" | "CarSupplierApi">): SupplierOrders {
  return {
    flights: { duffel: new DuffelFlightOrders(config.DuffelApi) },
    hotels: { duffel: new DuffelStayBookings(config.DuffelApi) },
    cars: { cars: new CarReservations(config.CarSupplierApi) },
  };
}
