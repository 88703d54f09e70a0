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
  /**
   * A fixed physical name, `{stage}` replaced by the stage, where a contract names the table
   * (the reservation tables' contract: `<stage>-reservation-*`). Without it SST names the table.
   */
  readonly physicalName?: string;
}

export function physicalTableName(table: TableDefinition, stage: string): string | undefined {
  return table.physicalName?.replaceAll("{stage}", stage);
}

/**
 * The travel/catalog table (the platform requirements' TravelData): searchType/searchId keys and a
 * timestamp-index GSI. It holds destinations and their autocomplete terms, seat maps and room
 * inventory, traveller profiles and partner API keys (reviews as they land).
 */
export const catalogTable = {
  linkName: "CatalogTable",
  fields: { searchType: "string", searchId: "string", timestamp: "number" },
  primaryIndex: { hashKey: "searchType", rangeKey: "searchId" },
  globalIndexes: { "timestamp-index": { hashKey: "searchType", rangeKey: "timestamp" } },
  stream: "new-and-old-images",
} as const satisfies TableDefinition;

/*
 * Reservations (the reservation tables' contract: names, keys, GSIs and TTL are its own). Attribute
 * names are the contract's snake_case; the ElectroDB entities in core/booking map them.
 */
export const reservationsTable = {
  linkName: "ReservationsTable",
  physicalName: "{stage}-reservation-reservations",
  fields: { reservation_id: "string", event_id: "string", user_id: "string", status: "string", created_at: "string" },
  primaryIndex: { hashKey: "reservation_id", rangeKey: "event_id" },
  globalIndexes: {
    "user-status-index": { hashKey: "user_id", rangeKey: "status" },
    "status-created-index": { hashKey: "status", rangeKey: "created_at" },
  },
} as const satisfies TableDefinition;

export const ordersTable = {
  linkName: "OrdersTable",
  physicalName: "{stage}-reservation-orders",
  fields: { order_id: "string", reservation_id: "string", user_id: "string", event_id: "string", created_at: "string" },
  primaryIndex: { hashKey: "order_id", rangeKey: "reservation_id" },
  globalIndexes: {
    "user-created-index": { hashKey: "user_id", rangeKey: "created_at" },
    "event-created-index": { hashKey: "event_id", rangeKey: "created_at" },
  },
} as const satisfies TableDefinition;

export const idempotencyTable = {
  linkName: "IdempotencyTable",
  physicalName: "{stage}-reservation-idempotency",
  fields: { idempotency_key: "string" },
  primaryIndex: { hashKey: "idempotency_key" },
  ttl: "ttl",
} as const satisfies TableDefinition;

export const outboxTable = {
  linkName: "OutboxTable",
  physicalName: "{stage}-reservation-outbox",
  fields: { outbox_id: "string", "aggregate_type#aggregate_id": "string", status: "string", created_at: "string" },
  primaryIndex: { hashKey: "outbox_id", rangeKey: "aggregate_type#aggregate_id" },
  globalIndexes: { "status-created_at-index": { hashKey: "status", rangeKey: "created_at" } },
  // The relay reads new rows from the stream (on AWS; locally it polls the status index). Old
  // images too, though the relay needs only the new: a global table (DR_REGION, infra/storage.ts)
  // needs both, and DynamoDB cannot change the view of an enabled stream.
  stream: "new-and-old-images",
} as const satisfies TableDefinition;

/** The OAuth issuer's storage (OpenAuth's DynamoDB adapter: pk/sk, TTL on `expiry`): keys, codes, refresh tokens. */
export const authTable = {
  linkName: "AuthTable",
  fields: { pk: "string", sk: "string" },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  ttl: "expiry",
} as const satisfies TableDefinition;

/**
 * The audit log: who did what, when and from where. Its own table rather than the catalog's: the
 * OAuth issuer writes sign-ins to it without being given the catalog, entries expire after their
 * retention (TTL on `expires_at`), and nothing but the audit log writes it. Entries are
 * partitioned per UTC day (listing by time); `actor-index` answers "what did this actor do".
 */
export const auditTable = {
  linkName: "AuditTable",
  fields: { day: "string", entry: "string", actor_id: "string" },
  primaryIndex: { hashKey: "day", rangeKey: "entry" },
  globalIndexes: { "actor-index": { hashKey: "actor_id", rangeKey: "entry" } },
  ttl: "expires_at",
} as const satisfies TableDefinition;

export const tables = [catalogTable, authTable, auditTable, reservationsTable, ordersTable, idempotencyTable, outboxTable] as const satisfies readonly TableDefinition[];
