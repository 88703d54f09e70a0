import { Resource } from "sst";
import { z } from "zod";
import { duffelApi, supplierNamesByVertical } from "./suppliers";

/**
 * Typed runtime configuration, read from SST links (`Resource`). On AWS the links come from
 * `sst.config.ts`; locally the runner sets the same `SST_RESOURCE_<Name>` variables that `sst dev`
 * would, so there is one code path. Each link is validated on its own so a missing or malformed
 * link produces an error naming it.
 */
const linkSchemas = {
  App: z.object({ name: z.string().min(1), stage: z.string().min(1) }),
  CatalogTable: z.object({ name: z.string().min(1) }),
  ReservationsTable: z.object({ name: z.string().min(1) }),
  OrdersTable: z.object({ name: z.string().min(1) }),
  IdempotencyTable: z.object({ name: z.string().min(1) }),
  OutboxTable: z.object({ name: z.string().min(1) }),
  /** The local OAuth issuer's storage (on AWS `sst.aws.Auth` brings its own). */
  AuthTable: z.object({ name: z.string().min(1) }),
  /** The audit log (core/db/tables.ts). */
  AuditTable: z.object({ name: z.string().min(1) }),
  /** HTTP settings of the API: the browser origins CORS allows (none: same-origin only). */
  ApiSettings: z.object({
    allowedOrigins: z.array(z.url().regex(/^https?:\/\/[^/]+$/, { message: "must be an origin: scheme and host, no path" })).default([]),
  }),
  Redis: z.object({
    host: z.string().min(1),
    port: z.coerce.number().int().positive(),
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  Bus: z.object({
    name: z.string().min(1),
    arn: z.string().min(1),
    /** How events reach subscribers: EventBridge on AWS, the in-process bus locally. */
    delivery: z.enum(["eventbridge", "in-process"]).default("eventbridge"),
    /** Locally, where the in-process bus archives what it accepts (`file://`); on AWS its EventBridge archive does. */
    archive: z.string().regex(/^file:/, { message: "must be a file:// directory" }).optional(),
  }),
  /** The reservation contract's `<stage>-reservation-events` bus. */
  ReservationBus: z.object({
    name: z.string().min(1),
    arn: z.string().min(1),
    delivery: z.enum(["eventbridge", "in-process"]).default("eventbridge"),
    archive: z.string().regex(/^file:/, { message: "must be a file:// directory" }).optional(),
  }),
  /** Where undeliverable events go: an SQS queue URL, or `file:///…` for a local directory. */
  ReservationDeadLetterQueue: z.object({ url: z.string().regex(/^(https:|file:)/, { message: "must be an SQS https:// URL or a file:// directory" }) }),
  /**
   * The third-party analytics webhook (Segment-compatible batch endpoint). Without a URL the
   * forwarder is off; on AWS it is deployed only when ANALYTICS_WEBHOOK_URL is set.
   */
  AnalyticsForwarding: z.object({ url: z.url().optional(), writeKey: z.string().min(1).optional() }),
  /** Per-stage booking windows (defaults in core/booking/policy.ts). */
  Booking: z.object({
    holdMinutes: z.coerce.number().positive().max(24 * 60).optional(),
    idempotencyTtlSeconds: z.coerce.number().int().min(60).max(7 * 24 * 3600).optional(),
  }),
  Payments: z.discriminatedUnion("provider", [
    z.object({ provider: z.literal("stripe"), secretKey: z.string().regex(/^(sk|rk)_(test|live)_/, { message: "must be a Stripe secret or restricted key" }) }),
    z.object({ provider: z.literal("simulated") }),
  ]),
  /** SES via `sst.aws.Email` ({sender, configSet}); locally `directory` selects the .eml mail drop. */
  Email: z.object({ sender: z.string().min(3), configSet: z.string().optional(), directory: z.string().optional() }),
  /** The OAuth issuer whose access tokens the API accepts (`sst.aws.Auth` links its `url`). */
  Auth: z.object({ url: z.url() }),
  SupplierApi: z.object({
    baseUrl: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    timeoutMs: z.coerce.number().int().positive().default(3000),
  }),
  /** Which suppliers answer each vertical, in order (FLIGHT_SUPPLIERS, STAY_SUPPLIERS; core/config/suppliers.ts). */
  SearchSuppliers: z.object({
    flights: z.array(z.enum(supplierNamesByVertical.flights)).min(1),
    stays: z.array(z.enum(supplierNamesByVertical.stays)).min(1),
  }),
  /** Duffel (DUFFEL_API_URL, DUFFEL_ACCESS_TOKEN): flights and stays through its official client. */
  DuffelApi: z.object({
    baseUrl: z.url(),
    accessToken: z.string().regex(/^duffel_(test|live)_/, { message: "must be a Duffel access token (duffel_test_… or duffel_live_…)" }),
    timeoutMs: z.coerce.number().int().positive().default(duffelApi.timeoutMs),
  }),
  /**
   * The secret Duffel signs its webhooks with (`sst.Secret` DuffelWebhookSecret; locally
   * DUFFEL_WEBHOOK_SECRET, or one the local runner makes up). Empty: webhooks are not configured
   * and `POST /v1/webhooks/duffel` answers 503.
   */
  DuffelWebhookSecret: z.object({ value: z.string() }),
  /** The car rental supplier (wire format of our design, see the README). */
  CarSupplierApi: z.object({
    baseUrl: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    timeoutMs: z.coerce.number().int().positive().default(3000),
  }),
} as const;

type LinkName = keyof typeof linkSchemas;
export type AppConfig = { [K in LinkName]: z.output<(typeof linkSchemas)[K]> };

export class ConfigError extends Error {
  override name = "ConfigError";
}

function readLink<K extends LinkName>(source: Record<string, unknown>, name: K): AppConfig[K] {
  let raw: unknown;
  try {
    raw = source[name];
  } catch {
    // sst's Resource proxy throws for unknown links; turn that into our own message.
    raw = undefined;
  }
  if (raw === undefined) {
    throw new ConfigError(
      `Missing link "${name}": link it to this function in sst.config.ts ` +
        `(locally, the runner sets SST_RESOURCE_${name}).`,
    );
  }
  const parsed = linkSchemas[name].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ConfigError(`Invalid link "${name}": ${issues.join("; ")}`);
  }
  return parsed.data as AppConfig[K];
}

/** Validate every link the API needs. `source` defaults to SST's `Resource`. */
export function readConfig(source: Record<string, unknown> = Resource as unknown as Record<string, unknown>): AppConfig {
  return readLinks(Object.keys(linkSchemas) as LinkName[], source);
}

/** Validate only the links a smaller function (a bus subscriber, a job) is given. */
export function readLinks<K extends LinkName>(
  names: readonly K[],
  source: Record<string, unknown> = Resource as unknown as Record<string, unknown>,
): Pick<AppConfig, K> {
  return Object.fromEntries(names.map((name) => [name, readLink(source, name)])) as Pick<AppConfig, K>;
}

export const linkNames = Object.keys(linkSchemas) as LinkName[];

/**
 * What the API function is linked to (and so may touch, since SST grants access per link): not the
 * reservation bus or its dead-letter queue, which only the outbox relay uses, nor the issuer's
 * storage, nor the analytics webhook's write key.
 */
const notForTheApi = ["ReservationBus", "ReservationDeadLetterQueue", "AuthTable", "AnalyticsForwarding"] as const;
export const apiLinkNames = linkNames.filter(
  (name): name is Exclude<LinkName, (typeof notForTheApi)[number]> => !(notForTheApi as readonly string[]).includes(name),
);
export type ApiConfig = Pick<AppConfig, (typeof apiLinkNames)[number]>;

/** Validate the API's links. */
export function readApiConfig(source: Record<string, unknown> = Resource as unknown as Record<string, unknown>): ApiConfig {
  return readLinks(apiLinkNames, source);
}
export * from "./node-options";
export * from "./suppliers";
export { apiPaths } from "./edge-cache";
export { webContentSecurityPolicy, webSecurityHeaders } from "./web-headers";
export * from "./on-first-use";
