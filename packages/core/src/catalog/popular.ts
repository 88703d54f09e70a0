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
