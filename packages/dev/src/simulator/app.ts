import { Hono } from "hono";
import { amadeusApi, amadeusFailure, amadeusNotFound, defaultSimulatorCredentials, type AmadeusApiOptions } from "./amadeus-api";
import { applyControl, createStats, initialSettings, supplierGate, supplierOf, type SimulatorSettings, type SupplierSettings } from "./control";
import { carReservationsApi } from "./car-reservations";
import { duffelAirApi } from "./duffel-air";
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
  app.route("/", duffelOrdersApi(air.offers, faults.duffel));
  app.route("/", duffelStaysApi(faults.duffel));

  app.get("/__stats", (c) => c.json({ ...stats, settings: controls() }));
  app.get("/__control", (c) => c.json(controls()));
  app.post("/__control", async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const refused = applyControl(settings, faults, typeof body === "object" && body ? body : {});
    if (refused) return c.json({ error: refused }, 400);
    return c.json(controls());
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
