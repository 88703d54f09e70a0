import type { FlightOffer, FlightSearchCriteria } from "../../search/flights";
import { greatCircleKm } from "../../search/geo";
import type { HotelOffer, HotelSearchCriteria } from "../../search/hotels";
import type { FlightSupplierClient, HotelSupplierClient, StaySearchContext, SupplierSeatMap } from "../../search/suppliers";
import { DuffelConnection, DuffelSupplierError, type DuffelOptions } from "./client";
import { offerRequestOf, toFlightOffer, toSeatMaps } from "./flights";
import { staySearchOf, staysWithAllRates, toHotelOffers, toQuotedOffer } from "./stays";

export type { DuffelOptions } from "./client";

/** At most this many `fetch_all_rates` calls of one stay search run at once. */
const ratesFetchedAtOnce = 5;

/**
 * Duffel (API v2) for flights and stays, through its official client: offer requests with offers
 * returned inline, an offer read again before booking, seat maps; stays searched around the
 * city's centre, every rate of the nearest results, a quote for a rate before booking.
 */
export class DuffelSupplier implements FlightSupplierClient, HotelSupplierClient {
  readonly name = "duffel";
  private readonly duffel: DuffelConnection;

  constructor(options: DuffelOptions, private readonly now: () => number = Date.now) {
    this.duffel = new DuffelConnection(this.name, options);
  }

  async searchFlights(criteria: FlightSearchCriteria): Promise<FlightOffer[]> {
    const request = offerRequestOf(criteria);
    const { data } = await this.duffel.call("an offer request", (d) => d.offerRequests.create({ ...request, return_offers: true }));
    return (data.offers ?? []).map((offer) => toFlightOffer(offer, criteria, this.name));
  }

  /** `GET /air/offers/{id}`: the offer as sold now; gone (expired, sold out) → undefined. */
  async repriceFlight(offer: FlightOffer, criteria: FlightSearchCriteria): Promise<FlightOffer | undefined> {
    try {
      const { data } = await this.duffel.call("an offer", (d) => d.offers.get(offer.supplierOfferId));
      return { ...toFlightOffer(data, criteria, this.name), id: offer.id };
    } catch (error) {
      if (error instanceof DuffelSupplierError && error.gone) return undefined;
      throw error;
    }
  }

  /** `GET /air/seat_maps?offer_id=`: one map per flight of the offer. */
  async seatMaps(offer: FlightOffer): Promise<SupplierSeatMap[]> {
    const { data } = await this.duffel.call("seat maps", (d) => d.seatMaps.get({ offer_id: offer.supplierOfferId }));
    const flights = offer.itineraries.flatMap((it) => it.segments.map((s) => s.flightNumber));
    // Seat maps name Duffel's segment ids; the offer as we keep it lists flights in the same order.
    const segmentIds = new Map(data.map((map, i) => [map.segment_id, flights[i] ?? ""]));
    return toSeatMaps(data, offer, segmentIds);
  }

  async searchHotels(criteria: HotelSearchCriteria, context: StaySearchContext): Promise<HotelOffer[]> {
    const centre = await context.centre();
    const { data } = await this.duffel.call("a stay search", (d) => d.stays.search(staySearchOf(criteria, centre)));
    const nearest = [...data.results]
      .map((result) => {
        const at = result.accommodation.location.geographic_coordinates;
        return { result, km: at ? greatCircleKm(centre, at) : Number.POSITIVE_INFINITY };
      })
      .sort((a, b) => a.km - b.km)
      .slice(0, staysWithAllRates)
      .map(({ result }) => result);
    const offers: HotelOffer[] = [];
    for (let i = 0; i < nearest.length; i += ratesFetchedAtOnce) {
      const batch = await Promise.all(
        nearest.slice(i, i + ratesFetchedAtOnce).map(async (result) => {
          const { data: rated } = await this.duffel.call("all rates of a stay", (d) => d.stays.searchResults.fetchAllRates(result.id));
          return toHotelOffers(rated, criteria, centre, this.name, this.now());
        }),
      );
      offers.push(...batch.flat());
    }
    return offers;
  }

  /** `POST /stays/quotes`: the rate as it can be booked now; a rate no longer sold → undefined. */
  async repriceHotel(offer: HotelOffer, criteria: HotelSearchCriteria): Promise<HotelOffer | undefined> {
    try {
      const { data } = await this.duffel.call("a stay quote", (d) => d.stays.quotes.create(offer.supplierOfferId));
      return toQuotedOffer(data, offer, criteria, this.name, this.now());
    } catch (error) {
      if (error instanceof DuffelSupplierError && (error.gone || error.status === 422)) return undefined;
      throw error;
    }
  }
}
