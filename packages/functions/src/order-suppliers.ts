import type { FlightOrderSupplier } from "@travel/core/booking";
import type { ApiConfig } from "@travel/core/config";
import { DuffelFlightOrders } from "@travel/core/suppliers";

/**
 * The suppliers whose offers become their orders when booked (core/booking/supplier-orders.ts), by
 * the supplier name their offers carry: Duffel. Amadeus-format offers stay bookings of our own.
 * Shared by the API (hold, confirm), the supplier-order subscriber and the local booking worker.
 */
export function orderSuppliersFor(config: Pick<ApiConfig, "DuffelApi">): Record<string, FlightOrderSupplier> {
  return { duffel: new DuffelFlightOrders(config.DuffelApi) };
}
