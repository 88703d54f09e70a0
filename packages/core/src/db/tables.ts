/**
 * Every DynamoDB table, declared once. The shape is the one `sst.aws.Dynamo` takes, so
 * `infra/storage.ts` spreads it into the component and the local runner / test setup turn the
 * same object into a CreateTable call against DynamoDB Local. Keep this file free of imports:
 * `sst.config.ts` loads it.
 */
export type FieldType = "string" | "number" | "binary";

export interface TableDefinition {
  /** Logical name: the SST component name and the `Resource.<name>` link. */
  readonly linkName: string;
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly primaryIndex: { readonly hashKey: string; readonly rangeKey?: string };
  readonly globalIndexes?: Readonly<Record<string, { readonly hashKey: string; readonly rangeKey?: string }>>;
  readonly stream?: "keys-only" | "new-image" | "old-image" | "new-and-old-images";
  readonly ttl?: string;
}

/**
 * The travel/catalog table (seed 001's TravelData): searchType/searchId keys and a
 * timestamp-index GSI. It holds destinations and their autocomplete terms now, and offers'
 * inventory, reviews, users, API keys and audit entries as those land.
 */
export const catalogTable = {
  linkName: "CatalogTable",
  fields: { searchType: "string", searchId: "string", timestamp: "number" },
  primaryIndex: { hashKey: "searchType", rangeKey: "searchId" },
  globalIndexes: { "timestamp-index": { hashKey: "searchType", rangeKey: "timestamp" } },
  stream: "new-and-old-images",
} as const satisfies TableDefinition;

export const tables = [catalogTable] as const satisfies readonly TableDefinition[];
