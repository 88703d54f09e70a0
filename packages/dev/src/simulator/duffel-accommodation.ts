import type {} from "@duffel/api";
import type { StaysAccommodation, StaysAmenity, StaysBed, StaysRoom, StaysRoomRate } from "@duffel/api/types";
import { distanceKm, referenceData, type City } from "@travel/core/reference-data";
import type { AmadeusHotel, AmadeusHotelOffer } from "@travel/core/suppliers";
import { countryCodeOf } from "./duffel-places";
import { duffelId } from "./duffel-wire";
import { chains, guestOpinionOf, hotelOffers, hotelsInCity, roomTypes } from "./hotels";
import { rngFrom } from "./random";

/**
 * The simulated hotels (hotels.ts, which the Amadeus side sells too) as Duffel Stays shows them:
 * accommodation found around a point rather than in a city, rooms with their beds, and rates
 * with a cancellation timeline. Prices are the Amadeus side's, as one hotel sells through both.
 */
export interface NearbyHotel {
  hotel: AmadeusHotel;
  city: City;
  distanceKm: number;
}

/** Hotels lie within ~11 km of their city's centre; cities further than this from the circle cannot have any in it. */
const hotelSpreadKm = 12;

export function hotelsAround(point: { latitude: number; longitude: number }, radiusKm: number): NearbyHotel[] {
  const found: NearbyHotel[] = [];
  for (const city of referenceData().cities) {
    if (distanceKm(city, point) > radiusKm + hotelSpreadKm) continue;
    for (const hotel of hotelsInCity(city.cityCode)) {
      const away = distanceKm(hotel.geoCode, point);
      if (away <= radiusKm) found.push({ hotel, city, distanceKm: away });
    }
  }
  return found.sort((a, b) => a.distanceKm - b.distanceKm || a.hotel.hotelId.localeCompare(b.hotel.hotelId));
}

const amenityOf: Record<string, StaysAmenity> = {
  WIFI: { type: "wifi", description: "Free Wi-Fi" },
  RESTAURANT: { type: "restaurant", description: "Restaurant" },
  BAR: { type: "lounge", description: "Bar and lounge" },
  PARKING: { type: "parking", description: "Parking" },
  FITNESS_CENTER: { type: "gym", description: "Fitness centre" },
  POOL: { type: "pool", description: "Swimming pool" },
  SPA: { type: "spa", description: "Spa" },
  PETS_ALLOWED: { type: "pets_allowed", description: "Pets allowed" },
};
const streets = ["High Street", "Station Road", "Park Avenue", "Market Square", "Church Street", "Harbour Road", "King Street", "Riverside Walk"];

const titleCase = (name: string) => name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());

/** The accommodation without rooms; `rooms` are added by whoever knows which rates to show. */
export function accommodationOf({ hotel, city }: NearbyHotel): StaysAccommodation {
  const rng = rngFrom(`duffel-accommodation|${hotel.hotelId}`);
  const chain = chains.find(([code]) => code === hotel.chainCode);
  const rating = hotel.rating ?? null;
  const amenities = (hotel.amenities ?? []).flatMap((a) => (amenityOf[a] ? [amenityOf[a]] : []));
  if (rating !== null && rating >= 4) amenities.push({ type: "24_hour_front_desk", description: "24-hour front desk" });
  return {
    id: duffelId("acc", hotel.hotelId),
    name: titleCase(hotel.name),
    description: `A ${rating ?? ""}-star hotel in ${city.name}.`.replace("A -star", "A"),
    email: null,
    phone_number: `+${1 + Math.floor(rng() * 98)} ${String(Math.floor(rng() * 1e9)).padStart(9, "0")}`,
    location: {
      geographic_coordinates: { ...hotel.geoCode },
      address: {
        line_one: `${1 + Math.floor(rng() * 180)} ${streets[Math.floor(rng() * streets.length)]}`,
        city_name: city.name,
        postal_code: String(10000 + Math.floor(rng() * 89999)),
        country_code: countryCodeOf(city.countryName),
      },
    },
    rating,
    ratings: rating === null ? null : [{ source: "aaa", value: rating }],
    ...reviewsOf(hotel),
    amenities,
    photos: [],
    check_in_information: { check_in_after_time: "15:00", check_out_before_time: "11:00" },
    chain: chain ? { id: duffelId("chn", chain[0]), name: chain[1] } : null,
    brand: null,
    key_collection: null,
    supported_loyalty_programme: null,
    rooms: [],
  };
}

