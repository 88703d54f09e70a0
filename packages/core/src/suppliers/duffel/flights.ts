import type { CreateOfferRequest, CreateOfferRequestPassenger, FlightsCondition, Offer, SeatMap, SeatMapCabinRowSectionElementSeat } from "@duffel/api/types";
import { cabins, flightOfferId, type Cabin, type FlightOffer, type FlightSearchCriteria } from "../../search/flights";
import type { SupplierSeatMap } from "../../search/suppliers";
import { parseIsoDuration } from "../amadeus/wire";

/**
 * Duffel's flight shapes (the official client's own types) to and from ours. Duffel asks for a
 * child's age, not its category; a traveller who gives only a count of children is asked for as
 * aged 11, the oldest age of the "child" category that count stands for (2–11, as Amadeus defines it).
 */
export const childAgeWhenUnstated = 11;

export function offerRequestOf(criteria: FlightSearchCriteria): CreateOfferRequest {
  const slices = [{ origin: criteria.origin, destination: criteria.destination, departure_date: criteria.departureDate, departure_time: null, arrival_time: null }];
  if (criteria.returnDate) slices.push({ origin: criteria.destination, destination: criteria.origin, departure_date: criteria.returnDate, departure_time: null, arrival_time: null });
  const passengers: CreateOfferRequestPassenger[] = [
    ...Array.from({ length: criteria.adults }, () => ({ type: "adult" as const })),
    ...Array.from({ length: criteria.children }, () => ({ age: childAgeWhenUnstated })),
  ];
  return {
    slices,
    passengers,
    cabin_class: criteria.cabin.toLowerCase() as CreateOfferRequest["cabin_class"],
    ...(criteria.nonStop ? { max_connections: 0 as const } : {}),
  };
}

/** Duffel's amounts (strings, sometimes null) as ours: two decimals. */
export const money = (amount: string | null | undefined) => Number(amount ?? 0).toFixed(2);

function cabinOf(offer: Pick<Offer, "slices">, asked: Cabin): Cabin {
  const named = offer.slices[0]?.segments[0]?.passengers[0]?.cabin_class?.toUpperCase();
  return (cabins as readonly string[]).includes(named ?? "") ? (named as Cabin) : asked;
}

function conditionOf(condition: FlightsCondition | null | undefined): FlightOffer["conditions"]["refundBeforeDeparture"] {
  if (!condition) return null;
  const { penalty_amount: amount, penalty_currency: currency } = condition as { penalty_amount?: string | null; penalty_currency?: string | null };
  return { allowed: condition.allowed, penalty: condition.allowed && amount && currency ? { amount: money(amount), currency } : null };
}

/** Duffel's `0101` flight numbers are padded; a traveller reads BA117, not BA0117. */
export function flightNumber(carrier: string, number: string): string {
  return `${carrier}${number.replace(/^0+(?=\d)/, "")}`;
}

export function toFlightOffer(offer: Omit<Offer, "available_services">, criteria: FlightSearchCriteria, supplier: string): FlightOffer {
  const owner = offer.owner;
  const itineraries = offer.slices.map((slice) => {
    const segments = slice.segments.map((s) => {
      const carrier = s.marketing_carrier.iata_code ?? owner.iata_code ?? "";
      return {
        carrier: { code: carrier, name: s.marketing_carrier.name },
        flightNumber: flightNumber(carrier, s.marketing_carrier_flight_number),
        operatingCarrier: s.operating_carrier.iata_code ?? carrier,
        aircraft: s.aircraft?.iata_code ?? "",
        departure: { iataCode: s.origin.iata_code ?? "", ...(s.origin_terminal ? { terminal: s.origin_terminal } : {}), at: s.departing_at.slice(0, 19) },
        arrival: { iataCode: s.destination.iata_code ?? "", ...(s.destination_terminal ? { terminal: s.destination_terminal } : {}), at: s.arriving_at.slice(0, 19) },
        duration: s.duration ?? "",
      };
    });
    const duration = slice.duration ?? "";
    return { duration, durationMinutes: parseIsoDuration(duration), stops: Math.max(0, segments.length - 1), segments };
  });
  const total = Number(offer.total_amount);
  const base = Number(offer.base_amount ?? offer.total_amount);
  return {
    id: flightOfferId({ ...criteria, currency: offer.total_currency }, itineraries),
    supplier,
    supplierOfferId: offer.id,
    cabin: cabinOf(offer, criteria.cabin),
    oneWay: offer.slices.length === 1,
    // Duffel does not count seats left on an offer; the seat map tells which are for sale.
    seatsAvailable: criteria.adults + criteria.children,
    lastTicketingDate: (offer.payment_requirements.payment_required_by ?? offer.expires_at).slice(0, 10),
    validatingCarrier: { code: owner.iata_code ?? "", name: owner.name },
    price: { total: total.toFixed(2), base: base.toFixed(2), taxes: (total - base).toFixed(2), currency: offer.total_currency },
    itineraries,
    conditions: { refundBeforeDeparture: conditionOf(offer.conditions?.refund_before_departure), changeBeforeDeparture: conditionOf(offer.conditions?.change_before_departure) },
    payment: {
      instantPaymentRequired: offer.payment_requirements.requires_instant_payment,
      payBy: offer.payment_requirements.payment_required_by,
      priceGuaranteedUntil: offer.payment_requirements.price_guarantee_expires_at,
    },
    // A Duffel offer is booked as a Duffel order, in the travellers' full names and details.
    bookingRequirements: { travellerFields: ["firstName", "lastName", "dateOfBirth", "title", "gender"], contactPhone: true },
  };
}


/** The seats of a Duffel seat map (its cabins' rows' sections' elements that are seats). */
export function seatElementsOf(map: SeatMap): SeatMapCabinRowSectionElementSeat[] {
  return map.cabins.flatMap((cabin) =>
    cabin.rows.flatMap((row) => row.sections.flatMap((section) => section.elements.filter((e): e is SeatMapCabinRowSectionElementSeat => e.type === "seat" && "designator" in e))),
  );
}

/** Duffel's seat maps (one per segment): a seat is for sale when it has a service to buy. */
export function toSeatMaps(maps: SeatMap[], offer: FlightOffer, segmentIds: Map<string, string>): SupplierSeatMap[] {
  return maps.map((map) => {
    const seats: SupplierSeatMap["seats"] = seatElementsOf(map).map((element) => {
      const service = element.available_services[0];
      return { seatId: element.designator, available: !!service, price: service ? { amount: money(service.total_amount), currency: service.total_currency } : null };
    });
    return { flightNumber: segmentIds.get(map.segment_id) ?? offer.itineraries[0]?.segments[0]?.flightNumber ?? "", seats };
  });
}
