/// <reference path="../.sst/platform/config.d.ts" />
import { auditTable, catalogTable, idempotencyTable, ordersTable, outboxTable, physicalTableName, reservationsTable, type TableDefinition } from "../packages/core/src/db/tables";
import { drRegion } from "./providers";

/** Tables come from the one declaration in core; the local runner creates them from it too. */
const production = $app.stage === "production";

/**
 * The reservation contract's tables, replicated to DR_REGION as a DynamoDB global table when it is
 * set: bookings and payments written a second ago survive the region (docs/disaster-recovery.md).
 * A global table replicates through a stream of new and old images, so these get one; the outbox
 * relay reads only the new image of inserted rows, which that stream also carries.
 */
const replicatedToDrRegion: TableDefinition[] = [reservationsTable, ordersTable, idempotencyTable, outboxTable];

/**
 * Failover (docs/disaster-recovery.md): deploying the stage in DR_REGION's region with
 * ADOPT_REPLICA_TABLES=1 takes over the replicas that already hold the reservation tables there
 * (a Pulumi import) instead of trying to create tables whose names are taken. Their replica list
 * names the lost region, which the import leaves alone.
 */
const adoptReplicaTables = process.env.ADOPT_REPLICA_TABLES === "1";

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
        if (adoptReplicaTables && name && replicatedToDrRegion.includes(definition)) {
          opts.import = name;
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
