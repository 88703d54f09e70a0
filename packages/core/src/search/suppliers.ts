import type { CarOffer, CarSearchCriteria } from "./cars";
import type { FlightOffer, FlightSearchCriteria } from "./flights";
import type { HotelOffer, HotelSearchCriteria, HotelSummary } from "./hotels";

/**
 * What search needs from a travel content supplier, one port per vertical. Search declares these
 * and adapters (core/suppliers) implement them in one supplier's wire format, so the dependency
 * runs one way: adapters know search's offers, search never knows an adapter. A supplier that
 * sells several verticals implements several ports.
 */
export interface SupplierClient {
  /** Stable: it names the supplier in offers, cache tags, metrics and health. */
  readonly name: string;
}

export interface FlightSupplierClient extends SupplierClient {
  searchFlights(criteria: FlightSearchCriteria, signal?: AbortSignal): Promise<FlightOffer[]>;
}

export interface HotelSupplierClient extends SupplierClient {
  /** The hotels of a city, nearest the centre first. */
  listHotels(cityCode: string, signal?: AbortSignal): Promise<HotelSummary[]>;
  /** Offers for a stay at these hotels. */
  searchHotelOffers(hotels: HotelSummary[], criteria: HotelSearchCriteria, signal?: AbortSignal): Promise<HotelOffer[]>;
}

export interface CarSupplierClient extends SupplierClient {
  searchCars(criteria: CarSearchCriteria, signal?: AbortSignal): Promise<CarOffer[]>;
}

/** The supplier that answers each vertical's searches (keyed like an offer's `vertical`). */
export interface SearchSuppliers {
  flights: FlightSupplierClient;
  hotels: HotelSupplierClient;
  cars: CarSupplierClient;
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

/** The supplier cannot be called right now (circuit open or too many calls in flight). */
export class SupplierUnavailableError extends SupplierError {
  override name = "SupplierUnavailableError";
  constructor(
    supplier: string,
    reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${supplier} is unavailable: ${reason}`, supplier, 503, true);
  }
}
