/// <reference path="../.sst/platform/config.d.ts" />
import { catalogTable } from "../packages/core/src/db/tables";

/** Tables come from the one declaration in core; the local runner creates them from it too. */
const production = $app.stage === "production";

const { linkName, ...catalogDefinition } = catalogTable;

export const catalog = new sst.aws.Dynamo(linkName, {
  ...catalogDefinition,
  deletionProtection: production,
  transform: {
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
      args.serverSideEncryption = { enabled: true };
    },
  },
});
