/// <reference path="../.sst/platform/config.d.ts" />
import { auditTable, catalogTable, idempotencyTable, ordersTable, outboxTable, physicalTableName, reservationsTable, type TableDefinition } from "../packages/core/src/db/tables";
import { drRegion } from "./providers";

/** Tables come from the one declaration in core; the local runner creates them from it too. */
const production = $app.stage === "production";

/** `sst.aws.Auth` names its storage table `<its name>Storage` (infra/auth.ts: "Auth"). */
const issuerStorage = "AuthStorage";

/**
 * The tables that hold state someone would miss, replicated to DR_REGION as DynamoDB global
 * tables when it is set (docs/disaster-recovery.md): the reservation contract's four; the catalog,
 * whose seat and room items are held in the same transactions as reservations, so it must not lag
 * them; the audit log; and the issuer's storage, which maps each email to its user id (losing it
 * would give returning travellers new ids, and none of their trips). A global table replicates
 * through a stream of new and old images, so these get one; the outbox relay reads only the new
 * image of inserted rows, which that stream also carries.
 */
const replicatedToDrRegion = new Set([...[reservationsTable, ordersTable, idempotencyTable, outboxTable, catalogTable, auditTable].map((t) => t.linkName), issuerStorage]);

/**
 * Failover (docs/disaster-recovery.md#fail-over): deploying the stage in the DR region with
 * ADOPT_REPLICA_TABLES set takes over the replicas that already hold the data there (a Pulumi
 * import) instead of creating empty tables. The contract's tables carry fixed names; the others
 * keep the names SST gave them in the lost region, listed as
 * `ADOPT_REPLICA_TABLES=CatalogTable=<name>,AuditTable=<name>,AuthStorage=<name>`. Their replica
 * lists name the lost region, which the import leaves alone.
 */
const adoption = process.env.ADOPT_REPLICA_TABLES || undefined;
const adoptedNames = new Map((adoption ?? "").split(",").filter((pair) => pair.includes("=")).map((pair) => pair.split("=").map((part) => part.trim()) as [string, string]));

function replicate(component: string, args: aws.dynamodb.TableArgs, opts: $util.CustomResourceOptions) {
  if (!replicatedToDrRegion.has(component)) return;
  if (adoption) {
    const name = (typeof args.name === "string" ? args.name : undefined) ?? adoptedNames.get(component);
    if (!name) throw new Error(`ADOPT_REPLICA_TABLES: name the ${component} replica to take over (${component}=<table name>)`);
    args.name = name;
    opts.import = name;
    opts.ignoreChanges = [...(opts.ignoreChanges ?? []), "replicas"];
  }
  // A replica keeps its global table's stream, so a taken-over one has it too.
  if (drRegion || adoption) {
    args.streamEnabled = true;
    args.streamViewType = "NEW_AND_OLD_IMAGES";
  }
  if (drRegion) args.replicas = [{ regionName: drRegion, pointInTimeRecovery: true, propagateTags: true }];
}

/**
 * Every table of the app, SST's own (the issuer's storage) included: on-demand, point-in-time
 * recovery, encryption at rest, deletion protection in production, and the DR settings above.
 */
$transform(sst.aws.Dynamo, (args, _opts, component) => {
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
      replicate(component, tableArgs, opts);
    },
  };
});

function table(definition: TableDefinition) {
  const { linkName, physicalName: _named, ...shape } = definition;
  const name = physicalTableName(definition, $app.stage);
  return new sst.aws.Dynamo(linkName, { ...shape, transform: { table: (args) => void (name && (args.name = name)) } });
}

export const catalog = table(catalogTable);
export const reservations = table(reservationsTable);
export const orders = table(ordersTable);
export const idempotency = table(idempotencyTable);
export const outbox = table(outboxTable);
export const audit = table(auditTable);
