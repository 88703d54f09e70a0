import type {} from "@duffel/api";
import type {
  CabinClass,
  FlightsCondition,
  Offer,
  OfferAvailableService,
  OfferPassenger,
  OfferSlice,
  OfferSliceSegment,
  PassengerType,
} from "@duffel/api/types";
import type { AmadeusTravelClass } from "@travel/core/suppliers";
import { formatIsoDuration } from "@travel/core/suppliers";
import { duffelAircraft, duffelAirline, duffelAirport } from "./duffel-places";
import { duffelId } from "./duffel-wire";
import { childShare, scheduledFlights, usdRates, type ScheduledFlight, type ScheduledSegment } from "./flight-schedule";
import { rngFrom } from "./random";

/**
 * The simulated schedule (flight-schedule.ts) as Duffel sells it: full v2 Offer objects whose ids
 * derive from the search and the flight, so the same search gives the same offers. Prices are the
 * schedule's fares with a per-offer spread of a few percent, as two suppliers' prices for the
 * same flight differ.
 */
export interface DuffelSearch {
  slices: Array<{ origin: string; destination: string; departure_date: string }>;
  passengers: Array<{ type: PassengerType; age: number | null }>;
  cabinClass: CabinClass;
  maxConnections: 0 | 1 | 2;
}

/** What the simulator's Duffel account sells in. A USD account keeps its offers comparable with the Amadeus side's default. */
export const duffelCurrency = "USD";
/** Duffel's offers stay valid about 30 minutes after the search. */
export const offerLifetimeMs = 30 * 60_000;

export const cabinOf: Record<CabinClass, AmadeusTravelClass> = { economy: "ECONOMY", premium_economy: "PREMIUM_ECONOMY", business: "BUSINESS", first: "FIRST" };
const cabinNames: Record<CabinClass, string> = { economy: "Economy", premium_economy: "Premium Economy", business: "Business", first: "First" };
/** An infant on a lap pays this share of an adult fare. */
const infantShare = 0.1;

export interface OfferOptions {
  /** Duffel's test route BTS→MRU: offers without baggage. */
  noBaggage?: boolean;
  /** The simulator's own test route (duffel-air.ts): offers that cannot be held, only paid at once. */
  instantPayment?: boolean;
}

/** The key of a search: equal searches, equal ids. */
export function searchKey(search: DuffelSearch): string {
  return JSON.stringify([search.slices, search.passengers, search.cabinClass, search.maxConnections]);
}

export function passengerIds(search: DuffelSearch): string[] {
  const key = searchKey(search);
  return search.passengers.map((_, i) => duffelId("pas", key, i));
}

export function searchOffers(search: DuffelSearch, now: Date, live: boolean, options: OfferOptions = {}): Array<Omit<Offer, "available_services">> {
  const [outbound, inbound] = search.slices;
  const flights = scheduledFlights({
    origin: outbound!.origin,
    destination: outbound!.destination,
    departureDate: outbound!.departure_date,
    ...(inbound ? { returnDate: inbound.departure_date } : {}),
    cabin: cabinOf[search.cabinClass],
    nonStop: search.maxConnections === 0,
  });
  const key = searchKey(search);
  return flights.map((flight) => offerFor(search, flight, key, now, live, options));
}

const money = (amount: number) => amount.toFixed(2);

