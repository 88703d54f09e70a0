/**
 * The subset of the Amadeus Self-Service wire format we speak: OAuth2 client-credentials tokens,
 * Flight Offers Search v2, Hotel List, Hotel Search v3 and Hotel Ratings v2. Shared by the HTTP
 * adapter and the local supplier simulator so both sides agree on one declaration.
 */
export const amadeusPaths = {
  token: "/v1/security/oauth2/token",
  flightOffers: "/v2/shopping/flight-offers",
  hotelsByCity: "/v1/reference-data/locations/hotels/by-city",
  hotelOffers: "/v3/shopping/hotel-offers",
  hotelSentiments: "/v2/e-reputation/hotel-sentiments",
} as const;

/**
 * Hotel Ratings API v2 (e-reputation): GET hotel-sentiments?hotelIds=A,B,C. Its reference says
 * "max. 3" hotel ids per call (while its schema allows 100): we send at most 3.
 */
export const hotelSentimentsPerCall = 3;

/** Scores are whole numbers 0–100 (sentiment analysis of online reviews). */
export interface AmadeusHotelSentiment {
  type: "hotelSentiment";
  hotelId: string;
  overallRating: number;
  numberOfRatings: number;
  numberOfReviews: number;
  /** Per category, when the hotel has any. */
  sentiments?: Partial<Record<"sleepQuality" | "service" | "facilities" | "roomComforts" | "valueForMoney" | "catering" | "swimmingPool" | "location" | "internet" | "pointsOfInterest" | "staff", number>>;
}

/** Hotels without sentiments are left out of `data` and named in a 913 warning. */
export interface AmadeusHotelSentimentsResponse {
  data: AmadeusHotelSentiment[];
  meta?: { count: number; links?: { self: string } };
  warnings?: Array<{ code: number; title: string; detail?: string; source?: { parameter?: string; pointer?: string } }>;
}

/** Hotel List API: GET hotels/by-city. */
export interface AmadeusHotel {
  chainCode: string;
  iataCode: string;
  dupeId: number;
  name: string;
  hotelId: string;
  geoCode: { latitude: number; longitude: number };
  address: { countryCode: string };
  distance: { value: number; unit: "KM" };
  rating?: number;
  amenities?: string[];
}

export interface AmadeusHotelListResponse {
  data: AmadeusHotel[];
  meta: { count: number };
}

/** Hotel Search API v3: GET hotel-offers. */
export interface AmadeusHotelOffer {
  id: string;
  checkInDate: string;
  checkOutDate: string;
  rateCode: string;
  boardType: string;
  room: { type: string; typeEstimated: { category: string; beds: number; bedType: string }; description: { text: string; lang: string } };
  guests: { adults: number };
  price: { currency: string; base: string; total: string; variations: { average: { base: string } } };
  policies: { paymentType: string; cancellations?: Array<{ deadline: string; amount?: string }>; refundable?: { cancellationRefund: string } };
}

export interface AmadeusHotelOffersResponse {
  data: Array<{
    type: "hotel-offers";
    hotel: { type: "hotel"; hotelId: string; chainCode: string; name: string; cityCode: string; latitude: number; longitude: number };
    available: boolean;
    offers: AmadeusHotelOffer[];
  }>;
}

export interface AmadeusToken {
  type: "amadeusOAuth2Token";
  username?: string;
  application_name?: string;
  client_id: string;
  token_type: "Bearer";
  access_token: string;
  expires_in: number;
  state: "approved";
  scope: string;
}

export interface AmadeusError {
  errors: Array<{ status: number; code: number; title: string; detail?: string; source?: { parameter?: string } }>;
}

export type AmadeusTravelClass = "ECONOMY" | "PREMIUM_ECONOMY" | "BUSINESS" | "FIRST";

/** GET query parameters of /v2/shopping/flight-offers. */
export interface AmadeusFlightOffersQuery {
  originLocationCode: string;
  destinationLocationCode: string;
  departureDate: string;
  returnDate?: string;
  adults: number;
  children?: number;
  travelClass?: AmadeusTravelClass;
  nonStop?: boolean;
  currencyCode?: string;
  maxPrice?: number;
  max?: number;
}

/** POST body of /v2/shopping/flight-offers. */
export interface AmadeusFlightOffersRequest {
  currencyCode?: string;
  originDestinations: Array<{
    id: string;
    originLocationCode: string;
    destinationLocationCode: string;
    departureDateTimeRange: { date: string; time?: string };
  }>;
  travelers: Array<{ id: string; travelerType: "ADULT" | "CHILD" | "HELD_INFANT" }>;
  sources: string[];
  searchCriteria?: {
    maxFlightOffers?: number;
    flightFilters?: {
      cabinRestrictions?: Array<{ cabin: AmadeusTravelClass; coverage: string; originDestinationIds: string[] }>;
      connectionRestriction?: { maxNumberOfConnections: number };
    };
  };
}

export interface AmadeusSegment {
  id: string;
  departure: { iataCode: string; terminal?: string; at: string };
  arrival: { iataCode: string; terminal?: string; at: string };
  carrierCode: string;
  number: string;
  aircraft: { code: string };
  operating?: { carrierCode: string };
  duration: string;
  numberOfStops: number;
  blacklistedInEU: boolean;
}

export interface AmadeusFlightOffer {
  type: "flight-offer";
  id: string;
  source: string;
  instantTicketingRequired: boolean;
  nonHomogeneous: boolean;
  oneWay: boolean;
  lastTicketingDate: string;
  numberOfBookableSeats: number;
  itineraries: Array<{ duration: string; segments: AmadeusSegment[] }>;
  price: {
    currency: string;
    total: string;
    base: string;
    fees: Array<{ amount: string; type: string }>;
    grandTotal: string;
  };
  pricingOptions: { fareType: string[]; includedCheckedBagsOnly: boolean };
  validatingAirlineCodes: string[];
  travelerPricings: Array<{
    travelerId: string;
    fareOption: string;
    travelerType: "ADULT" | "CHILD";
    price: { currency: string; total: string; base: string };
    fareDetailsBySegment: Array<{ segmentId: string; cabin: AmadeusTravelClass; fareBasis: string; class: string }>;
  }>;
}

export interface AmadeusFlightOffersResponse {
  meta: { count: number; links?: { self: string } };
  data: AmadeusFlightOffer[];
  dictionaries: {
    carriers: Record<string, string>;
    aircraft: Record<string, string>;
    locations: Record<string, { cityCode: string; countryCode?: string }>;
    currencies: Record<string, string>;
  };
}

/** "PT7H5M" → 425 */
export function parseIsoDuration(duration: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  if (!match) return 0;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** 425 → "PT7H5M" */
export function formatIsoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `PT${h > 0 ? `${h}H` : ""}${m > 0 || h === 0 ? `${m}M` : ""}`;
}
