import { createHash } from "node:crypto";
import { z } from "zod";
import { isKnownLocationCode } from "../catalog/locations";

export const cabins = ["ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST"] as const;
export type Cabin = (typeof cabins)[number];
export const flightSorts = ["price", "duration", "departure"] as const;
/** Currencies the suppliers price in. */
export const currencies = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SGD", "AED", "INR"] as const;
export type Currency = (typeof currencies)[number];

/** Furthest ahead airlines and hotels sell (schedules open ~361 days out). */
export const maxDaysAhead = 361;
const maxPassengers = 9;

export const isoDate = z.iso.date({ message: "must be a date in YYYY-MM-DD format" }).meta({ maxLength: 10 });

/**
 * How codes are documented (the OpenAPI document is generated from these schemas): travellers
 * may type them in any case, and they are checked and used upper-cased.
 */
export const caseInsensitiveCode = { pattern: "^[A-Za-z]{3}$", maxLength: 3, description: "Case-insensitive: normalised to upper case" };

const locationCode = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { message: `${what} must be a 3-letter IATA airport or city code` })
    .refine(isKnownLocationCode, { message: `${what} is not a known IATA airport or city code` })
    .meta(caseInsensitiveCode);

const upperCased = (value: unknown) => (typeof value === "string" ? value.trim().toUpperCase() : value);

/** One of `values`, in any case; documented as the enum it is checked against. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(upperCased, z.enum(values, { message: `must be one of ${values.join(", ")}` })).meta({ description: caseInsensitiveCode.description });
}

export const currencySchema = caseInsensitiveEnum(currencies).default("USD");

/** A query-string flag: `true` or `false`, documented as the boolean it is. */
const booleanString = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ message: "must be true or false" }));

export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Flight search question as a traveller asks it (query-string values are strings). `now` is
 * injectable so date rules are testable.
 */
export function flightSearchQuerySchema(now: () => Date = () => new Date()) {
  return z
    .object({
      origin: locationCode("origin"),
      destination: locationCode("destination"),
      departureDate: isoDate,
      returnDate: isoDate.optional(),
      adults: z.coerce.number().int().min(1).max(maxPassengers).default(1),
      children: z.coerce.number().int().min(0).max(maxPassengers - 1).default(0),
      cabin: caseInsensitiveEnum(cabins).default("ECONOMY"),
      nonStop: booleanString.default(false),
      maxPrice: z.coerce.number().positive().max(1_000_000).optional(),
      currency: currencySchema,
      sort: z.enum(flightSorts, { message: `must be one of ${flightSorts.join(", ")}` }).default("price"),
    })
    .superRefine((q, ctx) => {
      const today = todayUtc(now());
      if (q.origin === q.destination) {
        ctx.addIssue({ code: "custom", path: ["destination"], message: "destination must differ from origin" });
      }
      if (q.departureDate < today) {
        ctx.addIssue({ code: "custom", path: ["departureDate"], message: `must not be in the past (today is ${today} UTC)` });
      } else if (q.departureDate > addDays(today, maxDaysAhead)) {
        ctx.addIssue({ code: "custom", path: ["departureDate"], message: `must be within ${maxDaysAhead} days from today` });
      }
      if (q.returnDate !== undefined && q.returnDate < q.departureDate) {
        ctx.addIssue({ code: "custom", path: ["returnDate"], message: "must be on or after departureDate" });
      }
      if (q.adults + q.children > maxPassengers) {
        ctx.addIssue({ code: "custom", path: ["children"], message: `adults + children must be at most ${maxPassengers}` });
      }
      if (q.children > q.adults * 2) {
        ctx.addIssue({ code: "custom", path: ["children"], message: "at most two children per adult" });
      }
    });
}

export type FlightSearchQuery = z.output<ReturnType<typeof flightSearchQuerySchema>>;

/** What the supplier is asked: the query without the parts we apply ourselves (sort, maxPrice). */
export type FlightSearchCriteria = Omit<FlightSearchQuery, "sort" | "maxPrice">;

export function toFlightCriteria(query: FlightSearchQuery): FlightSearchCriteria {
  const { sort: _sort, maxPrice: _maxPrice, ...criteria } = query;
  return criteria;
}

/**
 * The cache key of a search: only what changes the supplier's answer, in a fixed order with
 * defaults filled and codes upper-cased, so equal questions share one entry however the query
 * string was written. Sorting and the price ceiling are applied to the cached offers instead.
 */
export function flightSearchCacheKey(query: FlightSearchQuery): string {
  const c = toFlightCriteria(query);
  return [
    "flights",
    c.origin,
    c.destination,
    c.departureDate,
    c.returnDate ?? "-",
    `a${c.adults}`,
    `c${c.children}`,
    c.cabin,
    c.nonStop ? "direct" : "any",
    c.currency,
  ].join(":");
}

const placeAndTime = z.object({
  iataCode: z.string().meta({ example: "LHR" }),
  terminal: z.string().optional(),
  at: z.string().meta({ description: "Local time at the airport, ISO-8601 without offset", example: "2027-03-14T10:30:00" }),
});

export const flightSegmentSchema = z.object({
  carrier: z.object({ code: z.string(), name: z.string() }),
  flightNumber: z.string().meta({ example: "BA117" }),
  operatingCarrier: z.string(),
  aircraft: z.string(),
  departure: placeAndTime,
  arrival: placeAndTime,
  duration: z.string().meta({ description: "ISO-8601 duration", example: "PT7H55M" }),
});

