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
  /**
   * The offer as the supplier sells it now (the same `id`), or undefined when it no longer does.
   * Without it, an offer is re-priced by asking its search question again.
   */
  repriceFlight?(offer: FlightOffer, criteria: FlightSearchCriteria, signal?: AbortSignal): Promise<FlightOffer | undefined>;
  /** The seats of each flight of the offer as the supplier sells them; without it, seats are laid out here. */
  seatMaps?(offer: FlightOffer, signal?: AbortSignal): Promise<SupplierSeatMap[]>;
}

/** One flight's seats as its supplier sells them. */
export interface SupplierSeatMap {
  flightNumber: string;
  seats: Array<{ seatId: string; available: boolean; price: { amount: string; currency: string } | null }>;
}

/** What a stay search gives a supplier besides the question. */
export interface StaySearchContext {
  /** The city's centre, for suppliers that search around coordinates. */
  centre(): Promise<{ latitude: number; longitude: number }>;
  /**
   * Reference data the supplier keeps about the city (its hotel list), cached for a day under
   * `what`, so a missed stay search usually costs one supplier call, not two.
   */
  remember(what: string, load: () => Promise<HotelSummary[]>): Promise<HotelSummary[]>;
}

export interface HotelSupplierClient extends SupplierClient {
  /** Offers for a stay in the city: its hotels near the centre, each room and rate. */
  searchHotels(criteria: HotelSearchCriteria, context: StaySearchContext, signal?: AbortSignal): Promise<HotelOffer[]>;
  /** As repriceFlight: the rate as sold now, or undefined when it is gone. */
  repriceHotel?(offer: HotelOffer, criteria: HotelSearchCriteria, signal?: AbortSignal): Promise<HotelOffer | undefined>;
}

export interface CarSupplierClient extends SupplierClient {
  searchCars(criteria: CarSearchCriteria, signal?: AbortSignal): Promise<CarOffer[]>;
}

/**
 * The suppliers asked for each vertical's searches (keyed like an offer's `vertical`), in the
 * configured order: a search asks all of them side by side and merges their answers.
 */
export interface SearchSuppliers {
  flights: readonly FlightSupplierClient[];
  hotels: readonly HotelSupplierClient[];
  cars: readonly CarSupplierClient[];
}

/** Why a supplier call failed, as `meta.suppliers` and the problem types tell it. */
export type SupplierFailure = "timeout" | "circuit-open" | "error";

/** A supplier call failed. `retryable` is true for timeouts, network errors and 5xx/429. */
export class SupplierError extends Error {
  override name = "SupplierError";
  constructor(
    message: string,
    readonly supplier: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    options?: { cause?: unknown; timedOut?: boolean; code?: string | undefined },
  ) {
    super(message, options);
    this.timedOut = options?.timedOut ?? false;
    this.code = options?.code;
  }

  /** The supplier did not answer within its timeout. */
  readonly timedOut: boolean;
  /** The supplier's own error code, when it gave one (Duffel's `errors[].code`). */
  readonly code: string | undefined;
}

/** The supplier cannot be called right now (circuit open or too many calls in flight). */
export class SupplierUnavailableError extends SupplierError {
  override name = "SupplierUnavailableError";
  constructor(
    supplier: string,
    readonly reason: "circuit-open" | "overloaded",
    readonly retryAfterSeconds: number,
  ) {
    super(`${supplier} is unavailable: ${reason === "circuit-open" ? "circuit open after repeated failures" : "too many calls in flight"}`, supplier, 503, true);
  }
}
