import { logger } from "../observability";
import { comparableRating, type SourceRating } from "./hotel-ratings";
import type { HotelOffer } from "./hotels";

/** Our verified reviews' figures per hotel (core/reviews implements it over DynamoDB). */
export interface VerifiedHotelRatings {
  forHotels(hotelIds: string[]): Promise<Map<string, { mean: number; count: number }>>;
}

/**
 * The tag every cached answer showing the hotel carries: invalidating it drops those answers, so
 * the next search computes the hotel's comparable rating anew (after its verified rating changed).
 */
export function hotelRatingTag(hotelId: string): string {
  return `hotel:${hotelId}`;
}

/** One tag per hotel in the answer. */
export function hotelRatingTagsOf(offers: readonly HotelOffer[]): string[] {
  return [...new Set(offers.map((o) => hotelRatingTag(o.hotel.hotelId)))];
}

/**
 * Every offer with its hotel's comparable rating, from its stars, its supplier's guest rating and
 * our verified reviews. Verified figures that cannot be read leave that source out: a rating never
 * fails a search.
 */
export async function withComparableRatings(offers: HotelOffer[], verifiedRatings: VerifiedHotelRatings | undefined): Promise<HotelOffer[]> {
  if (offers.length === 0) return offers;
  const hotelIds = [...new Set(offers.map((o) => o.hotel.hotelId))];
  const verified = await verifiedFiguresOf(hotelIds, verifiedRatings);
  // Offers of one hotel share its rated description (computed once per hotel).
  const rated = new Map<HotelOffer["hotel"], HotelOffer["hotel"]>();
  return offers.map((offer) => {
    let hotel = rated.get(offer.hotel);
    if (!hotel) rated.set(offer.hotel, (hotel = { ...offer.hotel, comparableRating: comparableRating(sourcesOf(offer.hotel, verified.get(offer.hotel.hotelId))) }));
    return { ...offer, hotel };
  });
}

function sourcesOf(hotel: HotelOffer["hotel"], verified: { mean: number; count: number } | undefined): SourceRating[] {
  // Stars a supplier did not give are not evidence of anything.
  const sources: SourceRating[] = hotel.starsUnknown ? [] : [{ source: "stars", value: hotel.rating }];
  if (hotel.guestRating) sources.push({ source: hotel.guestRating.source, value: hotel.guestRating.value, reviewCount: hotel.guestRating.reviewCount });
  if (verified && verified.count > 0) sources.push({ source: "verified", value: verified.mean, reviewCount: verified.count });
  return sources;
}

async function verifiedFiguresOf(hotelIds: string[], port: VerifiedHotelRatings | undefined): Promise<Map<string, { mean: number; count: number }>> {
  if (!port) return new Map();
  try {
    return await port.forHotels(hotelIds);
  } catch (error) {
    logger.warn("verified hotel ratings unavailable; rating hotels without them", { hotels: hotelIds.length, error: (error as Error).message });
    return new Map();
  }
}
