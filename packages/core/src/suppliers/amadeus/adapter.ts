import { createHash } from "node:crypto";
import { daysBetween, flightOfferId, type FlightOffer, type FlightSearchCriteria } from "../../search/flights";
import { hotelAmenities, type HotelOffer, type HotelSearchCriteria, type HotelSummary } from "../../search/hotels";
import { ClientCredentialsHttp } from "../http";
import { logger } from "../../observability";
import type { FlightSupplierClient, HotelSupplierClient, StaySearchContext } from "../../search/suppliers";
import {
  amadeusPaths,
  hotelSentimentsPerCall,
  parseIsoDuration,
  type AmadeusFlightOffer,
  type AmadeusFlightOffersRequest,
  type AmadeusFlightOffersResponse,
  type AmadeusHotelListResponse,
  type AmadeusHotelOffersResponse,
  type AmadeusHotelSentimentsResponse,
} from "./wire";

export interface AmadeusOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per HTTP call, token requests included. */
  timeoutMs: number;
  /** GET for plain searches (the default); POST sends the richer request body. */
  method?: "GET" | "POST";
  maxOffers?: number;
  fetch?: typeof fetch;
}

/** Amadeus answers in its own media type. */
const accept = "application/vnd.amadeus+json";

/** Supplier adapter speaking the Amadeus Self-Service REST format (Flight Offers Search v2). */
export class AmadeusSupplier implements FlightSupplierClient, HotelSupplierClient {
  readonly name = "amadeus";
  private readonly http: ClientCredentialsHttp;

  constructor(private readonly options: AmadeusOptions) {
    this.http = new ClientCredentialsHttp({ ...options, name: this.name, tokenPath: amadeusPaths.token });
  }

  /** Fetch a token ahead of the first search (the local server does this at start). */
  warmUp(): Promise<void> {
    return this.http.warmUp();
  }

  async searchFlights(criteria: FlightSearchCriteria, signal?: AbortSignal): Promise<FlightOffer[]> {
    const method = this.options.method ?? "GET";
    const max = this.options.maxOffers ?? 50;
    const response =
      method === "POST"
        ? await this.http.request<AmadeusFlightOffersResponse>(amadeusPaths.flightOffers, {
            method: "POST",
            headers: { accept, "content-type": "application/vnd.amadeus+json" },
            body: JSON.stringify(toRequestBody(criteria, max)),
            signal,
          })
        : await this.http.request<AmadeusFlightOffersResponse>(`${amadeusPaths.flightOffers}?${new URLSearchParams({
        originLocationCode: criteria.origin,
        destinationLocationCode: criteria.destination,
        departureDate: criteria.departureDate,
        ...(criteria.returnDate ? { returnDate: criteria.returnDate } : {}),
        adults: String(criteria.adults),
        ...(criteria.children > 0 ? { children: String(criteria.children) } : {}),
        travelClass: criteria.cabin,
        nonStop: String(criteria.nonStop),
        currencyCode: criteria.currency,
        max: String(max),
      })}`, { method: "GET", headers: { accept }, signal });
    return response.data.map((offer) => toFlightOffer(offer, response.dictionaries.carriers, criteria));
  }

  /** The city's hotel list (kept for a day by the search), then offers at those hotels. */
  async searchHotels(criteria: HotelSearchCriteria, context: StaySearchContext, signal?: AbortSignal): Promise<HotelOffer[]> {
    const hotels = await context.remember("hotels", () => this.listHotels(criteria.cityCode, signal));
    const offers = await this.searchHotelOffers(hotels, criteria, signal);
    return this.withGuestRatings(offers, signal);
  }

