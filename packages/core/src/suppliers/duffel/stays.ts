import { createHash } from "node:crypto";
import type { StaysAmenity, StaysQuote, StaysRate, StaysSearchResult } from "@duffel/api/types";
import { daysBetween } from "../../search/flights";
import { hotelAmenities, type HotelOffer, type HotelSearchCriteria } from "../../search/hotels";
import { greatCircleKm } from "../../search/geo";
import { money } from "./flights";

/** How far from the city's centre stays are searched (Duffel's radius is in kilometres). */
export const staySearchRadiusKm = 10;
/** The nearest results whose every room and rate is fetched (one call each). */
export const staysWithAllRates = 10;

/** Duffel's amenity types that mean one of ours; the rest are not filtered on here. */
const amenityOf: Partial<Record<StaysAmenity["type"], (typeof hotelAmenities)[number]>> = {
  wifi: "WIFI",
  parking: "PARKING",
  pool: "POOL",
  gym: "FITNESS_CENTER",
  spa: "SPA",
  restaurant: "RESTAURANT",
  pets_allowed: "PETS_ALLOWED",
};

type Accommodation = StaysSearchResult["accommodation"];
type Room = Accommodation["rooms"][number];

export function staySearchOf(criteria: HotelSearchCriteria, centre: { latitude: number; longitude: number }) {
  return {
    location: { radius: staySearchRadiusKm, geographic_coordinates: centre },
    check_in_date: criteria.checkIn,
    check_out_date: criteria.checkOut,
    rooms: criteria.rooms,
    guests: Array.from({ length: criteria.adults }, () => ({ type: "adult" as const })),
  };
}

function hotelOf(accommodation: Accommodation, centre: { latitude: number; longitude: number } | undefined): HotelOffer["hotel"] {
  const coordinates = accommodation.location.geographic_coordinates ?? centre ?? { latitude: 0, longitude: 0 };
  const amenities = new Set((accommodation.amenities ?? []).map((a) => amenityOf[a.type]).filter((a) => a !== undefined));
  return {
    hotelId: accommodation.id,
    name: accommodation.name,
    // Star ratings (1–5); one Duffel does not know is shown as the middle of the scale, as for the Amadeus format.
    rating: Math.min(5, Math.max(1, Math.round(accommodation.rating ?? 3))),
    ...(accommodation.rating == null ? { starsUnknown: true as const } : {}),
    location: { latitude: coordinates.latitude, longitude: coordinates.longitude },
    distanceKm: centre ? Math.round(greatCircleKm(centre, coordinates) * 10) / 10 : 0,
    amenities: hotelAmenities.filter((a) => amenities.has(a)),
    ...guestRatingOf(accommodation),
  };
}

/** `review_score` (1.0–10.0, aggregated by Duffel from guest reviews) and `review_count`; both may be null. */
function guestRatingOf(accommodation: Accommodation): Pick<HotelOffer["hotel"], "guestRating"> {
  const { review_score: score, review_count: count } = accommodation;
  if (typeof score !== "number" || !Number.isFinite(score)) return {};
  return { guestRating: { source: "duffel", value: score, reviewCount: typeof count === "number" && count > 0 ? Math.floor(count) : 0 } };
}

/** Refundable while a refund is promised for a moment still ahead; the deadline is the last such moment. */
function cancellationOf(rate: StaysRate, now: number): HotelOffer["cancellation"] {
  const refunds = rate.cancellation_timeline.filter((t) => Number(t.refund_amount) > 0 && Date.parse(t.before) > now).map((t) => t.before).sort();
  const deadline = refunds.at(-1);
  return { refundable: deadline !== undefined, ...(deadline ? { deadline } : {}) };
}

/**
 * An id that stays the same across searches (Duffel's rate ids belong to one search result): the
 * accommodation, room and kind of rate, for the same stay and guests.
 */
function stayOfferId(accommodationId: string, room: Room, rate: StaysRate, criteria: HotelSearchCriteria): string {
  const kind = [rate.board_type, rate.payment_type, (rate as { name?: string | null }).name ?? "", rate.total_currency].join("/");
  const fingerprint = ["duffel", accommodationId, room.name, kind, criteria.checkIn, criteria.checkOut, criteria.adults, criteria.rooms].join("|");
  return `ho_${createHash("sha256").update(fingerprint).digest("base64url").slice(0, 22)}`;
}

function offerOf(hotel: HotelOffer["hotel"], accommodationId: string, room: Room, rate: StaysRate, criteria: HotelSearchCriteria, supplier: string, now: number): HotelOffer {
  const nights = daysBetween(criteria.checkIn, criteria.checkOut);
  const total = Number(rate.total_amount);
  const base = rate.base_amount === null ? total : Number(rate.base_amount);
  const bed = room.beds?.[0];
  return {
    id: stayOfferId(accommodationId, room, rate, criteria),
    supplier,
    supplierOfferId: rate.id,
    hotel,
    room: {
      category: room.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_|_$/g, "") || "ROOM",
      beds: (room.beds ?? []).reduce((sum, b) => sum + b.count, 0) || 1,
      bedType: (bed?.type ?? "double").toUpperCase(),
      description: room.name,
    },
    boardType: rate.board_type.toUpperCase(),
    checkIn: criteria.checkIn,
    checkOut: criteria.checkOut,
    nights,
    price: { total: money(rate.total_amount), base: base.toFixed(2), taxes: (total - base).toFixed(2), perNight: (total / Math.max(1, nights)).toFixed(2), currency: rate.total_currency },
    cancellation: cancellationOf(rate, now),
    // Duffel's stay bookings take each guest's names, and the lead guest's email and phone.
    bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: true },
  };
}

/** Every room and rate of a result whose rates were all fetched. */
export function toHotelOffers(result: StaysSearchResult, criteria: HotelSearchCriteria, centre: { latitude: number; longitude: number }, supplier: string, now: number): HotelOffer[] {
  const hotel = hotelOf(result.accommodation, centre);
  return result.accommodation.rooms.flatMap((room) => room.rates.map((rate) => offerOf(hotel, result.accommodation.id, room, rate as StaysRate, criteria, supplier, now)));
}

/** A quote for a rate, as the offer it re-prices (the same id; the hotel as first found). */
export function toQuotedOffer(quote: StaysQuote, previous: HotelOffer, criteria: HotelSearchCriteria, supplier: string, now: number): HotelOffer | undefined {
  for (const room of quote.accommodation.rooms) {
    const rate = room.rates.find((r) => r.id === previous.supplierOfferId) ?? room.rates[0];
    if (!rate) continue;
    const quoted = { ...(rate as StaysRate), total_amount: quote.total_amount, total_currency: quote.total_currency, base_amount: quote.base_amount };
    return { ...offerOf(previous.hotel, quote.accommodation.id, room, quoted, criteria, supplier, now), id: previous.id };
  }
  return undefined;
}
