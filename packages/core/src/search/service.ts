import type { Catalog, Destination, DestinationDetails, DestinationSuggestion } from "../catalog/catalog";
import { cityCodeOf, normalizeText, popularCityCodes, type DestinationType } from "../catalog";
import type { CachedResult, SearchCache } from "../cache/search-cache";
import { carSearchCacheKey, refineCarOffers, toCarCriteria, type CarOffer, type CarSearchCriteria, type CarSearchQuery } from "./cars";
import { flightSearchCacheKey, refineFlightOffers, toFlightCriteria, type FlightOffer, type FlightSearchCriteria, type FlightSearchQuery } from "./flights";
import { hotelSearchCacheKey, refineHotelOffers, toHotelCriteria, type HotelOffer, type HotelSearchCriteria, type HotelSearchQuery } from "./hotels";
import type { OfferOrigin, OfferRecord, OfferRegistry } from "./offers";
import { askSideBySide, cheapestPerId, isPartial, type SideBySideAnswer, type SupplierOutcome } from "./side-by-side";
import type { SearchSuppliers, StaySearchContext, SupplierClient, SupplierSeatMap } from "./suppliers";
import { partialAnswerFreshSeconds } from "../cache/policies";
import { hotelRatingTagsOf, withComparableRatings, type VerifiedHotelRatings } from "./rated-hotels";

export type CacheInfo = Omit<CachedResult<unknown>, "value">;

export interface SearchResult<T> {
  data: T[];
  cache: CacheInfo;
}

/** A vertical's search: its offers, the cache entry they came from, and how each supplier fared. */
export interface OfferSearchResult<T> extends SearchResult<T> {
  suppliers: SupplierOutcome[];
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
  /** Our verified reviews' figures, for hotels' comparable ratings; without it, ratings leave them out. */
  verifiedRatings?: VerifiedHotelRatings;
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

/** The tags of every supplier asked, so one supplier's answers can be invalidated. */
function supplierTags(suppliers: readonly SupplierClient[]): string[] {
  return suppliers.map((s) => `supplier:${s.name}`);
}

/** An answer some supplier failed to give is refreshed sooner than a full one. */
const freshSecondsOf = (answer: SideBySideAnswer<unknown>) => (isPartial(answer) ? partialAnswerFreshSeconds : undefined);

/**
 * Searches answer from the cache when they can and ask the suppliers when they must: every
 * supplier of the vertical side by side, their answers merged into one list.
 */
export class SearchService {
  /** Each vertical's `supplier:` tags, fixed for the service's life (not rebuilt per search). */
  private readonly supplierTags: Record<keyof SearchSuppliers, string[]>;

  constructor(private readonly deps: SearchServiceDeps) {
    const { flights, hotels, cars } = deps.suppliers;
    this.supplierTags = { flights: supplierTags(flights), hotels: supplierTags(hotels), cars: supplierTags(cars) };
  }

  async searchFlights(query: FlightSearchQuery): Promise<OfferSearchResult<FlightOffer>> {
    const { suppliers, cache } = this.deps;
    const origin = { vertical: "flights", criteria: toFlightCriteria(query) } as const;
    const { value, ...info } = await cache.getOrLoad({
      type: "flights",
      key: flightSearchCacheKey(query),
      tags: [`route:${query.origin}-${query.destination}`, cityTag(query.origin), cityTag(query.destination), ...this.supplierTags.flights],
      load: () => this.askAndRemember(origin, suppliers.flights, (supplier) => supplier.searchFlights(origin.criteria)),
      freshSecondsOf,
    });
    return { data: memoRefined(value.offers, `${query.sort}|${query.maxPrice ?? ""}`, () => refineFlightOffers(value.offers, query)), suppliers: value.suppliers, cache: info };
  }

  async searchHotels(query: HotelSearchQuery): Promise<OfferSearchResult<HotelOffer>> {
    const { suppliers, cache } = this.deps;
    const origin = { vertical: "hotels", criteria: toHotelCriteria(query) } as const;
    const { value, ...info } = await cache.getOrLoad({
      type: "hotels",
      key: hotelSearchCacheKey(query),
      // `hotels:` is what bookings invalidate: room availability, not the city's flights.
      tags: [`city:${query.cityCode}`, `hotels:${query.cityCode}`, ...this.supplierTags.hotels],
      // `hotel:<id>` per hotel shown: a hotel whose verified rating changed drops every answer showing it.
      tagsOf: (answer) => hotelRatingTagsOf(answer.offers),
      load: async () => {
        const answer = await this.askAndRemember(origin, suppliers.hotels, (supplier) => supplier.searchHotels(origin.criteria, this.staySearchContext(origin.criteria.cityCode, supplier)));
        // Rated once per supplier answer, so the cached answer carries the ratings.
        return { ...answer, offers: await withComparableRatings(answer.offers, this.deps.verifiedRatings) };
      },
      freshSecondsOf,
    });
    return {
      data: memoRefined(value.offers, `${query.sort}|${query.minRating}|${query.minScore}|${query.minPrice}|${query.maxPrice}|${query.amenities}`, () => refineHotelOffers([...value.offers], query)),
      suppliers: value.suppliers,
      cache: info,
    };
  }