  /**
   * Hotel Ratings API: each offered hotel's guest rating (overallRating 0–100 over numberOfReviews),
   * at most 3 hotels per call, the calls at once. A rating never fails a search: a call that fails
   * leaves its hotels without one.
   */
  private async withGuestRatings(offers: HotelOffer[], signal?: AbortSignal): Promise<HotelOffer[]> {
    const hotelIds = [...new Set(offers.map((o) => o.hotel.hotelId))];
    const batches = Array.from({ length: Math.ceil(hotelIds.length / hotelSentimentsPerCall) }, (_, i) => hotelIds.slice(i * hotelSentimentsPerCall, (i + 1) * hotelSentimentsPerCall));
    const answers = await Promise.all(
      batches.map((batch) =>
        this.http
          .request<AmadeusHotelSentimentsResponse>(`${amadeusPaths.hotelSentiments}?${new URLSearchParams({ hotelIds: batch.join(",") })}`, { method: "GET", headers: { accept }, signal })
          .then((answer) => answer.data ?? [])
          .catch((error: unknown) => {
            logger.warn("hotel sentiments unavailable; these hotels are offered without a guest rating", { supplier: this.name, hotelIds: batch, error: (error as Error).message });
            return [];
          }),
      ),
    );
    // The review count is numberOfReviews: the reviews whose sentiments make overallRating.
    const ratingOf = new Map(answers.flat().map((s) => [s.hotelId, { source: "amadeus" as const, value: s.overallRating, reviewCount: s.numberOfReviews }]));
    if (ratingOf.size === 0) return offers;
    const rated = new Map<string, HotelOffer["hotel"]>();
    return offers.map((offer) => {
      const guestRating = ratingOf.get(offer.hotel.hotelId);
      if (!guestRating) return offer;
      let hotel = rated.get(offer.hotel.hotelId);
      if (!hotel) rated.set(offer.hotel.hotelId, (hotel = { ...offer.hotel, guestRating }));
      return { ...offer, hotel };
    });
  }

  /** Hotel List API: the city's hotels within 30 km, nearest first (at most 20). */
  private async listHotels(cityCode: string, signal?: AbortSignal): Promise<HotelSummary[]> {
    const list = await this.http.request<AmadeusHotelListResponse>(
      `${amadeusPaths.hotelsByCity}?${new URLSearchParams({ cityCode, radius: "30", radiusUnit: "KM", hotelSource: "ALL" })}`,
      { method: "GET", headers: { accept }, signal },
    );
    const known = new Set<string>(hotelAmenities);
    return [...list.data]
      .sort((a, b) => a.distance.value - b.distance.value)
      .slice(0, 20)
      .map((h) => ({
        hotelId: h.hotelId,
        name: h.name,
        rating: Math.min(5, Math.max(1, h.rating ?? 3)),
        ...(h.rating == null ? { starsUnknown: true as const } : {}),
        location: { latitude: h.geoCode.latitude, longitude: h.geoCode.longitude },
        distanceKm: h.distance.value,
        amenities: (h.amenities ?? []).filter((a): a is (typeof hotelAmenities)[number] => known.has(a)),
      }));
  }

  /** Hotel Search API v3: offers for a stay at the given hotels. */
  private async searchHotelOffers(hotels: HotelSummary[], criteria: HotelSearchCriteria, signal?: AbortSignal): Promise<HotelOffer[]> {
    if (hotels.length === 0) return [];
    const byId = new Map(hotels.map((h) => [h.hotelId, h]));
    const offers = await this.http.request<AmadeusHotelOffersResponse>(
      `${amadeusPaths.hotelOffers}?${new URLSearchParams({
          hotelIds: hotels.map((h) => h.hotelId).join(","),
          checkInDate: criteria.checkIn,
          checkOutDate: criteria.checkOut,
          adults: String(criteria.adults),
          roomQuantity: String(criteria.rooms),
          currency: criteria.currency,
          bestRateOnly: "false",
        })}`,
      { method: "GET", headers: { accept }, signal },
    );
    const nights = daysBetween(criteria.checkIn, criteria.checkOut);
    return offers.data.flatMap((entry) =>
      entry.offers.flatMap((offer) => {
        const listed = byId.get(entry.hotel.hotelId);
        if (!listed) return [];
        const total = Number(offer.price.total);
        const base = Number(offer.price.base);
        const deadline = offer.policies.cancellations?.[0]?.deadline;
        return {
          id: `ho_${createHash("sha256").update([entry.hotel.hotelId, offer.rateCode, offer.room.type, criteria.checkIn, criteria.checkOut, criteria.adults, criteria.rooms, criteria.currency].join("|")).digest("base64url").slice(0, 22)}`,
          supplier: this.name,
          supplierOfferId: offer.id,
          hotel: listed,
          room: {
            category: offer.room.typeEstimated.category,
            beds: offer.room.typeEstimated.beds,
            bedType: offer.room.typeEstimated.bedType,
            description: offer.room.description.text,
          },
          boardType: offer.boardType,
          checkIn: offer.checkInDate,
          checkOut: offer.checkOutDate,
          nights,
          price: {
            total: total.toFixed(2),
            base: base.toFixed(2),
            taxes: (total - base).toFixed(2),
            perNight: (total / Math.max(1, nights)).toFixed(2),
            currency: offer.price.currency,
          },
          cancellation: { refundable: !!deadline, ...(deadline ? { deadline } : {}) },
          // Booked here, not at the supplier: the guests' names are all it takes.
          bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: false },
        } satisfies HotelOffer;
      }),
    );
  }
}

