import { referenceData } from "@travel/core/reference-data";
import {
  formatIsoDuration,
  type AmadeusFlightOffer,
  type AmadeusFlightOffersResponse,
  type AmadeusSegment,
  type AmadeusTravelClass,
} from "@travel/core/suppliers";
import { childShare, scheduledFlights, usdRates, type ScheduledSegment } from "./flight-schedule";

/**
 * The simulated schedule (flight-schedule.ts) as Amadeus Flight Offers Search v2 answers it:
 * deterministic per route, dates, cabin and passengers.
 */
export interface FlightSearchRequest {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string;
  adults: number;
  children: number;
  cabin: AmadeusTravelClass;
  nonStop: boolean;
  currency: string;
  maxPrice?: number;
  max: number;
  /** `includedAirlineCodes`: only these carriers' offers. */
  includedAirlines?: string[];
  /** `excludedAirlineCodes`: none of these carriers' offers. */
  excludedAirlines?: string[];
}

const fareClass: Record<AmadeusTravelClass, string> = { ECONOMY: "M", PREMIUM_ECONOMY: "W", BUSINESS: "J", FIRST: "F" };

function amadeusSegment(s: ScheduledSegment, id: string): AmadeusSegment {
  return {
    id,
    departure: { iataCode: s.from.iataCode, ...(s.departureTerminal ? { terminal: s.departureTerminal } : {}), at: s.departureLocal },
    arrival: { iataCode: s.to.iataCode, ...(s.arrivalTerminal ? { terminal: s.arrivalTerminal } : {}), at: s.arrivalLocal },
    carrierCode: s.carrier.iataCode,
    number: s.flightNumber,
    aircraft: { code: s.aircraft.code },
    operating: { carrierCode: s.carrier.iataCode },
    duration: formatIsoDuration(s.minutes),
    numberOfStops: 0,
    blacklistedInEU: false,
  };
}

export function generateFlightOffers(request: FlightSearchRequest): AmadeusFlightOffersResponse {
  const rate = usdRates[request.currency] ?? 1;
  const offers: AmadeusFlightOffer[] = [];
  const flights = scheduledFlights(request).filter(
    (f) => (!request.includedAirlines || request.includedAirlines.includes(f.carrier.iataCode)) && !request.excludedAirlines?.includes(f.carrier.iataCode),
  );
  for (const { carrier, direct, legs, adultBaseUsd, adultTaxesUsd, bookableSeats } of flights) {
    const money = (usd: number) => (usd * rate).toFixed(2);
    const adultBase = Number(money(adultBaseUsd));
    const adultTotal = Number(money(adultBaseUsd + adultTaxesUsd));
    const childBase = Number(money(adultBaseUsd * childShare));
    const childTotal = Number(money((adultBaseUsd + adultTaxesUsd) * childShare));
    const base = adultBase * request.adults + childBase * request.children;
    const total = adultTotal * request.adults + childTotal * request.children;
    if (request.maxPrice !== undefined && adultTotal > request.maxPrice) continue;
    let segmentId = 0;
    const itineraries = legs.map((l) => ({
      duration: formatIsoDuration(l.minutes),
      segments: l.segments.map((s) => amadeusSegment(s, String(++segmentId))),
    }));
    const allSegments = itineraries.flatMap((it) => it.segments);
    const lastTicketing = new Date(`${request.departureDate}T00:00:00Z`);
    lastTicketing.setUTCDate(lastTicketing.getUTCDate() - 1);
    const travelerTypes = [
      ...Array.from({ length: request.adults }, () => "ADULT" as const),
      ...Array.from({ length: request.children }, () => "CHILD" as const),
    ];
    offers.push({
      type: "flight-offer",
      id: String(offers.length + 1),
      source: "GDS",
      instantTicketingRequired: false,
      nonHomogeneous: false,
      oneWay: !request.returnDate,
      lastTicketingDate: lastTicketing.toISOString().slice(0, 10),
      numberOfBookableSeats: bookableSeats,
      itineraries,
      price: {
        currency: request.currency,
        total: total.toFixed(2),
        base: base.toFixed(2),
        fees: [{ amount: "0.00", type: "SUPPLIER" }, { amount: "0.00", type: "TICKETING" }],
        grandTotal: total.toFixed(2),
      },
      pricingOptions: { fareType: ["PUBLISHED"], includedCheckedBagsOnly: request.cabin !== "ECONOMY" },
      validatingAirlineCodes: [carrier.iataCode],
      travelerPricings: travelerTypes.map((travelerType, t) => ({
        travelerId: String(t + 1),
        fareOption: "STANDARD",
        travelerType,
        price: {
          currency: request.currency,
          total: (travelerType === "ADULT" ? adultTotal : childTotal).toFixed(2),
          base: (travelerType === "ADULT" ? adultBase : childBase).toFixed(2),
        },
        fareDetailsBySegment: allSegments.map((s) => ({
          segmentId: s.id,
          cabin: request.cabin,
          fareBasis: `${fareClass[request.cabin]}${direct ? "LOW" : "SAV"}${request.currency.slice(0, 2)}`,
          class: fareClass[request.cabin],
        })),
      })),
    });
  }

  const limited = offers.slice(0, request.max);
  const data = referenceData();
  const carrierCodes = new Set(limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.map((s) => s.carrierCode))));
  const airportCodes = new Set(
    limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.flatMap((s) => [s.departure.iataCode, s.arrival.iataCode]))),
  );
  const aircraftCodes = new Set(limited.flatMap((o) => o.itineraries.flatMap((it) => it.segments.map((s) => s.aircraft.code))));
  return {
    meta: { count: limited.length },
    data: limited,
    dictionaries: {
      carriers: Object.fromEntries([...carrierCodes].map((c) => [c, (data.airlineByCode.get(c)?.name ?? c).toUpperCase()])),
      aircraft: Object.fromEntries([...aircraftCodes].map((c) => [c, c])),
      locations: Object.fromEntries(
        [...airportCodes].map((c) => [c, { cityCode: data.airportByCode.get(c)?.cityCode ?? c }]),
      ),
      currencies: { [request.currency]: request.currency },
    },
  };
}
