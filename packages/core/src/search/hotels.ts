import { z } from "zod";
import { isKnownCityCode } from "../catalog/locations";
import { addDays, bookingRequirementsSchema, caseInsensitiveCode, currencySchema, daysBetween, isoDate, maxDaysAhead, todayUtc } from "./flights";

export const hotelAmenities = [
  "WIFI", "PARKING", "POOL", "FITNESS_CENTER", "SPA", "RESTAURANT", "BAR", "AIR_CONDITIONING", "PETS_ALLOWED", "AIRPORT_SHUTTLE",
] as const;
export const hotelSorts = ["price", "rating", "distance"] as const;
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
      minRating: z.coerce.number().int().min(1).max(5).optional(),
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
      sort: z.enum(hotelSorts, { message: `must be one of ${hotelSorts.join(", ")}` }).default("price"),
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

export const hotelOfferSchema = z
  .object({
    id: z.string().meta({ example: "ho_Vb3k2m9QxLw0aYt7Rz1cPq" }),
    supplier: z.string(),
    supplierOfferId: z.string(),
    hotel: z.object({
      hotelId: z.string(),
      name: z.string(),
      rating: z.number().int().min(1).max(5),
      location: z.object({ latitude: z.number(), longitude: z.number() }),
      distanceKm: z.number().meta({ description: "From the city centre" }),
      amenities: z.array(z.enum(hotelAmenities)),
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

export function refineHotelOffers(offers: HotelOffer[], q: Pick<HotelSearchQuery, "minRating" | "minPrice" | "maxPrice" | "amenities" | "sort">): HotelOffer[] {
  const kept = offers.filter((o) => {
    const total = Number(o.price.total);
    if (q.minRating !== undefined && o.hotel.rating < q.minRating) return false;
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
  }[q.sort];
  return kept.sort(compare);
}
