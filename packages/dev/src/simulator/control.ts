import { setTimeout as sleep } from "node:timers/promises";
import type { Context, MiddlewareHandler } from "hono";
import { applyFaults, type PlannedFaults } from "./faults";

/**
 * What `/__control` can do to each simulated supplier, and what `/__stats` counts of them. Tests
 * and benchmarks use it to make one supplier slow, failing, rate-limited or gone while the others
 * keep answering, so that the platform's per-supplier timeouts, retries and circuits can be seen.
 *
 * Besides, the next supplier calls that would have succeeded can be made to fail in a chosen way,
 * for the booking paths' error handling: `{"duffel": {"orders": {"failNext": 1, "with": …}}}`
 * and the like (faults.ts).
 */
export const simulatedSuppliers = ["amadeus", "duffel", "cars"] as const;
export type SimulatedSupplier = (typeof simulatedSuppliers)[number];

export interface SupplierSettings {
  /** Added to every call: a uniform draw between min and max. */
  latencyMs: { min: number; max: number };
  /** Share of calls answered with a 500, 0..1. */
  errorRate: number;
  /** When down, every call gets a 503. */
  down: boolean;
  /** `true`: every call gets a 429 until turned off; a number: the next that many calls do. */
  rateLimited: boolean | number;
  /** Share of calls answered with a 429, 0..1 (besides `rateLimited`). */
  rateLimitRate: number;
}

export type SimulatorSettings = Record<SimulatedSupplier, SupplierSettings>;

/** How the gate refused a call; each supplier words it in its own error format. */
export type Failure = "down" | "rate-limited" | "error";
export type FailureAnswer = (c: Context, failure: Failure) => Response | Promise<Response>;

export function initialSettings(defaults: Partial<SupplierSettings>): SimulatorSettings {
  const one = (): SupplierSettings => ({
    latencyMs: { ...(defaults.latencyMs ?? { min: 150, max: 600 }) },
    errorRate: defaults.errorRate ?? 0,
    down: defaults.down ?? false,
    rateLimited: defaults.rateLimited ?? false,
    rateLimitRate: defaults.rateLimitRate ?? 0,
  });
  return { amadeus: one(), duffel: one(), cars: one() };
}

/** Which supplier a path belongs to; the simulator's own `/__*` endpoints belong to none. */
export function supplierOf(path: string): SimulatedSupplier | undefined {
  if (path.startsWith("/air/") || path.startsWith("/stays/")) return "duffel";
  if (path.startsWith("/v1/cars/")) return "cars";
  // The OAuth2 token endpoint is shared by the Amadeus side and the car supplier; it counts as Amadeus.
  if (/^\/v\d+\//.test(path)) return "amadeus";
  return undefined;
}

/** Ids in paths (`/air/offers/off_…`) are folded so `byEndpoint` has one key per endpoint. */
function endpointOf(method: string, path: string): string {
  const folded = path.replace(/\/(orq|off|srr|rat|quo|sea|ord|ore|bok|crs)_[A-Za-z0-9]+/g, "/:id").replace(/(.)\/$/, "$1");
  return `${method} ${folded}`;
}

export function createStats() {
  return {
    startedAt: new Date().toISOString(),
    total: 0,
    errors: 0,
    byEndpoint: {} as Record<string, number>,
    bySupplier: Object.fromEntries(simulatedSuppliers.map((s) => [s, 0])) as Record<SimulatedSupplier, number>,
  };
}
export type SimulatorStats = ReturnType<typeof createStats>;

/** Every supplier call: count it, wait the supplier's latency, maybe refuse it as configured. */
export function supplierGate(settings: SimulatorSettings, stats: SimulatorStats, answers: Record<SimulatedSupplier, FailureAnswer>): MiddlewareHandler {
  return async (c, next) => {
    const supplier = supplierOf(c.req.path);
    if (!supplier) return next();
    const endpoint = endpointOf(c.req.method, c.req.path);
    stats.total += 1;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    stats.bySupplier[supplier] += 1;
    const own = settings[supplier];
    const { min, max } = own.latencyMs;
    await sleep(min + Math.random() * Math.max(0, max - min));
    const failure = failureFor(own);
    if (failure) {
      stats.errors += 1;
      return answers[supplier](c, failure);
    }
    await next();
  };
}

function failureFor(own: SupplierSettings): Failure | undefined {
  if (own.down) return "down";
  if (own.rateLimited === true) return "rate-limited";
  if (typeof own.rateLimited === "number" && own.rateLimited > 0) {
    own.rateLimited -= 1;
    if (own.rateLimited === 0) own.rateLimited = false;
    return "rate-limited";
  }
  if (Math.random() < own.rateLimitRate) return "rate-limited";
  if (Math.random() < own.errorRate) return "error";
  return undefined;
}

const share = (n: number) => Math.min(1, Math.max(0, n));

/**
 * Applies a `/__control` body. With `supplier` it changes that supplier only; without it, every
 * supplier (the body tests and benchmarks sent before there were several). Returns an error
 * message for a body it cannot apply.
 */
export function applyControl(settings: SimulatorSettings, faults: PlannedFaults, body: Record<string, unknown>): string | undefined {
  const refused = applyFaults(faults, body);
  if (refused) return refused;
  const supplier = body.supplier;
  if (supplier !== undefined && !simulatedSuppliers.includes(supplier as SimulatedSupplier)) {
    return `supplier must be one of ${simulatedSuppliers.join(", ")}`;
  }
  const targets = supplier ? [settings[supplier as SimulatedSupplier]] : Object.values(settings);
  const latency = body.latencyMs as number | { min?: unknown; max?: unknown } | undefined;
  for (const target of targets) {
    if (typeof latency === "number") target.latencyMs = { min: latency, max: latency };
    else if (latency && typeof latency.min === "number" && typeof latency.max === "number") target.latencyMs = { min: latency.min, max: latency.max };
    if (typeof body.errorRate === "number") target.errorRate = share(body.errorRate);
    if (typeof body.down === "boolean") target.down = body.down;
    if (typeof body.rateLimited === "boolean") target.rateLimited = body.rateLimited;
    else if (typeof body.rateLimited === "number") target.rateLimited = body.rateLimited > 0 ? Math.floor(body.rateLimited) : false;
    if (typeof body.rateLimitRate === "number") target.rateLimitRate = share(body.rateLimitRate);
  }
  return undefined;
}
