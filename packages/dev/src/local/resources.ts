import { join } from "node:path";
import { pathToFileURL } from "node:url";
// The sst-free declaration (not @travel/core/config, which loads `sst` and would read the links too early).
import { parseSupplierList } from "@travel/core/config/suppliers";
import { physicalTableName, tables, type TableDefinition } from "@travel/core/db";
import { defaultSimulatorDuffelToken } from "../simulator/duffel-wire";


/** The SST app name (sst.config.ts) used to name local resources the way SST names deployed ones. */
export const appName = "travel-platform";

export function localTableName(stage: string, table: TableDefinition): string {
  return physicalTableName(table, stage) ?? `${appName}-${stage}-${table.linkName}`;
}

export interface LocalResourceInputs {
  stage: string;
  dynamoEndpoint: string;
  redis: { host: string; port: number; password?: string };
  supplier: { baseUrl: string; clientId: string; clientSecret: string; timeoutMs?: number };
  /** FLIGHT_SUPPLIERS and STAY_SUPPLIERS as written (comma lists; unset: every supplier). */
  suppliers?: { flights?: string | undefined; stays?: string | undefined };
  /** DUFFEL_API_URL and DUFFEL_ACCESS_TOKEN; unset: the simulator, which speaks Duffel's format too. */
  duffel?: { baseUrl?: string | undefined; accessToken?: string | undefined };
  /** The secret Duffel's webhooks are signed with (DUFFEL_WEBHOOK_SECRET); unset: webhooks are refused with 503. */
  duffelWebhookSecret?: string | undefined;
  /** Browser origins CORS allows (none: same-origin only). */
  allowedOrigins?: string[];
  /** Where the local mail drop (`mail/`) and dead-letter queue (`dlq/`) live. */
  dataDir: string;
  /** The local OAuth issuer's URL. */
  authUrl: string;
  /** The third-party analytics webhook (forwarding is off without one). */
  analyticsWebhook?: { url: string; writeKey?: string };
  /** Booking windows for this stage (defaults: core/booking/policy.ts). */
  booking?: { holdMinutes?: number; idempotencyTtlSeconds?: number };
}

/**
 * The environment `sst dev` would give a linked function: one `SST_RESOURCE_<Name>` JSON value per
 * link, plus the SDK settings that point DynamoDB at DynamoDB Local. Application code reads
 * these through `Resource` exactly as it does on AWS.
 */
export function localResourceEnvironment(inputs: LocalResourceInputs): Record<string, string> {
  const link = (value: unknown) => JSON.stringify(value);
  const env: Record<string, string> = {
    SST_RESOURCE_App: link({ name: appName, stage: inputs.stage }),
    SST_RESOURCE_Redis: link({ host: inputs.redis.host, port: inputs.redis.port, username: "default", password: inputs.redis.password ?? "" }),
    SST_RESOURCE_Bus: link({
      name: `${appName}-${inputs.stage}-Bus`,
      arn: `arn:aws:events:us-east-1:000000000000:event-bus/${appName}-${inputs.stage}-Bus`,
      delivery: "in-process",
      archive: pathToFileURL(join(inputs.dataDir, "archive")).href,
    }),
    SST_RESOURCE_SupplierApi: link({ timeoutMs: 3000, ...inputs.supplier }),
    SST_RESOURCE_SearchSuppliers: link({
      flights: parseSupplierList("flights", inputs.suppliers?.flights),
      stays: parseSupplierList("stays", inputs.suppliers?.stays),
    }),
    SST_RESOURCE_DuffelApi: link({
      baseUrl: inputs.duffel?.baseUrl || inputs.supplier.baseUrl,
      accessToken: inputs.duffel?.accessToken || defaultSimulatorDuffelToken,
      timeoutMs: inputs.supplier.timeoutMs ?? 3000,
    }),
    SST_RESOURCE_DuffelWebhookSecret: link({ value: inputs.duffelWebhookSecret ?? "" }),
    // Locally the simulator plays the car rental supplier too.
    SST_RESOURCE_CarSupplierApi: link({ timeoutMs: 3000, ...inputs.supplier }),
    SST_RESOURCE_ApiSettings: link({ allowedOrigins: inputs.allowedOrigins ?? [] }),
    SST_RESOURCE_Auth: link({ url: inputs.authUrl }),
    SST_RESOURCE_ReservationBus: link({
      name: `${inputs.stage}-reservation-events`,
      arn: `arn:aws:events:us-east-1:000000000000:event-bus/${inputs.stage}-reservation-events`,
      delivery: "in-process",
      archive: pathToFileURL(join(inputs.dataDir, "archive")).href,
    }),
    SST_RESOURCE_ReservationDeadLetterQueue: link({ url: pathToFileURL(join(inputs.dataDir, "dlq")).href }),
    SST_RESOURCE_Booking: link(inputs.booking ?? {}),
    SST_RESOURCE_AnalyticsForwarding: link(inputs.analyticsWebhook ?? {}),
    SST_RESOURCE_Payments: link({ provider: "simulated" }),
    SST_RESOURCE_Email: link({ sender: "bookings@travel-platform.local", directory: join(inputs.dataDir, "mail") }),
    AWS_ENDPOINT_URL_DYNAMODB: inputs.dynamoEndpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  };
  for (const table of tables) env[`SST_RESOURCE_${table.linkName}`] = link({ name: localTableName(inputs.stage, table) });
  return env;
}