  async searchCars(query: CarSearchQuery): Promise<OfferSearchResult<CarOffer>> {
    const { suppliers, cache } = this.deps;
    const origin = { vertical: "cars", criteria: toCarCriteria(query) } as const;
    const { value, ...info } = await cache.getOrLoad({
      type: "cars",
      key: carSearchCacheKey(query),
      tags: [cityTag(origin.criteria.pickupLocation), cityTag(origin.criteria.dropoffLocation), ...this.supplierTags.cars],
      load: () => this.askAndRemember(origin, suppliers.cars, (supplier) => supplier.searchCars(origin.criteria)),
      freshSecondsOf,
    });
    return { data: memoRefined(value.offers, `${query.sort}|${query.carType ?? ""}`, () => refineCarOffers(value.offers, query)), suppliers: value.suppliers, cache: info };
  }

  /** What a stay search gives a supplier: the city's centre, and a day-long memory for its hotel list. */
  private staySearchContext(cityCode: string, supplier: SupplierClient): StaySearchContext {
    return {
      centre: async () => {
        const { data } = await this.destinationDetails(cityCode, "city");
        if (!data) throw new Error(`no coordinates are known for city ${cityCode}`);
        return data.location;
      },
      remember: async (what, load) =>
        (
          await this.deps.cache.getOrLoad({
            type: "hotelDirectory",
            key: `${supplier.name}:${what}:${cityCode}`,
            tags: [`city:${cityCode}`, `supplier:${supplier.name}`],
            load,
          })
        ).value,
    };
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
   * Re-price an offer before booking: ask the supplier that sold it (never the cache) for the
   * offer as it is sold now, directly where the supplier can, else by asking the original question again.
   */
  async repriceOffer(id: string): Promise<RepricedOffer> {
    const record = await this.deps.offers.find(id);
    if (!record) throw new OfferNotFoundError(`no offer ${id} was found; offers come from a search`);
    if (Date.parse(record.validUntil) < (this.deps.now ?? Date.now)()) {
      throw new OfferGoneError(`offer ${id} expired at ${record.validUntil}; search again for current offers`, "expired");
    }
    const offer = await this.askSellerAgain(id, record);
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

  /**
   * The seat maps of a flight offer's flights (one per flight, each naming its flight number) as
   * the supplier that sold it sells its seats now, or undefined when that supplier publishes none.
   */
  async seatMapsOf(quote: Extract<QuotedOffer, { vertical: "flights" }>): Promise<SupplierSeatMap[] | undefined> {
    const supplier = this.deps.suppliers.flights.find((s) => s.name === quote.offer.supplier);
    if (!supplier?.seatMaps) return undefined;
    return supplier.seatMaps(quote.offer);
  }

  /** The offer from the supplier that sold it (the first configured one for records that do not say). */
  private async askSellerAgain(id: string, record: OfferRecord): Promise<AnyOffer | undefined> {
    const { suppliers } = this.deps;
    const soldBy = record.offer?.supplier;
    const seller = <S extends SupplierClient>(list: readonly S[]): S => {
      const found = list.find((s) => s.name === soldBy) ?? list[0];
      if (!found) throw new OfferGoneError(`no supplier of ${record.vertical} is configured any more`, "unavailable");
      return found;
    };
    const sameId = (offers: AnyOffer[]) => offers.find((o) => o.id === id);
    switch (record.vertical) {
      case "flights": {
        const supplier = seller(suppliers.flights);
        const previous = record.offer as FlightOffer | undefined;
        if (supplier.repriceFlight && previous) return supplier.repriceFlight(previous, record.criteria);
        return sameId(await supplier.searchFlights(record.criteria));
      }
      case "hotels": {
        const supplier = seller(suppliers.hotels);
        const previous = record.offer as HotelOffer | undefined;
        if (supplier.repriceHotel && previous) return supplier.repriceHotel(previous, record.criteria);
        return sameId(await supplier.searchHotels(record.criteria, this.staySearchContext(record.criteria.cityCode, supplier)));
      }
      case "cars":
        return sameId(await seller(suppliers.cars).searchCars(record.criteria));
    }
  }

  /** Ask every supplier, merge the same products to the cheapest, and remember each offer's question. */
  private async askAndRemember<S extends SupplierClient, T extends AnyOffer>(
    origin: OfferOrigin,
    suppliers: readonly S[],
    ask: (supplier: S) => Promise<T[]>,
  ): Promise<SideBySideAnswer<T>> {
    const answer = await askSideBySide(suppliers, ask);
    const offers = suppliers.length > 1 ? cheapestPerId(answer.offers) : answer.offers;
    await this.deps.offers.remember(origin, offers);
    return { offers, suppliers: answer.suppliers };
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