function offerFor(search: DuffelSearch, flight: ScheduledFlight, key: string, now: Date, live: boolean, options: OfferOptions): Omit<Offer, "available_services"> {
  const flightKey = flight.legs.flatMap((l) => l.segments.map((s) => `${s.carrier.iataCode}${s.flightNumber}${s.departureLocal}`)).join(",");
  const id = duffelId("off", key, flightKey);
  const spread = 0.96 + rngFrom(`duffel|${id}`)() * 0.1;
  const rate = usdRates[duffelCurrency]! * spread;
  const shares = search.passengers.map((p) => (p.type === "adult" ? 1 : p.type === "child" ? childShare : infantShare));
  const base = shares.reduce((sum, s) => sum + Number(money(flight.adultBaseUsd * rate * s)), 0);
  const tax = shares.reduce((sum, s) => sum + Number(money(flight.adultTaxesUsd * rate * s)), 0);
  const penalty = (usd: number) => ({ penalty_amount: money(usd * rate * search.passengers.length), penalty_currency: duffelCurrency });
  const flexible = flight.direct || search.cabinClass !== "economy";
  const refund: FlightsCondition = flexible
    ? { allowed: true, ...penalty(search.cabinClass === "economy" ? 75 : 0) }
    : { allowed: false, penalty_amount: null, penalty_currency: null };
  const change: FlightsCondition = { allowed: true, ...penalty(search.cabinClass === "economy" ? 40 : 0) };
  const firstDeparture = new Date(`${flight.legs[0]!.segments[0]!.departureLocal}Z`).getTime();
  const holdUntil = new Date(Math.min(now.getTime() + 72 * 3_600_000, firstDeparture - 24 * 3_600_000));
  const owner = duffelAirline(flight.carrier);
  const pax = passengerIds(search);
  const passengers: OfferPassenger[] = search.passengers.map((p, i) => ({
    id: pax[i]!,
    type: p.type,
    age: p.age,
    fare_type: null,
    loyalty_programme_accounts: [],
  }));
  const slices: OfferSlice[] = flight.legs.map((leg, k) => {
    const sliceId = duffelId("sli", id, k);
    const segments = leg.segments.map((s, j) => segmentFor(s, duffelId("seg", id, k, j), search, pax, flight.direct, options));
    return {
      id: sliceId,
      origin_type: "airport",
      origin: duffelAirport(leg.segments[0]!.from),
      destination_type: "airport",
      destination: duffelAirport(leg.segments.at(-1)!.to),
      duration: formatIsoDuration(leg.minutes),
      fare_brand_name: flexible ? "Standard" : "Basic",
      segments,
      conditions: { change_before_departure: change, refund_before_departure: null, advance_seat_selection: true, priority_boarding: search.cabinClass !== "economy", priority_check_in: search.cabinClass !== "economy" },
      ngs_shelf: flexible ? 3 : 1,
      comparison_key: duffelId("cmp", flightKey, k).slice(8),
    };
  });
  const totalKm = flight.legs.reduce((sum, l) => sum + l.km, 0);
  return {
    id,
    live_mode: live,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    expires_at: new Date(now.getTime() + offerLifetimeMs).toISOString(),
    total_amount: money(base + tax),
    total_currency: duffelCurrency,
    base_amount: money(base),
    base_currency: duffelCurrency,
    tax_amount: money(tax),
    tax_currency: duffelCurrency,
    total_emissions_kg: String(Math.round(totalKm * 0.09 * shares.filter((s) => s >= childShare).length * (search.cabinClass === "economy" ? 1 : 2))),
    partial: false,
    private_fares: [],
    owner,
    passengers,
    passenger_identity_documents_required: false,
    supported_passenger_identity_document_types: ["passport"],
    supported_loyalty_programmes: [flight.carrier.iataCode],
    conditions: { refund_before_departure: refund, change_before_departure: change },
    payment_requirements: options.instantPayment
      ? { requires_instant_payment: true, payment_required_by: null, price_guarantee_expires_at: null }
      : {
          requires_instant_payment: false,
          payment_required_by: holdUntil.toISOString(),
          price_guarantee_expires_at: new Date(Math.min(holdUntil.getTime(), now.getTime() + 48 * 3_600_000)).toISOString(),
        },
    slices,
  };
}

function segmentFor(s: ScheduledSegment, id: string, search: DuffelSearch, pax: string[], direct: boolean, options: OfferOptions): OfferSliceSegment {
  const carrier = duffelAirline(s.carrier);
  const wide = s.aircraft.layout.split("|").length > 2;
  return {
    id,
    origin: duffelAirport(s.from),
    destination: duffelAirport(s.to),
    origin_terminal: s.departureTerminal ?? null,
    destination_terminal: s.arrivalTerminal ?? null,
    departing_at: s.departureLocal,
    arriving_at: s.arrivalLocal,
    duration: formatIsoDuration(s.minutes),
    distance: s.km.toFixed(1),
    stops: [],
    marketing_carrier: carrier,
    marketing_carrier_flight_number: s.flightNumber.padStart(4, "0"),
    operating_carrier: carrier,
    operating_carrier_flight_number: s.flightNumber.padStart(4, "0"),
    aircraft: duffelAircraft(s.aircraft),
    passengers: pax.map((passengerId) => ({
      passenger_id: passengerId,
      cabin_class: search.cabinClass,
      cabin_class_marketing_name: cabinNames[search.cabinClass],
      fare_basis_code: `${cabinOf[search.cabinClass][0]}${direct ? "LOW" : "SAV"}${s.carrier.iataCode}`,
      baggages: options.noBaggage
        ? []
        : [
            { type: "carry_on", quantity: 1 },
            ...(direct || search.cabinClass !== "economy" ? [{ type: "checked" as const, quantity: search.cabinClass === "economy" ? 1 : 2 }] : []),
          ],
      cabin: {
        name: search.cabinClass,
        marketing_name: cabinNames[search.cabinClass],
        amenities: {
          wifi: wide ? { available: true, cost: "paid" } : null,
          power: wide ? { available: true } : null,
          seat: { pitch: search.cabinClass === "economy" ? "standard" : "more", type: search.cabinClass === "business" || search.cabinClass === "first" ? "full_flat" : "standard" },
        },
      },
    })),
  };
}

/** A checked bag per passenger with a seat and slice, as GET /air/offers/{id}?return_available_services=true lists them. */
export function availableServices(offer: Omit<Offer, "available_services">): OfferAvailableService[] {
  const seated = offer.passengers.filter((p) => p.type !== "infant_without_seat");
  return offer.slices.flatMap((slice) =>
    seated.map((p) => ({
      id: duffelId("ase", offer.id, slice.id, p.id),
      type: "baggage" as const,
      maximum_quantity: 2,
      passenger_ids: [p.id],
      segment_ids: slice.segments.map((s) => s.id),
      total_amount: money(35 * usdRates[duffelCurrency]!),
      total_currency: duffelCurrency,
      metadata: { type: "checked" as const, maximum_weight_kg: 23, maximum_height_cm: null, maximum_length_cm: null, maximum_depth_cm: null },
    })),
  );
}
