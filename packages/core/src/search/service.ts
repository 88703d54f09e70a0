import type { Catalog, Destination, DestinationDetails, DestinationSuggestion } from "../catalog/catalog";
import { cityCodeOf, normalizeText, popularCityCodes, type DestinationType } from "../catalog";
import type { CachedResult, SearchCache } from "../cache/search-cache";
import { carSearchCacheKey, refineCarOffers, toCarCriteria, type CarOffer, type CarSearchCriteria, type CarSearchQuery } from "./cars";
import { flightSearchCacheKey, refineFlightOffers, toFlightCriteria, type FlightOffer, type FlightSearchCriteria, type FlightSearchQuery } from "./flights";
import { hotelSearchCacheKey, refineHotelOffers, toHotelCriteria, type HotelOffer, type HotelSearchCriteria, type HotelSearchQuery, type HotelSummary } from "./hotels";
import type { OfferOrigin, OfferRegistry } from "./offers";
import type { SearchSuppliers } from "./suppliers";

export type CacheInfo = Omit<CachedResult<unknown>, "value">;

export interface SearchResult<T> {
  data: T[];
  cache: CacheInfo;
}

export class OfferNotFoundError extends Error {
  override name = "OfferNotFoundError";
}

/** The offer cannot be booked any more: past its validity, or the supplier no longer sells it. */
export class OfferGoneError extends Error {
  override name = "OfferGoneError";
  constructor(
    message: string,
    readonly reason: "expired" | "unavailable",
  ) {
    super(message);
  }
}

export type AnyOffer = FlightOffer | HotelOffer | CarOffer;

/** An offer with the search question that produced it. */
export type QuotedOffer =
  | { vertical: "flights"; criteria: FlightSearchCriteria; offer: FlightOffer; validUntil: string }
  | { vertical: "hotels"; criteria: HotelSearchCriteria; offer: HotelOffer; validUntil: string }
  | { vertical: "cars"; criteria: CarSearchCriteria; offer: CarOffer; validUntil: string };

export interface RepricedOffer {
  offer: AnyOffer;
  vertical: OfferOrigin["vertical"];
  searchedAt: string;
  validUntil: string;
  previousTotal: string;
  priceChanged: boolean;
}

export interface SearchServiceDeps {
  suppliers: SearchSuppliers;
  cache: SearchCache;
  catalog: Catalog;
  offers: OfferRegistry;
  now?: () => number;
}

/** The city a code belongs to (a city code is its own city), for invalidation tags. */
function cityTag(code: string): string {
  return `city:${cityCodeOf(code) ?? code}`;
}

/**
 * Refined lists per cached answer: the cache hands back the same (immutable) offers object for as
 * long as the entry lives, so sorting and filtering it for a given sort/maxPrice is done once.
 */
const refinedLists = new WeakMap<object, Map<string, unknown[]>>();

function memoRefined<T>(offers: T[], refinement: string, refine: () => T[]): T[] {
  let byRefinement = refinedLists.get(offers);
  if (!byRefinement) refinedLists.set(offers, (byRefinement = new Map()));
  let refined = byRefinement.get(refinement) as T[] | undefined;
  if (!refined) byRefinement.set(refinement, (refined = refine()));
  return refined;
}

