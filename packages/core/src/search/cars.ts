import { z } from "zod";
import { isKnownLocationCode } from "../catalog/locations";
import { addDays, bookingRequirementsSchema, caseInsensitiveCode, caseInsensitiveEnum, currencySchema, maxDaysAhead, todayUtc } from "./flights";

/** ACRISS-based car categories the platform sells. */
export const carTypes = ["ECONOMY", "COMPACT", "MIDSIZE", "FULLSIZE", "SUV", "PREMIUM", "VAN"] as const;
export type CarType = (typeof carTypes)[number];
export const carSorts = ["price", "category"] as const;
const maxRentalDays = 60;
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "must be a local date-time in YYYY-MM-DDTHH:mm format" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), { message: "is not a valid date-time" })
  .meta({ maxLength: 16 });

const location = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { message: `${what} must be a 3-letter IATA airport or city code` })
    .refine(isKnownLocationCode, { message: `${what} is not a known IATA airport or city code` })
    .meta(caseInsensitiveCode);

/** Rental days as suppliers count them: every started 24 hours (with a 59-minute grace) is a day. */
export function rentalDays(pickupAt: string, dropoffAt: string): number {
  const minutes = (Date.parse(`${dropoffAt}:00Z`) - Date.parse(`${pickupAt}:00Z`)) / 60_000;
  return Math.max(1, Math.ceil((minutes - 59) / 1440));
}

/** Suppliers price by age band, not by exact age: one cache entry serves the whole band. */
export function driverAgeBand(age: number): "young" | "standard" | "senior" {
  return age < 25 ? "young" : age >= 70 ? "senior" : "standard";
}

export function carSearchQuerySchema(now: () => Date = () => new Date()) {
  return z
    .object({
      pickupLocation: location("pickupLocation"),
      dropoffLocation: location("dropoffLocation").optional(),
      pickupAt: localDateTime,
      dropoffAt: localDateTime,
      driverAge: z.coerce.number().int().min(18, { message: "drivers must be at least 18" }).max(99).default(30),
      carType: caseInsensitiveEnum(carTypes).optional(),
      currency: currencySchema,
      sort: z.enum(carSorts, { message: `must be one of ${carSorts.join(", ")}` }).default("price"),
    })
    .superRefine((q, ctx) => {
      const today = todayUtc(now());
      const pickupDay = q.pickupAt.slice(0, 10);
      if (pickupDay < today) ctx.addIssue({ code: "custom", path: ["pickupAt"], message: `must not be in the past (today is ${today} UTC)` });
      else if (pickupDay > addDays(today, maxDaysAhead)) ctx.addIssue({ code: "custom", path: ["pickupAt"], message: `must be within ${maxDaysAhead} days from today` });
      if (q.dropoffAt <= q.pickupAt) ctx.addIssue({ code: "custom", path: ["dropoffAt"], message: "must be after pickupAt" });
      else if (rentalDays(q.pickupAt, q.dropoffAt) > maxRentalDays) ctx.addIssue({ code: "custom", path: ["dropoffAt"], message: `rentals are at most ${maxRentalDays} days` });
    });
}

export type CarSearchQuery = z.output<ReturnType<typeof carSearchQuerySchema>>;
export interface CarSearchCriteria {
  pickupLocation: string;
  dropoffLocation: string;
  pickupAt: string;
  dropoffAt: string;
  driverAge: number;
  currency: string;
}

/** The band's representative age is what the supplier is asked for. */
const bandAge = { young: 23, standard: 30, senior: 72 } as const;

export function toCarCriteria(q: CarSearchQuery): CarSearchCriteria {
  return {
    pickupLocation: q.pickupLocation,
    dropoffLocation: q.dropoffLocation ?? q.pickupLocation,
    pickupAt: q.pickupAt,
    dropoffAt: q.dropoffAt,
    driverAge: bandAge[driverAgeBand(q.driverAge)],
    currency: q.currency,
  };
}

export function carSearchCacheKey(q: CarSearchQuery): string {
  const c = toCarCriteria(q);
  return ["cars", c.pickupLocation, c.dropoffLocation, c.pickupAt, c.dropoffAt, driverAgeBand(q.driverAge), c.currency].join(":");
}

const money = z.string().regex(/^\d+\.\d{2}$/);

export const carOfferSchema = z
  .object({
    id: z.string().meta({ example: "co_Y2Vx9kQ0bLm3Tz8WcP1rNs" }),
    supplier: z.string(),
    supplierOfferId: z.string(),
    vendor: z.object({ code: z.string(), name: z.string() }),
    vehicle: z.object({
      acrissCode: z.string().meta({ example: "ECMR", description: "ACRISS vehicle code" }),
      category: z.enum(carTypes),
      makeModel: z.string(),
      seats: z.number().int(),
      doors: z.number().int(),
      bags: z.number().int(),
      transmission: z.enum(["MANUAL", "AUTOMATIC"]),
      airConditioning: z.boolean(),
    }),
    pickup: z.object({ location: z.string(), at: z.string() }),
    dropoff: z.object({ location: z.string(), at: z.string() }),
    rentalDays: z.number().int(),
    mileage: z.string(),
    price: z.object({ total: money, perDay: money, oneWayFee: money, youngDriverFee: money, currency: z.string() }),
    bookingRequirements: bookingRequirementsSchema,
  })
  .meta({ id: "CarOffer" });
export type CarOffer = z.infer<typeof carOfferSchema>;

const categoryOrder = Object.fromEntries(carTypes.map((t, i) => [t, i])) as Record<CarType, number>;

export function refineCarOffers(offers: CarOffer[], q: Pick<CarSearchQuery, "carType" | "sort">): CarOffer[] {
  const kept = q.carType ? offers.filter((o) => o.vehicle.category === q.carType) : [...offers];
  const byPrice = (a: CarOffer, b: CarOffer) => Number(a.price.total) - Number(b.price.total);
  return kept.sort(q.sort === "category" ? (a, b) => categoryOrder[a.vehicle.category] - categoryOrder[b.vehicle.category] || byPrice(a, b) : byPrice);
}