function toRequestBody(criteria: FlightSearchCriteria, max: number): AmadeusFlightOffersRequest {
  const legs = [{ id: "1", from: criteria.origin, to: criteria.destination, date: criteria.departureDate }];
  if (criteria.returnDate) legs.push({ id: "2", from: criteria.destination, to: criteria.origin, date: criteria.returnDate });
  const travelers = [
    ...Array.from({ length: criteria.adults }, () => "ADULT" as const),
    ...Array.from({ length: criteria.children }, () => "CHILD" as const),
  ].map((travelerType, i) => ({ id: String(i + 1), travelerType }));
  return {
    currencyCode: criteria.currency,
    originDestinations: legs.map((leg) => ({
      id: leg.id,
      originLocationCode: leg.from,
      destinationLocationCode: leg.to,
      departureDateTimeRange: { date: leg.date },
    })),
    travelers,
    sources: ["GDS"],
    searchCriteria: {
      maxFlightOffers: max,
      flightFilters: {
        cabinRestrictions: [{ cabin: criteria.cabin, coverage: "MOST_SEGMENTS", originDestinationIds: legs.map((l) => l.id) }],
        ...(criteria.nonStop ? { connectionRestriction: { maxNumberOfConnections: 0 } } : {}),
      },
    },
  };
}

function toFlightOffer(offer: AmadeusFlightOffer, carriers: Record<string, string>, criteria: FlightSearchCriteria): FlightOffer {
  const carrierName = (code: string) => carriers[code] ?? code;
  const validating = offer.validatingAirlineCodes[0] ?? offer.itineraries[0]?.segments[0]?.carrierCode ?? "";
  const total = Number(offer.price.grandTotal ?? offer.price.total);
  const base = Number(offer.price.base);
  return {
    id: flightOfferId({ ...criteria, currency: offer.price.currency }, offer.itineraries.map((it) => ({ segments: it.segments.map((s) => ({ flightNumber: `${s.carrierCode}${s.number}`, departure: s.departure })) }))),
    supplier: "amadeus",
    supplierOfferId: offer.id,
    cabin: offer.travelerPricings[0]?.fareDetailsBySegment[0]?.cabin ?? criteria.cabin,
    oneWay: offer.oneWay,
    seatsAvailable: offer.numberOfBookableSeats,
    lastTicketingDate: offer.lastTicketingDate,
    validatingCarrier: { code: validating, name: carrierName(validating) },
    price: {
      total: total.toFixed(2),
      base: base.toFixed(2),
      taxes: (total - base).toFixed(2),
      currency: offer.price.currency,
    },
    itineraries: offer.itineraries.map((it) => ({
      duration: it.duration,
      durationMinutes: parseIsoDuration(it.duration),
      stops: it.segments.length - 1,
      segments: it.segments.map((s) => ({
        carrier: { code: s.carrierCode, name: carrierName(s.carrierCode) },
        flightNumber: `${s.carrierCode}${s.number}`,
        operatingCarrier: s.operating?.carrierCode ?? s.carrierCode,
        aircraft: s.aircraft.code,
        departure: s.departure,
        arrival: s.arrival,
        duration: s.duration,
      })),
    })),
    // Flight Offers Search does not state fare rules (Flight Offers Price with detailed fare rules would).
    conditions: { refundBeforeDeparture: null, changeBeforeDeparture: null },
    payment: { instantPaymentRequired: offer.instantTicketingRequired, payBy: offer.lastTicketingDate || null, priceGuaranteedUntil: null },
    // Booked here, not as the supplier's order: names are enough.
    bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: false },
  };
}