/**
 * Duffel's `review_score` (1.0–10.0, one decimal) and `review_count`: the hotel's guest opinion
 * (hotels.ts) on Duffel's scale; null for the hotels (about one in eight) Duffel has no reviews of.
 */
function reviewsOf(hotel: AmadeusHotel): Pick<StaysAccommodation, "review_score" | "review_count"> {
  if (rngFrom(`duffel-reviews|${hotel.hotelId}`)() < 0.12) return { review_score: null, review_count: null };
  const { share, reviews } = guestOpinionOf(hotel);
  return { review_score: Math.round((1 + share * 9) * 10) / 10, review_count: reviews };
}

function bedsOf(room: (typeof roomTypes)[number]): StaysBed[] {
  return room.bedType === "TWIN" ? [{ type: "single", count: 2 }] : [{ type: "king", count: room.beds }];
}

export interface StayRequest {
  checkIn: string;
  checkOut: string;
  rooms: number;
  guests: number;
  currency: string;
}

/**
 * Every room with its rates, for one search result. Rate ids derive from the result's id, so a
 * rate can be found again from its id alone.
 */
export function roomsOf(resultId: string, { hotel }: NearbyHotel, stay: StayRequest, expiresAt: string): StaysRoom[] {
  const [priced] = hotelOffers({ hotelIds: [hotel.hotelId], checkIn: stay.checkIn, checkOut: stay.checkOut, adults: stay.guests, rooms: stay.rooms, currency: stay.currency }).data;
  const byRoom = new Map<string, AmadeusHotelOffer[]>();
  for (const offer of priced?.offers ?? []) byRoom.set(offer.room.type, [...(byRoom.get(offer.room.type) ?? []), offer]);
  return [...byRoom].map(([code, offers]) => {
    const room = roomTypes.find((r) => r.code === code)!;
    return {
      name: room.text.replace(/^./, (c) => c.toUpperCase()),
      beds: bedsOf(room),
      photos: [],
      rates: offers.map((offer) => rateOf(resultId, offer, stay, expiresAt)),
    };
  });
}

function rateOf(resultId: string, offer: AmadeusHotelOffer, stay: StayRequest, expiresAt: string): StaysRoomRate {
  const flexible = offer.rateCode === "RAC";
  const tax = Number(offer.price.total) - Number(offer.price.base);
  const deadline = offer.policies.cancellations?.[0]?.deadline;
  const rng = rngFrom(`duffel-rate|${resultId}|${offer.id}`);
  return {
    id: duffelId("rat", resultId, offer.id),
    code: offer.rateCode,
    name: flexible ? "Flexible rate" : "Non-refundable saver",
    description: offer.room.description.text,
    total_amount: offer.price.total,
    total_currency: stay.currency,
    base_amount: offer.price.base,
    base_currency: stay.currency,
    tax_amount: tax.toFixed(2),
    tax_currency: stay.currency,
    fee_amount: "0.00",
    fee_currency: stay.currency,
    due_at_accommodation_amount: null,
    due_at_accommodation_currency: stay.currency,
    board_type: offer.boardType === "BREAKFAST" ? "breakfast" : "room_only",
    payment_type: "pay_now",
    available_payment_methods: ["balance", "card"],
    cancellation_timeline: flexible && deadline ? [{ refund_amount: offer.price.total, currency: stay.currency, before: `${deadline}Z` }] : [],
    conditions: [{ title: "Check-in", description: "Photo identification and a credit card are required at check-in." }],
    quantity_available: 1 + Math.floor(rng() * 5),
    supported_loyalty_programme: null,
    loyalty_programme_required: false,
    source: "duffel_hotel_group",
    estimated_commission_amount: null,
    estimated_commission_currency: null,
    expires_at: expiresAt,
    negotiated_rate_id: null,
  };
}
