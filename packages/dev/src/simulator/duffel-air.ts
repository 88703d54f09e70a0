import { Hono, type Context } from "hono";
import type {} from "@duffel/api";
import type { CabinClass, Offer, PassengerType } from "@duffel/api/types";
import { earliestToday, isCalendarDate } from "./dates";
import { availableServices, passengerIds, searchKey, searchOffers, type DuffelSearch } from "./duffel-offers";
import { duffelPlace } from "./duffel-places";
import { seatMapsFor } from "./duffel-seat-maps";
import { duffelError, duffelId, invalidField, invalidParameter, notFound, readData, type DuffelEnv, type DuffelErrorItem } from "./duffel-wire";

/**
 * Duffel's flights endpoints: offer requests (searches), offers read back as sold now, and seat
 * maps. Offers are remembered in memory so they can be read back, and ordered (duffel-orders.ts);
 * a few of Duffel's own test routes behave as Duffel documents them, so re-pricing can be tried
 * against them.
 */
type Scenario = "no-offers" | "search-times-out" | "offer-gone" | "price-rises" | "no-baggage" | "no-services" | "instant-payment";

/** Duffel's fixed test routes (duffel.com/docs/api/overview/test-mode), by the first slice's origin and destination. */
const testRoutes: Record<string, Scenario> = {
  "PVD-RAI": "no-offers",
  "STN-LHR": "search-times-out",
  "LGW-LHR": "offer-gone",
  "LHR-STN": "price-rises",
  "BTS-MRU": "no-baggage",
  "BTS-ABV": "no-services",
  // The simulator's own, not Duffel's: offers that must be paid when ordered (no holds), as some
  // airlines sell. Other tests only search LHR→CDG, which these offers still answer.
  "LHR-CDG": "instant-payment",
};
/** Duffel Airways' test route raises the price by this much on every read. */
const priceStep = 10;

export interface StoredOffer {
  offer: Omit<Offer, "available_services">;
  scenario: Scenario | undefined;
  reads: number;
  /** The order that booked it: an offer is sold once. */
  orderId?: string;
}

/** What orders need of the offers searches remembered. */
export interface OfferDesk {
  /** The offer as sold now, or the error Duffel gives for one that cannot be had. */
  read(c: Context<DuffelEnv>, id: string): StoredOffer | Response;
  /** The offer at its current price: on LHR→STN the price the last read showed. */
  priced(stored: StoredOffer): Omit<Offer, "available_services">;
}

export const offerGone: DuffelErrorItem = {
  type: "airline_error",
  code: "offer_no_longer_available",
  title: "Offer no longer available",
  message: "The requested offer is no longer available. Please create a new offer request.",
};

/** Enough for any test or benchmark; the oldest offers are forgotten first. */
const maxStoredOffers = 50_000;
const cabinClasses: CabinClass[] = ["economy", "premium_economy", "business", "first"];
const passengerTypes: PassengerType[] = ["adult", "child", "infant_without_seat"];

function typeOfAge(age: number): PassengerType {
  return age >= 18 ? "adult" : age >= 2 ? "child" : "infant_without_seat";
}

