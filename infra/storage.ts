/// <reference path="../.sst/platform/config.d.ts" />
import { auditTable, catalogTable, idempotencyTable, ordersTable, outboxTable, physicalTableName, reservationsTable, type TableDefinition } from "../packages/core/src/db/tables";

/**
 * Tables come from the one declaration in core; the local runner creates them from it too. Every
 * table: on-demand, point-in-time recovery, encryption; deletion protection in production.
 */
const production = $app.stage === "production";

function table(definition: TableDefinition) {
  const { linkName, physicalName: _named, ...shape } = definition;
  const name = physicalTableName(definition, $app.stage);
  return new sst.aws.Dynamo(linkName, {
    ...shape,
    deletionProtection: production,
    transform: {
      table: (args) => {
        if (name) args.name = name;
        args.billingMode = "PAY_PER_REQUEST";
        args.pointInTimeRecovery = { enabled: true };
        args.serverSideEncryption = { enabled: true };
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
