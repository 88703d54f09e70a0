import { Hono } from "hono";
import { amadeusApi, amadeusFailure, amadeusNotFound, defaultSimulatorCredentials, type AmadeusApiOptions } from "./amadeus-api";
import { applyControl, createStats, initialSettings, supplierGate, supplierOf, type SimulatorSettings, type SupplierSettings } from "./control";
import { carReservationsApi } from "./car-reservations";
import { duffelAirApi } from "./duffel-air";
import { airlineChanges } from "./duffel-airline-changes";
import { duffelWebhookSender, type WebhookTarget } from "./duffel-webhooks";
import { initialFaults } from "./faults";
import { duffelOrdersApi } from "./duffel-orders";
import { duffelStaysApi } from "./duffel-stays";
import { defaultSimulatorDuffelToken, duffelChecks, duffelError, duffelFailure, duffelHeaders, notFound, type DuffelEnv } from "./duffel-wire";

/**
 * A stand-in for the external suppliers, each speaking its own wire format over real HTTP on one
 * port, so that "did we call the supplier" is a countable call: the Amadeus Self-Service format
 * under /v1–/v3, Duffel API v2 under /air and /stays (so a Duffel client's basePath is the
 * simulator's root; orders, payments, cancellations and stay bookings are in memory), and the car supplier's
 * under /v1/cars (availability and reservations, in memory). Its own endpoints (`/__stats`, `/__control`) are not counted.
 */
export interface SimulatorOptions extends Partial<Pick<SupplierSettings, "latencyMs" | "errorRate" | "down">>, AmadeusApiOptions {
  /** The bearer token the Duffel side accepts (SIM_DUFFEL_TOKEN). */
  duffelAccessToken?: string;
  /** Where Duffel's webhooks go, and the secret they are signed with (SIM_DUFFEL_WEBHOOK_URL, SIM_DUFFEL_WEBHOOK_SECRET). */
  duffelWebhooks?: WebhookTarget;
}

export { defaultSimulatorCredentials, defaultSimulatorDuffelToken };
export type { SimulatorSettings };

export function createSupplierSimulator(options: SimulatorOptions = {}) {
  const settings = initialSettings(options);
  const faults = initialFaults();
  /** The settings as `/__control` takes them: each supplier's planned failures beside its settings. */
  const controls = () => ({ ...settings, duffel: { ...settings.duffel, ...faults.duffel }, cars: { ...settings.cars, ...faults.cars } });
  const stats = createStats();
  const app = new Hono<DuffelEnv>();

  // Duffel's headers go on its refusals too, so they come before the gate.
  app.use("/air/*", duffelHeaders());
  app.use("/stays/*", duffelHeaders());
  app.use("*", supplierGate(settings, stats, { amadeus: amadeusFailure, cars: amadeusFailure, duffel: duffelFailure }));
  app.use("/air/*", duffelChecks(options.duffelAccessToken ?? defaultSimulatorDuffelToken));
  app.use("/stays/*", duffelChecks(options.duffelAccessToken ?? defaultSimulatorDuffelToken));

  app.route("/", amadeusApi(options));
  app.route("/", carReservationsApi(faults.cars));
  const air = duffelAirApi();
  app.route("/", air.app);
  const orders = new Map();
  const webhooks = duffelWebhookSender(options.duffelWebhooks);
  const changes = airlineChanges(orders, webhooks);
  app.route("/", duffelOrdersApi(air.offers, faults.duffel, orders));
  app.route("/", changes.app);
  app.route("/", duffelStaysApi(faults.duffel));

  app.get("/__stats", (c) => c.json({ ...stats, settings: controls() }));
  app.get("/__control", (c) => c.json(controls()));
  app.post("/__control", async (c) => {
    const raw = await c.req.json().catch(() => ({}));
    const body = typeof raw === "object" && raw ? (raw as Record<string, unknown>) : {};
    // Duffel's webhooks and its airline's changes act (they send HTTP); the rest are settings.
    const { duffel, ...rest } = body;
    const { webhooks: target, airlineChange, redeliver, ...duffelFaults } = (duffel ?? {}) as Record<string, unknown>;
    const settingsBody = duffel === undefined || Object.keys(duffelFaults).length === 0 ? rest : { ...rest, duffel: duffelFaults };
    const refused = webhookControlError(target, airlineChange, redeliver) ?? applyControl(settings, faults, settingsBody);
    if (refused) return c.json({ error: refused }, 400);
    if (target !== undefined) webhooks.configure((target as { url: string | null }).url ? (target as WebhookTarget) : undefined);
    const acted = {
      ...(airlineChange ? { airlineChange: await changes.detect((airlineChange as { orderId: string }).orderId, (airlineChange as { delayMinutes?: number }).delayMinutes) } : {}),
      ...(redeliver ? { redelivery: await webhooks.redeliver(redeliver as string) } : {}),
    };
    return c.json({ ...controls(), ...acted });
  });
  app.notFound((c) =>
    supplierOf(c.req.path) === "duffel" ? duffelError(c, 404, notFound(`${c.req.method} ${c.req.path}`)) : amadeusNotFound(c),
  );

  return {
    app,
    stats: () => ({ ...stats, byEndpoint: { ...stats.byEndpoint }, bySupplier: { ...stats.bySupplier } }),
    settings: settings as SimulatorSettings,
  };
}

/** The webhook controls' shapes, checked before anything applies. */
function webhookControlError(target: unknown, airlineChange: unknown, redeliver: unknown): string | undefined {
  if (target !== undefined) {
    const t = target as { url?: unknown; secret?: unknown } | null;
    const clearing = t !== null && typeof t === "object" && t.url === null;
    if (!clearing && (typeof t?.url !== "string" || !/^https?:\/\//.test(t.url) || typeof t.secret !== "string" || t.secret === "")) {
      return "duffel.webhooks takes {url: http(s) URL, secret: non-empty string}, or {url: null} to stop sending";
    }
  }
  if (airlineChange !== undefined) {
    const a = airlineChange as { orderId?: unknown; delayMinutes?: unknown } | null;
    if (typeof a?.orderId !== "string") return "duffel.airlineChange takes {orderId: an order's id, delayMinutes?: number}";
    if (a.delayMinutes !== undefined && (typeof a.delayMinutes !== "number" || !Number.isInteger(a.delayMinutes) || Math.abs(a.delayMinutes) > 7 * 24 * 60)) return "duffel.airlineChange.delayMinutes must be whole minutes, at most a week either way";
  }
  if (redeliver !== undefined && (typeof redeliver !== "string" || !redeliver.startsWith("eve_"))) return "duffel.redeliver takes an event id (eve_…)";
  return undefined;
}
