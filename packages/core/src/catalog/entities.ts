import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { catalogTable } from "../db/tables";
import { destinationType } from "./destination-type";

/**
 * ElectroDB model of the catalog table. Keys use explicit templates so the stored
 * searchType/searchId values stay readable in the console and stable across library versions.
 */
const keys = catalogTable.primaryIndex;


/** The fields a destination and each of its search terms both carry. */
const destinationSummary = {
  type: { type: destinationType, required: true },
  iataCode: { type: "string", required: true },
  name: { type: "string", required: true },
  cityName: { type: "string", required: true },
  cityCode: { type: "string", required: true },
  countryName: { type: "string", required: true },
  importance: { type: "number", required: true },
} as const;

export function createCatalogEntities(client: DynamoDBDocumentClient, tableName: string) {
  const Destination = new Entity(
    {
      model: { entity: "destination", version: "1", service: "catalog" },
      attributes: {
        ...destinationSummary,
        latitude: { type: "number", required: true },
        longitude: { type: "number", required: true },
        timeZone: { type: "string" },
        airportCodes: { type: "list", items: { type: "string" } },
        nearbyAirports: {
          type: "list",
          items: {
            type: "map",
            properties: {
              iataCode: { type: "string", required: true },
              name: { type: "string", required: true },
              cityName: { type: "string", required: true },
              countryName: { type: "string", required: true },
              distanceKm: { type: "number", required: true },
            },
          },
        },
      },
      indexes: {
        byCode: {
          pk: { field: keys.hashKey, composite: [], template: "destination", casing: "none" },
          sk: { field: keys.rangeKey, composite: ["type", "iataCode"], template: "${type}#${iataCode}", casing: "none" },
        },
      },
    },
    { client, table: tableName },
  );

  /** One row per searchable word of a destination, partitioned by its first two letters. */
  const DestinationTerm = new Entity(
    {
      model: { entity: "destinationTerm", version: "1", service: "catalog" },
      attributes: {
        prefix: { type: "string", required: true },
        term: { type: "string", required: true },
        ...destinationSummary,
      },
      indexes: {
        byTermPrefix: {
          pk: { field: keys.hashKey, composite: ["prefix"], template: "term#${prefix}", casing: "none" },
          sk: {
            field: keys.rangeKey,
            composite: ["term", "type", "iataCode"],
            template: "${term}#${type}#${iataCode}",
            casing: "none",
          },
        },
      },
    },
    { client, table: tableName },
  );

  /** Marks which version of the reference data the table was seeded with. */
  const CatalogSeed = new Entity(
    {
      model: { entity: "catalogSeed", version: "1", service: "catalog" },
      attributes: {
        dataVersion: { type: "string", required: true },
        destinations: { type: "number", required: true },
        terms: { type: "number", required: true },
        seededAt: { type: "string", required: true },
      },
      indexes: {
        singleton: {
          pk: { field: keys.hashKey, composite: [], template: "catalog-meta", casing: "none" },
          sk: { field: keys.rangeKey, composite: [], template: "seed", casing: "none" },
        },
      },
    },
    { client, table: tableName },
  );

  return new Service({ Destination, DestinationTerm, CatalogSeed });
}

export type CatalogEntities = ReturnType<typeof createCatalogEntities>;