/** Searches answer from the cache when they can and ask the supplier when they must. */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  async searchFlights(query: FlightSearchQuery): Promise<SearchResult<FlightOffer>> {
    const { suppliers, cache } = this.deps;
    const { value, ...info } = await cache.getOrLoad({
      type: "flights",
      key: flightSearchCacheKey(query),
      tags: [`route:${query.origin}-${query.destination}`, cityTag(query.origin), cityTag(query.destination), `supplier:${suppliers.flights.name}`],
      load: () => this.fetchAndRemember<FlightOffer>({ vertical: "flights", criteria: toFlightCriteria(query) }),
    });
    return { data: memoRefined(value, `${query.sort}|${query.maxPrice ?? ""}`, () => refineFlightOffers(value, query)), cache: info };
  }

  async searchHotels(query: HotelSearchQuery): Promise<SearchResult<HotelOffer>> {
    const { suppliers: { hotels: supplier }, cache } = this.deps;
    const { value, ...info } = await cache.getOrLoad({
      type: "hotels",
      key: hotelSearchCacheKey(query),
      // `hotels:` is what bookings invalidate: room availability, not the city's flights.
      tags: [`city:${query.cityCode}`, `hotels:${query.cityCode}`, `supplier:${supplier.name}`],
      load: async () => {
        // The city's hotel list is reference data with its own (day-long) cache entry, so a
        // missed stay usually costs one supplier call (offers), not two.
        const { value: hotels } = await cache.getOrLoad({
          type: "hotelDirectory",
          key: query.cityCode,
          tags: [`city:${query.cityCode}`, `supplier:${supplier.name}`],
          load: () => supplier.listHotels(query.cityCode),
        });
        return this.fetchAndRemember<HotelOffer>({ vertical: "hotels", criteria: toHotelCriteria(query) }, hotels);
      },
    });
    return { data: memoRefined(value, `${query.sort}|${query.minRating}|${query.minPrice}|${query.maxPrice}|${query.amenities}`, () => refineHotelOffers([...value], query)), cache: info };
  }

  async searchCars(query: CarSearchQuery): Promise<SearchResult<CarOffer>> {
    const { suppliers, cache } = this.deps;
    const criteria = toCarCriteria(query);
    const { value, ...info } = await cache.getOrLoad({
      type: "cars",
      key: carSearchCacheKey(query),
      tags: [cityTag(criteria.pickupLocation), cityTag(criteria.dropoffLocation), `supplier:${suppliers.cars.name}`],
      load: () => this.fetchAndRemember<CarOffer>({ vertical: "cars", criteria }),
    });
    return { data: memoRefined(value, `${query.sort}|${query.carType ?? ""}`, () => refineCarOffers(value, query)), cache: info };
  }

  /**
   * The offer as last quoted (by its search or a re-price), for booking it: quotes are honoured
   * for their validity window without asking the supplier again.
   */
  async quotedOffer(id: string): Promise<QuotedOffer> {
    const record = await this.deps.offers.find(id);
    if (!record) throw new OfferNotFoundError(`no offer ${id} was found; offers come from a search`);
    if (Date.parse(record.validUntil) < (this.deps.now ?? Date.now)()) {
      throw new OfferGoneError(`offer ${id} expired at ${record.validUntil}; search again for current offers`, "expired");
    }
    const offer = record.offer ?? (await this.repriceOffer(id)).offer;
    return { ...record, offer } as QuotedOffer;
  }

  /**
   * Re-price an offer before booking: ask its supplier the original question again (never from
   * cache) and return the offer as it is sold now.
   */
  async repriceOffer(id: string): Promise<RepricedOffer> {
    const record = await this.deps.offers.find(id);
    if (!record) throw new OfferNotFoundError(`no offer ${id} was found; offers come from a search`);
    if (Date.parse(record.validUntil) < (this.deps.now ?? Date.now)()) {
      throw new OfferGoneError(`offer ${id} expired at ${record.validUntil}; search again for current offers`, "expired");
    }
    const current = await this.fetch(record);
    const offer = current.find((o) => o.id === id);
    if (!offer) throw new OfferGoneError(`offer ${id} is no longer sold by the supplier; search again`, "unavailable");
    await this.deps.offers.requote(record, offer);
    return {
      offer,
      vertical: record.vertical,
      searchedAt: record.searchedAt,
      validUntil: record.validUntil,
      previousTotal: record.total,
      priceChanged: offer.price.total !== record.total,
    };
  }

  private async fetch(origin: OfferOrigin, knownHotels?: HotelSummary[]): Promise<AnyOffer[]> {
    const { suppliers, cache } = this.deps;
    switch (origin.vertical) {
      case "flights":
        return suppliers.flights.searchFlights(origin.criteria);
      case "cars":
        return suppliers.cars.searchCars(origin.criteria);
      case "hotels": {
        const supplier = suppliers.hotels;
        const hotels =
          knownHotels ??
          (
            await cache.getOrLoad({
              type: "hotelDirectory",
              key: origin.criteria.cityCode,
              tags: [`city:${origin.criteria.cityCode}`, `supplier:${supplier.name}`],
              load: () => supplier.listHotels(origin.criteria.cityCode),
            })
          ).value;
        return supplier.searchHotelOffers(hotels, origin.criteria);
      }
    }
  }

  private async fetchAndRemember<T extends AnyOffer>(origin: OfferOrigin, knownHotels?: HotelSummary[]): Promise<T[]> {
    const offers = (await this.fetch(origin, knownHotels)) as T[];
    await this.deps.offers.remember(origin, offers);
    return offers;
  }

  async suggestDestinations(text: string, limit: number): Promise<SearchResult<DestinationSuggestion>> {
    const { value, ...info } = await this.deps.cache.getOrLoad({
      type: "destinations",
      key: `suggest:${normalizeText(text)}:${limit}`,
      tags: ["catalog"],
      load: () => this.deps.catalog.suggest(text, limit),
    });
    return { data: value, cache: info };
  }

  /** A destination with the airports around it; undefined for an unknown code. */
  async destinationDetails(
    code: string,
    prefer: DestinationType = "airport",
  ): Promise<{ data: DestinationDetails | undefined; cache: CacheInfo }> {
    const { value, ...info } = await this.deps.cache.getOrLoad({
      type: "destinations",
      key: `details:${code}:${prefer}`,
      tags: ["catalog", cityTag(code)],
      load: async () => {
        const destination = await this.deps.catalog.getDestination(code, prefer);
        return destination ?? null;
      },
    });
    return { data: value ?? undefined, cache: info };
  }

  /** The most visited destination cities, with their details. */
  async popularDestinations(limit: number): Promise<SearchResult<Destination>> {
    const { value, ...info } = await this.deps.cache.getOrLoad({
      type: "destinations",
      key: `popular:${limit}`,
      tags: ["catalog"],
      load: async () => {
        const found = await Promise.all(popularCityCodes.slice(0, limit).map((code) => this.deps.catalog.getDestination(code, "city")));
        return found.filter((d) => d !== undefined).map(({ nearbyAirports: _nearby, ...destination }): Destination => destination);
      },
    });
    return { data: value, cache: info };
  }
}

