import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { searchTermsOf } from "../catalog";
import { createCatalogEntities } from "../catalog/entities";
import { nearbyAirports, nearbyAirportsLimit, nearbyAirportsRadiusKm } from "./nearby";
import { referenceData } from "./reference-tables";

/** Bump when the seeding logic changes so existing tables are re-seeded. */
const seedLogicVersion = "7";
const batchSize = 25;
const writeConcurrency = 4;

/** Load the reference data into the catalog table once per data version; later calls are no-ops. */
export async function seedCatalog(client: DynamoDBDocumentClient, tableName: string): Promise<{ seeded: boolean; destinations: number; terms: number }> {
  const data = referenceData();
  const dataVersion = `${seedLogicVersion}:${data.airports.length}:${data.cities.length}`;
  const { CatalogSeed, Destination, DestinationTerm } = createCatalogEntities(client, tableName).entities;
  const existing = await CatalogSeed.get({}).go();
  if (existing.data?.dataVersion === dataVersion) {
    return { seeded: false, destinations: existing.data.destinations, terms: existing.data.terms };
  }
  const destinations = [
    ...data.airports.map((a) => ({
      type: "airport" as const,
      iataCode: a.iataCode,
      name: a.name,
      cityName: a.cityName,
      cityCode: a.cityCode,
      countryName: a.countryName,
      latitude: a.latitude,
      longitude: a.longitude,
      importance: a.importance,
      nearbyAirports: nearbyAirports(a.iataCode, nearbyAirportsRadiusKm, nearbyAirportsLimit),
      ...(a.timeZone ? { timeZone: a.timeZone } : {}),
    })),
    ...data.cities.map((c) => ({
      type: "city" as const,
      iataCode: c.cityCode,
      name: c.name,
      cityName: c.name,
      cityCode: c.cityCode,
      countryName: c.countryName,
      latitude: c.latitude,
      longitude: c.longitude,
      airportCodes: c.airportCodes,
      importance: c.importance,
      nearbyAirports: nearbyAirports(c.cityCode, nearbyAirportsRadiusKm, nearbyAirportsLimit),
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
    })),
  ];
  const terms = destinations.flatMap((d) =>
    searchTermsOf(d).map((term) => ({
      prefix: term.slice(0, 2),
      term,
      type: d.type,
      iataCode: d.iataCode,
      name: d.name,
      cityName: d.cityName,
      cityCode: d.cityCode,
      countryName: d.countryName,
      importance: d.importance,
    })),
  );
  await writeInBatches(destinations, (batch) => Destination.put(batch).go());
  await writeInBatches(terms, (batch) => DestinationTerm.put(batch).go());
  await CatalogSeed.put({
    dataVersion,
    destinations: destinations.length,
    terms: terms.length,
    seededAt: new Date().toISOString(),
  }).go();
  return { seeded: true, destinations: destinations.length, terms: terms.length };
}

async function writeInBatches<T>(items: T[], write: (batch: T[]) => Promise<{ unprocessed: unknown[] }>): Promise<void> {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const result = await write(batch);
      if (result.unprocessed.length > 0) {
        throw new Error(`catalog seed: ${result.unprocessed.length} items were not written after retries`);
      }
    }
  };
  await Promise.all(Array.from({ length: writeConcurrency }, worker));
}
