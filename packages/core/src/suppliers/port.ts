import type { FlightOffer, FlightSearchCriteria } from "../search/flights";
import type { HotelOffer, HotelSearchCriteria, HotelSummary } from "../search/hotels";
import type { CarOffer, CarSearchCriteria } from "../search/cars";

/**
 * What the platform needs from a travel content supplier. Adapters translate to one supplier's
 * wire format; the search service only sees this port.
 */
export interface SupplierClient {
  readonly name: string;
  searchFlights(criteria: FlightSearchCriteria, signal?: AbortSignal): Promise<FlightOffer[]>;
  /** The hotels of a city, nearest the centre first. */
  listHotels(cityCode: string, signal?: AbortSignal): Promise<HotelSummary[]>;
  /** Offers for a stay at these hotels. */
  searchHotelOffers(hotels: HotelSummary[], criteria: HotelSearchCriteria, signal?: AbortSignal): Promise<HotelOffer[]>;
}

/** A car rental supplier. */
export interface CarSupplierClient {
  readonly name: string;
  searchCars(criteria: CarSearchCriteria, signal?: AbortSignal): Promise<CarOffer[]>;
}

/** A supplier call failed. `retryable` is true for timeouts, network errors and 5xx/429. */
export class SupplierError extends Error {
  override name = "SupplierError";
  constructor(
    message: string,
    readonly supplier: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
