import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DestinationType } from "./destination-type";
import { createCatalogEntities, type CatalogEntities } from "./entities";
import type { NearbyAirport } from "./popular";
import { normalizeText, wordsOf } from "./terms";

/** What an autocomplete row shows. */
export interface DestinationSuggestion {
  iataCode: string;
  type: DestinationType;
  name: string;
  cityName: string;
  cityCode: string;
  countryName: string;
}

export interface Destination extends DestinationSuggestion {
  location: { latitude: number; longitude: number };
  timeZone: string | null;
  airportCodes?: string[];
}

export interface DestinationDetails extends Destination {
  /** Airports around it, prominent ones first (computed when the catalog is seeded). */
  nearbyAirports: NearbyAirport[];
}

/** How many term rows one autocomplete question may read before ranking. */
const maxCandidates = 400;

export class Catalog {
  private readonly entities: CatalogEntities;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.entities = createCatalogEntities(client, tableName);
  }

  /** Airport or city details by IATA code; `prefer` decides when a code names both. */
  async getDestination(code: string, prefer: DestinationType = "airport"): Promise<DestinationDetails | undefined> {
    const { Destination } = this.entities.entities;
    const iataCode = code.toUpperCase();
    const [airport, city] = await Promise.all([
      Destination.get({ type: "airport", iataCode }).go(),
      Destination.get({ type: "city", iataCode }).go(),
    ]);
    const item = prefer === "city" ? (city.data ?? airport.data) : (airport.data ?? city.data);
    if (!item) return undefined;
    return {
      iataCode: item.iataCode,
      type: item.type,
      name: item.name,
      cityName: item.cityName,
      cityCode: item.cityCode,
      countryName: item.countryName,
      location: { latitude: item.latitude, longitude: item.longitude },
      timeZone: item.timeZone ?? null,
      ...(item.airportCodes ? { airportCodes: item.airportCodes } : {}),
      nearbyAirports: item.nearbyAirports ?? [],
    };
  }

  /**
   * Autocomplete: airports and cities whose code or name words start with what was typed.
   * Reads the term partition of the longest typed word, then keeps entries matching every word.
   */
  async suggest(text: string, limit: number): Promise<DestinationSuggestion[]> {
    const typed = wordsOf(text);
    const anchor = [...typed].sort((a, b) => b.length - a.length)[0];
    if (!anchor || anchor.length < 2) return [];
    const { DestinationTerm } = this.entities.entities;
    const candidates = await DestinationTerm.query
      .byTermPrefix({ prefix: anchor.slice(0, 2) })
      .begins({ term: anchor })
      .go({ pages: "all", limit: maxCandidates });
    const unique = new Map<string, Candidate>();
    for (const row of candidates.data) {
      const key = `${row.type}#${row.iataCode}`;
      const existing = unique.get(key);
      const exactWord = row.term === anchor;
      if (existing) {
        existing.exactWord ||= exactWord;
        continue;
      }
      unique.set(key, {
        iataCode: row.iataCode,
        type: row.type,
        name: row.name,
        cityName: row.cityName,
        cityCode: row.cityCode,
        countryName: row.countryName,
        exactWord,
        importance: row.importance,
      });
    }
    const query = normalizeText(text);
    const ranked = [...unique.values()]
      .filter((s) => {
        const haystack = new Set([...wordsOf(s.name), ...wordsOf(s.cityName), s.iataCode.toLowerCase()]);
        return typed.every((word) => [...haystack].some((h) => h.startsWith(word)));
      })
      .map((s) => ({ suggestion: s, score: relevance(s, query) }))
      .sort((a, b) => b.score - a.score || a.suggestion.name.localeCompare(b.suggestion.name));
    return ranked.slice(0, limit).map(({ suggestion: { exactWord: _exactWord, importance: _importance, ...rest } }) => rest);
  }
}

type Candidate = DestinationSuggestion & { exactWord: boolean; importance: number };

function relevance(s: Candidate, query: string): number {
  let score = s.importance;
  if (s.iataCode.toLowerCase() === query) score += 100;
  if (normalizeText(s.cityName).startsWith(query) || normalizeText(s.name).startsWith(query)) score += 10;
  if (s.exactWord) score += 20;
  if (s.type === "city") score += 5;
  return score;
}
