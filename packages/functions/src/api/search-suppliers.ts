import type { ApiConfig } from "@travel/core/config";
import type { SearchSuppliers } from "@travel/core/search";
import {
  AmadeusSupplier,
  CarRentalSupplier,
  DuffelSupplier,
  resilient,
  type Resilient,
  type SupplierResilienceSettings,
} from "@travel/core/suppliers";

/**
 * The suppliers of each vertical, from the `SearchSuppliers` link (FLIGHT_SUPPLIERS,
 * STAY_SUPPLIERS): one adapter per supplier, each behind its own guard (timeout in the adapter;
 * retries, circuit breaker and bulkhead in `resilient`), shared by the verticals it sells, so a
 * supplier failing in flights also opens its circuit for stays, and never another supplier's.
 */
export function searchSuppliersFor(config: Pick<ApiConfig, "SearchSuppliers" | "SupplierApi" | "DuffelApi" | "CarSupplierApi">, resilience?: Partial<SupplierResilienceSettings>) {
  const amadeus = new AmadeusSupplier(config.SupplierApi);
  const cars = new CarRentalSupplier(config.CarSupplierApi);
  const guarded = {
    amadeus: resilient(amadeus, resilience),
    duffel: resilient(new DuffelSupplier(config.DuffelApi), resilience),
    cars: resilient(cars, resilience),
  };
  const suppliers: SearchSuppliers = {
    flights: config.SearchSuppliers.flights.map((name) => guarded[name]),
    hotels: config.SearchSuppliers.stays.map((name) => guarded[name]),
    cars: [guarded.cars],
  };
  const used = new Set<string>([...config.SearchSuppliers.flights, ...config.SearchSuppliers.stays, "cars"]);
  const inUse: Array<Resilient<AmadeusSupplier> | Resilient<DuffelSupplier> | Resilient<CarRentalSupplier>> = Object.values(guarded).filter((s) => used.has(s.name));
  return {
    suppliers,
    /** Every supplier asked by some vertical: for health, metrics and analytics. */
    inUse,
    /** Tokens fetched before taking traffic (Duffel's is a static bearer token). */
    warmUp: async () => {
      await Promise.all([used.has("amadeus") ? amadeus.warmUp() : undefined, cars.warmUp()]);
    },
  };
}