/** The create-offer-request body, checked field by field as Duffel reports it, or the errors. */
export function parseOfferRequest(data: Record<string, unknown>): DuffelSearch | DuffelErrorItem[] {
  const errors: DuffelErrorItem[] = [];
  const slices = data.slices;
  if (!Array.isArray(slices) || slices.length === 0) errors.push(invalidField("/slices", "validation_required", "Field 'slices' can't be blank"));
  else if (slices.length > 2) errors.push(invalidField("/slices", "validation_format", "The simulator sells one-way (one slice) and return (two slices) journeys only"));
  const parsedSlices: DuffelSearch["slices"] = [];
  (Array.isArray(slices) ? slices.slice(0, 2) : []).forEach((raw: Record<string, unknown> | null, i) => {
    const slice = raw ?? {};
    for (const field of ["origin", "destination"] as const) {
      const value = slice[field];
      const pointer = `/slices/${i}/${field}`;
      if (value === undefined || value === null || value === "") errors.push(invalidField(pointer, "validation_required", `Field '${field}' can't be blank`));
      else if (typeof value !== "string" || !/^[A-Z]{3}$/.test(value)) errors.push(invalidField(pointer, "validation_format", `Field '${field}' must be an IATA airport or city code`));
      else if (!duffelPlace(value)) errors.push(invalidField(pointer, "validation_inclusion", `Field '${field}' is not a known airport or city: ${value}`));
    }
    const date = slice.departure_date;
    const pointer = `/slices/${i}/departure_date`;
    if (date === undefined || date === null || date === "") errors.push(invalidField(pointer, "validation_required", "Field 'departure_date' can't be blank"));
    else if (!isCalendarDate(date)) errors.push(invalidField(pointer, "validation_format", "Field 'departure_date' must be a date (YYYY-MM-DD)"));
    // Duffel's code for a past date is not documented; validation_format is the nearest documented one.
    else if (date < earliestToday()) errors.push(invalidField(pointer, "validation_format", "Field 'departure_date' must be today or later"));
    parsedSlices.push({ origin: String(slice.origin), destination: String(slice.destination), departure_date: String(date) });
  });
  const [outbound, inbound] = parsedSlices;
  if (outbound && inbound && errors.length === 0) {
    if (inbound.origin !== outbound.destination || inbound.destination !== outbound.origin) {
      errors.push(invalidField("/slices/1", "validation_format", "The simulator's second slice must return from the first slice's destination to its origin"));
    } else if (inbound.departure_date < outbound.departure_date) {
      errors.push(invalidField("/slices/1/departure_date", "validation_format", "Slices must be in chronological order"));
    }
  }
  const passengers = data.passengers;
  const parsedPassengers: DuffelSearch["passengers"] = [];
  if (!Array.isArray(passengers) || passengers.length === 0) errors.push(invalidField("/passengers", "validation_required", "Field 'passengers' can't be blank"));
  else if (passengers.length > 9) errors.push(invalidField("/passengers", "validation_format", "At most 9 passengers can travel on one offer"));
  else {
    passengers.forEach((raw: { type?: unknown; age?: unknown } | null, i) => {
      const age = raw?.age;
      if (age !== undefined && (typeof age !== "number" || !Number.isInteger(age) || age < 0 || age > 130)) {
        errors.push(invalidField(`/passengers/${i}/age`, "validation_format", "Field 'age' must be a whole number of years"));
      } else if (typeof age === "number") parsedPassengers.push({ type: typeOfAge(age), age });
      else if (passengerTypes.includes(raw?.type as PassengerType)) parsedPassengers.push({ type: raw!.type as PassengerType, age: null });
      else if (raw?.type === undefined) errors.push(invalidField(`/passengers/${i}/type`, "validation_required", "Each passenger needs a 'type' or an 'age'"));
      else errors.push(invalidField(`/passengers/${i}/type`, "validation_inclusion", `Field 'type' must be one of ${passengerTypes.join(", ")}`));
    });
    const count = (t: PassengerType) => parsedPassengers.filter((p) => p.type === t).length;
    if (errors.length === 0 && count("infant_without_seat") > count("adult")) {
      errors.push(invalidField("/passengers", "validation_format", "Each infant without a seat must travel with an adult"));
    }
  }
  const cabin = data.cabin_class ?? "economy";
  if (!cabinClasses.includes(cabin as CabinClass)) errors.push(invalidField("/cabin_class", "validation_inclusion", `Field 'cabin_class' must be one of ${cabinClasses.join(", ")}`));
  const maxConnections = data.max_connections ?? 1;
  if (maxConnections !== 0 && maxConnections !== 1 && maxConnections !== 2) {
    errors.push(invalidField("/max_connections", "validation_inclusion", "Field 'max_connections' must be 0, 1 or 2"));
  }
  if (errors.length > 0) return errors;
  return { slices: parsedSlices, passengers: parsedPassengers, cabinClass: cabin as CabinClass, maxConnections: maxConnections as 0 | 1 | 2 };
}

