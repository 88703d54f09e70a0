import { z } from "zod";
import { isKnownCityCode } from "../catalog/locations";
import { addDays, bookingRequirementsSchema, caseInsensitiveCode, currencySchema, daysBetween, isoDate, maxDaysAhead, todayUtc } from "./flights";
import { ratingSources, type ComparableRating, type RatingSourceName } from "./hotel-ratings";

export const hotelAmenities = [
  "WIFI", "PARKING", "POOL", "FITNESS_CENTER", "SPA", "RESTAURANT", "BAR", "AIR_CONDITIONING", "PETS_ALLOWED", "AIRPORT_SHUTTLE",
] as const;
export const hotelSorts = ["price", "rating", "distance", "score"] as const;
const maxNights = 30;

/** Hotel search as a traveller asks it. Rating, price range, amenities and sort are applied to cached offers. */
export function hotelSearchQuerySchema(now: () => Date = () => new Date()) {
  return z
    .object({
      cityCode: z
        .string({ message: "cityCode is required" })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, { message: "cityCode must be a 3-letter IATA city code" })
        .refine(isKnownCityCode, { message: "cityCode is not a known IATA city code" })
        .meta(caseInsensitiveCode),
      checkIn: isoDate,
      checkOut: isoDate,
      adults: z.coerce.number().int().min(1).max(9).default(1),
      rooms: z.coerce.number().int().min(1).max(9).default(1),
      minRating: z.coerce.number().int().min(1).max(5).optional().meta({ description: "Star rating (1–5): hotels with at least this many stars" }),
      minScore: z.coerce
        .number()
        .min(0)
        .max(10)
        .optional()
        .meta({ description: "Comparable rating (0–10, `hotel.comparableRating.score`): hotels scoring at least this; hotels without a score are left out" }),
      minPrice: z.coerce.number().nonnegative().optional(),
      maxPrice: z.coerce.number().positive().optional(),
      amenities: z
        .preprocess(
          (v) => (typeof v === "string" ? v.split(",").map((a) => a.trim().toUpperCase()).filter(Boolean) : v),
          z
            .array(z.enum(hotelAmenities, { message: `each amenity must be one of ${hotelAmenities.join(", ")}` }))
            .max(hotelAmenities.length, { message: `at most ${hotelAmenities.length} amenities` }),
        )
        .optional()
        // Comma-separated in one parameter (amenities=pool,spa), in any case.
        .meta({ description: "Comma-separated, case-insensitive: offers with all of them", param: { style: "form", explode: false } }),
      currency: currencySchema,
      sort: z
        .enum(hotelSorts, { message: `must be one of ${hotelSorts.join(", ")}` })
        .default("price")
        .meta({
          description:
            "price: cheapest first · rating: most stars first · distance: nearest the centre first · score: highest comparable rating " +
            "(`hotel.comparableRating.score`) first, hotels without a score last; ties by price",
        }),
    })
    .superRefine((q, ctx) => {
      const today = todayUtc(now());
      if (q.checkIn < today) ctx.addIssue({ code: "custom", path: ["checkIn"], message: `must not be in the past (today is ${today} UTC)` });
      else if (q.checkIn > addDays(today, maxDaysAhead)) ctx.addIssue({ code: "custom", path: ["checkIn"], message: `must be within ${maxDaysAhead} days from today` });
      const nights = daysBetween(q.checkIn, q.checkOut);
      if (nights < 1) ctx.addIssue({ code: "custom", path: ["checkOut"], message: "must be after checkIn" });
      else if (nights > maxNights) ctx.addIssue({ code: "custom", path: ["checkOut"], message: `stays are at most ${maxNights} nights` });
      if (q.rooms > q.adults) ctx.addIssue({ code: "custom", path: ["rooms"], message: "every room needs at least one adult" });
      if (q.minPrice !== undefined && q.maxPrice !== undefined && q.minPrice > q.maxPrice) {
        ctx.addIssue({ code: "custom", path: ["minPrice"], message: "must not exceed maxPrice" });
      }
    });
}

export type HotelSearchQuery = z.output<ReturnType<typeof hotelSearchQuerySchema>>;
export type HotelSearchCriteria = Pick<HotelSearchQuery, "cityCode" | "checkIn" | "checkOut" | "adults" | "rooms" | "currency">;

export function toHotelCriteria(q: HotelSearchQuery): HotelSearchCriteria {
  return { cityCode: q.cityCode, checkIn: q.checkIn, checkOut: q.checkOut, adults: q.adults, rooms: q.rooms, currency: q.currency };
}

export function hotelSearchCacheKey(q: HotelSearchQuery): string {
  const c = toHotelCriteria(q);
  return ["hotels", c.cityCode, c.checkIn, c.checkOut, `a${c.adults}`, `r${c.rooms}`, c.currency].join(":");
}

const money = z.string().regex(/^\d+\.\d{2}$/);

