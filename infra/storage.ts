/// <reference path="../.sst/platform/config.d.ts" />
import { auditTable, catalogTable, idempotencyTable, ordersTable, outboxTable, physicalTableName, reservationsTable, type TableDefinition } from "../packages/core/src/db/tables";
import { drRegion } from "./providers";

/** Tables come from the one declaration in core; the local runner creates them from it too. */
const production = $app.stage === "production";

/**
 * The tables that hold the business's state, replicated to DR_REGION as DynamoDB global tables
 * when it is set: the reservation contract's four, and the catalog (its seat and room items are
 * held in the same transactions as reservations, so it must not lag them by a backup's hour) and
 * the audit log. The issuer's storage is not: losing it signs travellers out, no more
 * (docs/disaster-recovery.md). A global table replicates through a stream of new and old images,
 * so these get one; the outbox relay reads only the new image of inserted rows, which that stream
 * also carries.
 */
const replicatedToDrRegion: TableDefinition[] = [reservationsTable, ordersTable, idempotencyTable, outboxTable, catalogTable, auditTable];

/**
 * Failover (docs/disaster-recovery.md#fail-over): deploying the stage in the DR region with
 * ADOPT_REPLICA_TABLES set takes over the replicas that already hold the data there (a Pulumi
 * import) instead of creating empty tables. The contract's tables carry fixed names; the others
 * have the names SST gave them in the lost region, listed as `CatalogTable=<name>,AuditTable=<name>`
 * (`ADOPT_REPLICA_TABLES=CatalogTable=…,AuditTable=…`). Their replica lists name the lost region,
 * which the import leaves alone.
 */
const adoption = process.env.ADOPT_REPLICA_TABLES || undefined;
const adoptedNames = new Map((adoption ?? "").split(",").filter((pair) => pair.includes("=")).map((pair) => pair.split("=").map((part) => part.trim()) as [string, string]));
function adoptedName(definition: TableDefinition, fixedName: string | undefined) {
  if (!adoption || !replicatedToDrRegion.includes(definition)) return undefined;
  const name = fixedName ?? adoptedNames.get(definition.linkName);
  if (!name) throw new Error(`ADOPT_REPLICA_TABLES: name the ${definition.linkName} replica to adopt (${definition.linkName}=<table name>)`);
  return name;
}

/**
 * Every table of the app, SST's own (the issuer's storage, made by `sst.aws.Auth`) included:
 * on-demand, point-in-time recovery, encryption at rest, deletion protection in production.
 */
$transform(sst.aws.Dynamo, (args) => {
  args.deletionProtection = production;
  const own = args.transform?.table;
  args.transform = {
    ...args.transform,
    table: (tableArgs, opts, name) => {
      tableArgs.billingMode = "PAY_PER_REQUEST";
      tableArgs.pointInTimeRecovery = { enabled: true };
      tableArgs.serverSideEncryption = { enabled: true };
      if (typeof own === "function") own(tableArgs, opts, name);
      else if (own) Object.assign(tableArgs, own);
    },
  };
});

function table(definition: TableDefinition) {
  const { linkName, physicalName: _named, ...shape } = definition;
  const name = physicalTableName(definition, $app.stage);
  return new sst.aws.Dynamo(linkName, {
    ...shape,
    transform: {
      table: (args, opts) => {
        if (name) args.name = name;
        const adopted = adoptedName(definition, name);
        if (adopted) {
          args.name = adopted;
          opts.import = adopted;
          opts.ignoreChanges = [...(opts.ignoreChanges ?? []), "replicas"];
        }
        if (drRegion && replicatedToDrRegion.includes(definition)) {
          args.streamEnabled = true;
          args.streamViewType = "NEW_AND_OLD_IMAGES";
          args.replicas = [{ regionName: drRegion, pointInTimeRecovery: true, propagateTags: true }];
        }
      },
    },
  });
}

export const catalog = table(catalogTable);
export const reservations = table(reservationsTable);
export const orders = table(ordersTable);
export const idempotency = table(idempotencyTable);
export const outbox = table(outboxTable);
export const audit = table(auditTable);
