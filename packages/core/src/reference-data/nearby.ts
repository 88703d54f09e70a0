import type { NearbyAirport } from "../catalog";
import { distanceKm, referenceData, type Airport } from "./reference-tables";

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
  return candidatesNear(origin.latitude, radiusKm)
    .filter((a) => a.iataCode !== code)
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

/** Kilometres per degree of latitude on the sphere `distanceKm` uses (radius 6,371 km). */
const kmPerDegreeLatitude = (6371 * Math.PI) / 180;
let byLatitude: Array<{ airport: Airport; position: number }> | undefined;

/**
 * The eligible airports whose latitude is within `radiusKm` of `latitude`, in the reference data's
 * order (the ranking's ties fall back on it): no airport outside that band can be nearer, so the
 * great-circle distance is computed for a few hundred airports instead of all of them (the catalog
 * seed asks this for each of ~11,700 destinations).
 */
function candidatesNear(latitude: number, radiusKm: number): Airport[] {
  byLatitude ??= referenceData()
    .airports.map((airport, position) => ({ airport, position }))
    .filter(({ airport }) => airport.importance >= 0)
    .sort((a, b) => a.airport.latitude - b.airport.latitude);
  const band = radiusKm / kmPerDegreeLatitude + 0.01;
  return byLatitude
    .slice(firstAtOrAbove(byLatitude, latitude - band), firstAtOrAbove(byLatitude, latitude + band))
    .sort((a, b) => a.position - b.position)
    .map(({ airport }) => airport);
}

/** Binary search: the first entry whose latitude is at least `latitude`. */
function firstAtOrAbove(sorted: Array<{ airport: Airport }>, latitude: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.airport.latitude < latitude) low = middle + 1;
    else high = middle;
  }
  return low;
}