/** What a supplier reports of its guests' reviews, on its own scale (Duffel 1–10, the Amadeus format 0–100). */
export const guestRatingSchema = z
  .object({
    source: z.enum(["duffel", "amadeus"]),
    value: z.number().meta({ description: "On the source's own scale: Duffel's review_score 1–10, the Amadeus format's overallRating 0–100" }),
    reviewCount: z.number().int().nonnegative(),
  })
  .meta({ description: "The supplier's guest rating, as it reports it" });

const ratingSourceNames = Object.keys(ratingSources) as [RatingSourceName, ...RatingSourceName[]];

/** ComparableRating (hotel-ratings.ts) as the API shows it. */
export const comparableRatingSchema = z
  .object({
    score: z.number().min(0).max(10).nullable().meta({ description: "0–10, one decimal; null when no source rates the hotel" }),
    sources: z.array(
      z.object({
        source: z.enum(ratingSourceNames).meta({ description: "verified: our reviews of confirmed stays · duffel, amadeus: the supplier's guest rating · stars: the hotel's class" }),
        value: z.number().meta({ description: "On the source's own scale" }),
        scale: z.string().meta({ example: "1–10" }),
        normalised: z.number().meta({ description: "The value mapped onto 0–10" }),
        reviewCount: z.number().int().nullable().meta({ description: "Reviews behind it; null for stars" }),
        verified: z.boolean().meta({ description: "True for reviews of stays confirmed here" }),
        weight: z.number().min(0).max(1).meta({ description: "Its share of the score" }),
      }),
    ),
  })
  .meta({ description: "One 0–10 figure from every source that rates the hotel, each source beside it" }) satisfies z.ZodType<ComparableRating>;

export const hotelOfferSchema = z
  .object({
    id: z.string().meta({ example: "ho_Vb3k2m9QxLw0aYt7Rz1cPq" }),
    supplier: z.string(),
    supplierOfferId: z.string(),
    hotel: z.object({
      hotelId: z.string(),
      name: z.string(),
      rating: z.number().int().min(1).max(5),
      starsUnknown: z.literal(true).optional().meta({ description: "The supplier gave no star rating: `rating` shows the middle of the scale, and the comparable rating leaves stars out" }),
      location: z.object({ latitude: z.number(), longitude: z.number() }),
      distanceKm: z.number().meta({ description: "From the city centre" }),
      amenities: z.array(z.enum(hotelAmenities)),
      guestRating: guestRatingSchema.optional(),
      comparableRating: comparableRatingSchema.optional().meta({
        description:
          "On search results: one 0–10 figure from our verified reviews, the supplier's guest rating and the stars, each source beside it " +
          "with its share; a hotel with few verified reviews leans on the others (docs/reviews.md)",
      }),
    }),
    room: z.object({ category: z.string(), beds: z.number().int(), bedType: z.string(), description: z.string() }),
    boardType: z.string(),
    checkIn: z.string(),
    checkOut: z.string(),
    nights: z.number().int(),
    price: z.object({ total: money, base: money, taxes: money, perNight: money, currency: z.string() }),
    cancellation: z.object({ refundable: z.boolean(), deadline: z.string().optional() }),
    bookingRequirements: bookingRequirementsSchema,
  })
  .meta({ id: "HotelOffer" });
export type HotelOffer = z.infer<typeof hotelOfferSchema>;
/** A hotel as the city's hotel list describes it (cached for a day; offers are not). */
export type HotelSummary = HotelOffer["hotel"];

/** The hotel's comparable score; null when nothing rates it (or it was not computed). */
const scoreOf = (o: HotelOffer) => o.hotel.comparableRating?.score ?? null;

export function refineHotelOffers(offers: HotelOffer[], q: Pick<HotelSearchQuery, "minRating" | "minScore" | "minPrice" | "maxPrice" | "amenities" | "sort">): HotelOffer[] {
  const kept = offers.filter((o) => {
    const total = Number(o.price.total);
    if (q.minRating !== undefined && o.hotel.rating < q.minRating) return false;
    if (q.minScore !== undefined && (scoreOf(o) ?? -1) < q.minScore) return false;
    if (q.minPrice !== undefined && total < q.minPrice) return false;
    if (q.maxPrice !== undefined && total > q.maxPrice) return false;
    if (q.amenities && !q.amenities.every((a) => o.hotel.amenities.includes(a))) return false;
    return true;
  });
  const byPrice = (a: HotelOffer, b: HotelOffer) => Number(a.price.total) - Number(b.price.total);
  const compare = {
    price: byPrice,
    rating: (a: HotelOffer, b: HotelOffer) => b.hotel.rating - a.hotel.rating || byPrice(a, b),
    distance: (a: HotelOffer, b: HotelOffer) => a.hotel.distanceKm - b.hotel.distanceKm || byPrice(a, b),
    // Scores are 0–10: an unscored hotel (-1) sorts after every scored one.
    score: (a: HotelOffer, b: HotelOffer) => (scoreOf(b) ?? -1) - (scoreOf(a) ?? -1) || byPrice(a, b),
  }[q.sort];
  return kept.sort(compare);
}
