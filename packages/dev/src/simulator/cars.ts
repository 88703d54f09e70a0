import { distanceKm, locationOf } from "@travel/core/reference-data";
import { rentalDays } from "@travel/core/search";
import type { CarAvailabilityResponse } from "@travel/core/suppliers";
import { usdRates } from "./flight-schedule";
import { rngFrom } from "./random";

/**
 * Deterministic car rental availability for the supplier simulator: real rental brands, ACRISS
 * vehicle codes with typical models, day rates by category, brand, location and season, young
 * driver surcharge under 25 and a distance-based one-way fee.
 */
const vendors = [
  { code: "ZE", name: "Hertz", factor: 1.15 },
  { code: "ZI", name: "Avis", factor: 1.1 },
  { code: "ZD", name: "Budget", factor: 0.95 },
  { code: "ET", name: "Enterprise", factor: 1.0 },
  { code: "SX", name: "Sixt", factor: 1.05 },
  { code: "AL", name: "Alamo", factor: 0.92 },
];
const fleet = [
  { category: "ECONOMY", acriss: "ECMR", makeModel: "Kia Rio or similar", seats: 5, doors: 4, bags: 1, transmission: "MANUAL", dayUsd: 32 },
  { category: "COMPACT", acriss: "CDAR", makeModel: "Volkswagen Golf or similar", seats: 5, doors: 4, bags: 2, transmission: "AUTOMATIC", dayUsd: 38 },
  { category: "MIDSIZE", acriss: "IDAR", makeModel: "Toyota Corolla or similar", seats: 5, doors: 4, bags: 2, transmission: "AUTOMATIC", dayUsd: 45 },
  { category: "FULLSIZE", acriss: "FDAR", makeModel: "Toyota Camry or similar", seats: 5, doors: 4, bags: 3, transmission: "AUTOMATIC", dayUsd: 55 },
  { category: "SUV", acriss: "IFAR", makeModel: "Toyota RAV4 or similar", seats: 5, doors: 5, bags: 3, transmission: "AUTOMATIC", dayUsd: 65 },
  { category: "PREMIUM", acriss: "PDAR", makeModel: "BMW 5 Series or similar", seats: 5, doors: 4, bags: 3, transmission: "AUTOMATIC", dayUsd: 95 },
  { category: "VAN", acriss: "MVAR", makeModel: "Chrysler Pacifica or similar", seats: 7, doors: 5, bags: 4, transmission: "AUTOMATIC", dayUsd: 90 },
] as const;

export interface CarRequest {
  pickupLocation: string;
  dropoffLocation: string;
  pickupAt: string;
  dropoffAt: string;
  driverAge: number;
  currency: string;
}

/**
 * A rate id carries the question it answers (`ZE-ECMR-<the request, base64url>`), so a
 * reservation finds its rate again from the id alone, whenever the simulator was started.
 */
function rateIdOf(vendor: string, acriss: string, request: CarRequest): string {
  const question = [request.pickupLocation, request.dropoffLocation, request.pickupAt, request.dropoffAt, request.driverAge, request.currency];
  return `${vendor}-${acriss}-${Buffer.from(JSON.stringify(question)).toString("base64url")}`;
}

/** The rate an id names, as availability prices it now, with the question it answered; undefined for an id that names none. */
export function carRate(rateId: string): { vehicle: CarAvailabilityResponse["vehicles"][number]; request: CarRequest } | undefined {
  try {
    const [pickupLocation, dropoffLocation, pickupAt, dropoffAt, driverAge, currency] = JSON.parse(Buffer.from(rateId.split("-")[2] ?? "", "base64url").toString()) as [string, string, string, string, number, string];
    const request = { pickupLocation, dropoffLocation, pickupAt, dropoffAt, driverAge, currency };
    const vehicle = carAvailability(request)?.vehicles.find((v) => v.rateId === rateId);
    return vehicle ? { vehicle, request } : undefined;
  } catch {
    return undefined;
  }
}

export function carAvailability(request: CarRequest): CarAvailabilityResponse | undefined {
  const pickup = locationOf(request.pickupLocation);
  const dropoff = locationOf(request.dropoffLocation);
  if (!pickup || !dropoff) return undefined;
  const days = rentalDays(request.pickupAt, request.dropoffAt);
  const rate = usdRates[request.currency] ?? 1;
  const rng = rngFrom(`cars|${request.pickupLocation}|${request.pickupAt.slice(0, 10)}`);
  const locationFactor = 0.8 + rngFrom(`carprice|${request.pickupLocation}`)() * 0.6;
  const month = Number(request.pickupAt.slice(5, 7));
  const season = [6, 7, 8, 12].includes(month) ? 1.25 : 1;
  const oneWayUsd = request.pickupLocation === request.dropoffLocation ? 0 : 75 + distanceKm(pickup, dropoff) * 0.3;
  const youngPerDayUsd = request.driverAge < 25 ? 25 : 0;
  const here = vendors.filter(() => rng() < 0.7);
  const atDesk = here.length > 0 ? here : vendors.slice(0, 3);
  const vehicles: CarAvailabilityResponse["vehicles"] = [];
  for (const vendor of atDesk) {
    for (const car of fleet) {
      if (car.category !== "ECONOMY" && rng() < 0.3) continue;
      const perDayUsd = car.dayUsd * vendor.factor * locationFactor * season * (0.95 + rng() * 0.1);
      const money = (usd: number) => (usd * rate).toFixed(2);
      const totalUsd = perDayUsd * days + youngPerDayUsd * days + oneWayUsd;
      vehicles.push({
        rateId: rateIdOf(vendor.code, car.acriss, request),
        vendor: { code: vendor.code, name: vendor.name },
        vehicle: { ...car, acriss: car.acriss, airConditioning: true },
        pickup: { location: request.pickupLocation, dateTime: request.pickupAt },
        dropoff: { location: request.dropoffLocation, dateTime: request.dropoffAt },
        rate: {
          currency: request.currency,
          total: money(totalUsd),
          perDay: money(perDayUsd),
          oneWayFee: money(oneWayUsd),
          youngDriverFee: money(youngPerDayUsd * days),
          mileage: "UNLIMITED",
        },
      });
    }
  }
  return { meta: { count: vehicles.length, rentalDays: days }, vehicles };
}