export const flightItinerarySchema = z.object({
  duration: z.string().meta({ example: "PT7H55M" }),
  durationMinutes: z.number().int(),
  stops: z.number().int(),
  segments: z.array(flightSegmentSchema),
});

const money = z.string().regex(/^\d+\.\d{2}$/).meta({ description: "Decimal amount", example: "523.40" });

/** What the fare allows before departure; null where the supplier does not say. */
const fareCondition = z
  .object({
    allowed: z.boolean(),
    penalty: z.object({ amount: money, currency: z.string().meta({ example: "GBP" }) }).nullable().meta({ description: "What it costs, when allowed and the supplier says" }),
  })
  .nullable();

export const fareConditionsSchema = z
  .object({ refundBeforeDeparture: fareCondition, changeBeforeDeparture: fareCondition })
  .meta({ id: "FareConditions", description: "Refunds and changes before departure, as the supplier states them (null: not stated)" });

export const paymentRequirementsSchema = z
  .object({
    instantPaymentRequired: z.boolean().meta({ description: "True: the supplier will not hold it; it is paid when booked" }),
    payBy: z.string().nullable().meta({ description: "Until when a hold may be paid (ISO-8601); null when not stated" }),
    priceGuaranteedUntil: z.string().nullable().meta({ description: "Until when the held price stands (ISO-8601); null when not stated" }),
  })
  .meta({ id: "PaymentRequirements" });

/** The traveller details a hold must give for this offer (suppliers that take orders ask for more). */
export const travellerDetailFields = ["firstName", "lastName", "dateOfBirth", "title", "gender"] as const;
export const bookingRequirementsSchema = z
  .object({
    travellerFields: z.array(z.enum(travellerDetailFields)).meta({ description: "What each traveller needs in the hold request" }),
    contactPhone: z.boolean().meta({ description: "True: the hold needs `contactPhone` (E.164)" }),
  })
  .meta({ id: "BookingRequirements", description: "What a hold of this offer must give; asked before the traveller submits" });

/** A bookable flight offer as the API returns it (camelCase, money as decimal strings). */
export const flightOfferSchema = z
  .object({
    id: z.string().meta({ description: "Stable offer id", example: "fo_3q2Xb0yS8m1Qw9V4dZk7Lg" }),
    supplier: z.string(),
    supplierOfferId: z.string(),
    cabin: z.enum(cabins),
    oneWay: z.boolean(),
    seatsAvailable: z.number().int(),
    lastTicketingDate: z.string(),
    validatingCarrier: z.object({ code: z.string(), name: z.string() }),
    price: z.object({ total: money, base: money, taxes: money, currency: z.string().meta({ example: "USD" }) }),
    itineraries: z.array(flightItinerarySchema),
    conditions: fareConditionsSchema,
    payment: paymentRequirementsSchema,
    bookingRequirements: bookingRequirementsSchema,
  })
  .meta({ id: "FlightOffer" });

export type FlightSegment = z.infer<typeof flightSegmentSchema>;
export type FlightItinerary = z.infer<typeof flightItinerarySchema>;
export type FlightOffer = z.infer<typeof flightOfferSchema>;
export type BookingRequirements = z.infer<typeof bookingRequirementsSchema>;

/**
 * An offer's id: the same flights, cabin and passengers priced in the same currency always get
 * the same id, whoever sells them, so an offer found in a cached search can be looked up again
 * later and the same flights sold by two suppliers are recognised as one product. `currency` is
 * the offer's own: a supplier that prices in another currency than the one asked for sells another product.
 */
export function flightOfferId(criteria: Pick<FlightSearchCriteria, "cabin" | "adults" | "children"> & { currency: string }, itineraries: Array<{ segments: Array<{ flightNumber: string; departure: { at: string } }> }>): string {
  const flights = itineraries.flatMap((it) => it.segments.map((s) => `${s.flightNumber}@${s.departure.at.slice(0, 19)}`));
  const fingerprint = [criteria.cabin, criteria.adults, criteria.children, criteria.currency, ...flights].join("|");
  return `fo_${createHash("sha256").update(fingerprint).digest("base64url").slice(0, 22)}`;
}

function totalMinutes(offer: FlightOffer): number {
  return offer.itineraries.reduce((sum, it) => sum + it.durationMinutes, 0);
}

/** Apply the traveller's price ceiling and ordering to offers fetched for the criteria. */
export function refineFlightOffers(offers: FlightOffer[], query: Pick<FlightSearchQuery, "maxPrice" | "sort">): FlightOffer[] {
  const affordable = query.maxPrice === undefined ? offers : offers.filter((o) => Number(o.price.total) <= query.maxPrice!);
  const byPrice = (a: FlightOffer, b: FlightOffer) => Number(a.price.total) - Number(b.price.total);
  const compare: Record<(typeof flightSorts)[number], (a: FlightOffer, b: FlightOffer) => number> = {
    price: (a, b) => byPrice(a, b) || totalMinutes(a) - totalMinutes(b),
    duration: (a, b) => totalMinutes(a) - totalMinutes(b) || byPrice(a, b),
    departure: (a, b) =>
      (a.itineraries[0]?.segments[0]?.departure.at ?? "").localeCompare(b.itineraries[0]?.segments[0]?.departure.at ?? "") ||
      byPrice(a, b),
  };
  return [...affordable].sort(compare[query.sort]);
}
