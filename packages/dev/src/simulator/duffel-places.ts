import type {} from "@duffel/api";
import type { Aircraft, Airline as DuffelAirline, Airport as DuffelAirport, Place } from "@duffel/api/types";
import { referenceData, type Airline, type Airport } from "@travel/core/reference-data";
import type { AircraftType } from "./flight-schedule";
import { duffelId } from "./duffel-wire";

/**
 * The reference data (airports, cities, airlines) in Duffel's shapes. Duffel's place ids are
 * readable (`arp_lhr_gb`, `cit_lon_gb`); its airline and aircraft ids are opaque, so the
 * simulator derives them from the codes.
 */

let countryCodes: Map<string, string> | undefined;

/** Names the reference data uses that ICU spells another way (older or shorter names). */
const countryAliases: Record<string, string> = {
  "cote d'ivoire": "CI", "congo (brazzaville)": "CG", "congo (kinshasa)": "CD", swaziland: "SZ", "czech republic": "CZ",
  turkey: "TR", macedonia: "MK", burma: "MM", myanmar: "MM", "east timor": "TL", palestine: "PS", "hong kong": "HK",
  macau: "MO", "virgin islands": "VI", "netherlands antilles": "CW", "midway islands": "UM", "johnston atoll": "UM", "wake island": "UM",
  "saint vincent and the grenadines": "VC",
};

const normalise = (name: string) =>
  name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, "and").replace(/\bst\.? /g, "saint ").replace(/\s+/g, " ").trim();

/**
 * ISO 3166 code of a country name ("ZZ", unknown, when there is none). The reference data names
 * countries in English; ICU's region names (every Node build has them) map them back to codes.
 */
export function countryCodeOf(countryName: string): string {
  if (!countryCodes) {
    countryCodes = new Map(Object.entries(countryAliases));
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code && !countryCodes.has(normalise(name))) countryCodes.set(normalise(name), code);
      }
    }
  }
  return countryCodes.get(normalise(countryName)) ?? "ZZ";
}

export function duffelAirport(airport: Airport): DuffelAirport {
  const country = countryCodeOf(airport.countryName);
  const city = referenceData().cityByCode.get(airport.cityCode);
  return {
    type: "airport",
    id: `arp_${airport.iataCode.toLowerCase()}_${country.toLowerCase()}`,
    iata_code: airport.iataCode,
    // The reference data has no ICAO codes; Duffel's type allows no null here, so it is empty.
    icao_code: "",
    name: airport.name,
    city_name: airport.cityName,
    iata_city_code: airport.cityCode,
    iata_country_code: country,
    time_zone: airport.timeZone ?? "UTC",
    latitude: airport.latitude,
    longitude: airport.longitude,
    city: city
      ? { type: "city", id: `cit_${city.cityCode.toLowerCase()}_${country.toLowerCase()}`, name: city.name, iata_code: city.cityCode, iata_country_code: country }
      : null,
  };
}

export function duffelAirline(airline: Airline): DuffelAirline {
  return {
    id: duffelId("aln", airline.iataCode),
    name: airline.name,
    iata_code: airline.iataCode,
    logo_symbol_url: `https://assets.duffel.com/img/airlines/for-light-background/full-color-logo/${airline.iataCode}.svg`,
    logo_lockup_url: `https://assets.duffel.com/img/airlines/for-light-background/full-color-lockup/${airline.iataCode}.svg`,
    conditions_of_carriage_url: null,
  };
}

export function duffelAircraft(aircraft: AircraftType): Aircraft {
  return { id: duffelId("arc", aircraft.code), name: aircraft.name, iata_code: aircraft.code };
}

/** A slice's origin or destination as Duffel names it: an airport, or a city with its airports. */
export function duffelPlace(code: string): Place | undefined {
  const data = referenceData();
  const airport = data.airportByCode.get(code);
  if (airport) return duffelAirport(airport);
  const city = data.cityByCode.get(code);
  if (!city) return undefined;
  const country = countryCodeOf(city.countryName);
  const airports = city.airportCodes.map((c) => data.airportByCode.get(c)).filter((a): a is Airport => !!a).map(duffelAirport);
  return { type: "city", id: `cit_${city.cityCode.toLowerCase()}_${country.toLowerCase()}`, name: city.name, iata_code: city.cityCode, iata_country_code: country, airports };
}
