import { distanceKm, referenceData } from "./reference-data";

/**
 * Editorial list of the world's most visited destination cities (international overnight
 * visitors, as ranked by the Mastercard Global Destination Cities Index), by IATA city code.
 * Replaced by the platform's own search analytics when those land.
 */
export const popularCityCodes = [
  "BKK", "PAR", "LON", "DXB", "SIN", "KUL", "NYC", "IST", "TYO", "AYT",
  "SEL", "OSA", "HKT", "MIL", "BCN", "PMI", "DPS", "HKG", "ROM", "PRG",
  "AMS", "LAX", "MIA", "VIE", "SYD", "LIS", "MAD", "DUB", "CUN", "ATH",
] as const;

export interface NearbyAirport {
  iataCode: string;
  name: string;
  cityName: string;
  countryName: string;
  distanceKm: number;
}

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
