import type { NearbyAirport } from "../catalog";
import { distanceKm, referenceData } from "./openflights";

/** How far around a destination its nearby airports are looked for, and how many are kept. */
export const nearbyAirportsRadiusKm = 150;
export const nearbyAirportsLimit = 10;

/**
 * Airports within `radiusKm` of a location code (great-circle), itself excluded: the prominent
 * ones (international, metropolitan) first, then by distance. Military fields and heliports are
 * left out.
 */
export function nearbyAirports(code: string, radiusKm: number, limit: number): NearbyAirport[] {
  const data = referenceData();
  const origin = data.airportByCode.get(code) ?? data.cityByCode.get(code);
  if (!origin) return [];
  return data.airports
    .filter((a) => a.iataCode !== code && a.importance >= 0)
    .map((a) => ({ airport: a, km: distanceKm(origin, a) }))
    .filter(({ km }) => km <= radiusKm)
    .sort((x, y) => y.airport.importance - x.airport.importance || x.km - y.km)
    .slice(0, limit)
    .map(({ airport, km }) => ({
      iataCode: airport.iataCode,
      name: airport.name,
      cityName: airport.cityName,
      countryName: airport.countryName,
      distanceKm: Math.round(km),
    }));
}