export function duffelAirApi() {
  const offers = new Map<string, StoredOffer>();
  const remember = (stored: StoredOffer) => {
    offers.delete(stored.offer.id);
    offers.set(stored.offer.id, stored);
    if (offers.size > maxStoredOffers) offers.delete(offers.keys().next().value!);
  };
  const app = new Hono<DuffelEnv>();

  const createOfferRequest = async (c: Context<DuffelEnv>) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const returnOffers = c.req.query("return_offers");
    if (returnOffers !== undefined && returnOffers !== "true" && returnOffers !== "false") {
      return duffelError(c, 422, invalidParameter("return_offers", "validation_inclusion", "return_offers must be true or false"));
    }
    const search = parseOfferRequest(data);
    if (Array.isArray(search)) return duffelError(c, 422, ...search);
    const scenario = testRoutes[`${search.slices[0]!.origin}-${search.slices[0]!.destination}`];
    if (scenario === "search-times-out") {
      return duffelError(c, 504, { type: "api_error", code: "gateway_timeout_error", title: "Gateway timeout", message: "The airline did not respond in time (Duffel's test route STN→LHR)." });
    }
    const now = new Date();
    const live = c.get("liveMode");
    const options = { noBaggage: scenario === "no-baggage", instantPayment: scenario === "instant-payment" };
    const found = scenario === "no-offers" ? [] : searchOffers(search, now, live, options);
    for (const offer of found) remember({ offer, scenario, reads: 0 });
    const key = searchKey(search);
    const id = duffelId("orq", key);
    const pax = passengerIds(search);
    return c.json(
      {
        data: {
          id,
          live_mode: live,
          created_at: now.toISOString(),
          cabin_class: search.cabinClass,
          passengers: search.passengers.map((p, i) => ({ id: pax[i], type: p.type, age: p.age, given_name: null, family_name: null, loyalty_programme_accounts: [] })),
          slices: search.slices.map((s) => {
            const origin = duffelPlace(s.origin)!;
            const destination = duffelPlace(s.destination)!;
            return { origin_type: origin.type, origin, destination_type: destination.type, destination, departure_date: s.departure_date };
          }),
          ...(returnOffers === "false" ? {} : { offers: found }),
          client_key: `SFMyNTY.${Buffer.from(id).toString("base64url")}`,
        },
      },
      201,
    );
  };
  app.post("/air/offer_requests", createOfferRequest);
  // The official client posts to the collection with a trailing slash.
  app.post("/air/offer_requests/", createOfferRequest);

  const desk: OfferDesk = {
    read: (c, id) => {
      const stored = offers.get(id);
      if (!stored) return duffelError(c, 404, notFound(`offer ${id}`));
      if (stored.scenario === "offer-gone" || Date.parse(stored.offer.expires_at) <= Date.now()) return duffelError(c, 422, offerGone);
      return stored;
    },
    priced: ({ offer, scenario, reads }) => {
      if (scenario !== "price-rises" || reads === 0) return offer;
      const rise = (amount: string | null) => (Number(amount) + priceStep * reads).toFixed(2);
      return { ...offer, total_amount: rise(offer.total_amount), base_amount: rise(offer.base_amount), updated_at: new Date().toISOString() };
    },
  };

  app.get("/air/offers/:id", (c) => {
    const stored = desk.read(c, c.req.param("id"));
    if (stored instanceof Response) return stored;
    if (stored.scenario === "price-rises") stored.reads += 1;
    const offer = desk.priced(stored);
    const withServices = c.req.query("return_available_services") === "true" && stored.scenario !== "no-services";
    return c.json({ data: { ...offer, available_services: withServices ? availableServices(offer) : [] } });
  });

  app.get("/air/seat_maps", (c) => {
    const offerId = c.req.query("offer_id");
    if (!offerId) {
      return duffelError(c, 422, invalidParameter("offer_id", "validation_required", "Query parameter 'offer_id' can't be blank"));
    }
    const stored = desk.read(c, offerId);
    if (stored instanceof Response) return stored;
    return c.json({ data: seatMapsFor(stored.offer) });
  });

  return { app, offers: desk };
}
