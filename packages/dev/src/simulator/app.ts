import { Hono } from "hono";
import { amadeusApi, amadeusFailure, amadeusNotFound, defaultSimulatorCredentials, type AmadeusApiOptions } from "./amadeus-api";
import { applyControl, createStats, initialSettings, supplierGate, type SimulatorSettings, type SupplierSettings } from "./control";

/**
 * A stand-in for the external suppliers, each speaking its own wire format over real HTTP on one
 * port, so that "did we call the supplier" is a countable call: the Amadeus Self-Service format
 * under /v1–/v3 and the car supplier's under /v1/cars. Its own endpoints (`/__stats`,
 * `/__control`) are not counted.
 */
export interface SimulatorOptions extends Partial<Pick<SupplierSettings, "latencyMs" | "errorRate" | "down">>, AmadeusApiOptions {}

export { defaultSimulatorCredentials };
export type { SimulatorSettings };

export function createSupplierSimulator(options: SimulatorOptions = {}) {
  const settings = initialSettings(options);
  const stats = createStats();
  const app = new Hono();

  // Duffel is not spoken yet: its calls (none) would be answered as Amadeus refuses them.
  app.use("*", supplierGate(settings, stats, { amadeus: amadeusFailure, cars: amadeusFailure, duffel: amadeusFailure }));
  app.route("/", amadeusApi(options));

  app.get("/__stats", (c) => c.json({ ...stats, settings }));
  app.get("/__control", (c) => c.json(settings));
  app.post("/__control", async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const refused = applyControl(settings, typeof body === "object" && body ? body : {});
    if (refused) return c.json({ error: refused }, 400);
    return c.json(settings);
  });
  app.notFound(amadeusNotFound);

  return {
    app,
    stats: () => ({ ...stats, byEndpoint: { ...stats.byEndpoint }, bySupplier: { ...stats.bySupplier } }),
    settings: settings as SimulatorSettings,
  };
}
