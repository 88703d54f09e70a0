/**
 * Planned failures of the booking calls, set through `/__control` and taken by the endpoints that
 * would otherwise have succeeded: `{"duffel": {"orders": {"failNext": 1, "with":
 * "offer_no_longer_available" | "order_not_created" | "timeout", "timeoutMs": 15000}}}`, Duffel's
 * `payments` (`price_changed` | `api_error` | `timeout`) and `stayBookings` (`rate_unavailable` |
 * `timeout`), and the car supplier's `{"cars": {"reservations": …}}` (`vehicle_unavailable` |
 * `timeout`) and `confirmations` (`api_error` | `timeout`). `failNext: 0` clears. `timeout` does
 * what was asked and holds the answer `timeoutMs` (default 15 s), longer than a client waits: a
 * retry must find what was made. The others change nothing.
 */
export const faultKinds = {
  duffel: {
    orders: ["offer_no_longer_available", "order_not_created", "timeout"],
    payments: ["price_changed", "api_error", "timeout"],
    stayBookings: ["rate_unavailable", "timeout"],
  },
  cars: {
    reservations: ["vehicle_unavailable", "timeout"],
    confirmations: ["api_error", "timeout"],
  },
} as const;
type FaultySupplier = keyof typeof faultKinds;

interface Planned {
  failNext: number;
  with: string | null;
  timeoutMs: number;
}
type PlanOf<Kinds> = { [Target in keyof Kinds]: Planned };
export type DuffelFaults = PlanOf<(typeof faultKinds)["duffel"]>;
export type CarFaults = PlanOf<(typeof faultKinds)["cars"]>;
export type PlannedFaults = { duffel: DuffelFaults; cars: CarFaults };

const defaultTimeoutMs = 15_000;
/** Longer than any client waits; a longer hold would only keep a test's server from closing. */
const maxTimeoutMs = 600_000;

export function initialFaults(): PlannedFaults {
  const none = (): Planned => ({ failNext: 0, with: null, timeoutMs: defaultTimeoutMs });
  return { duffel: { orders: none(), payments: none(), stayBookings: none() }, cars: { reservations: none(), confirmations: none() } };
}

/** Takes one of the planned failures of `target`, if any is left. */
export function takeFault<F extends Record<string, Planned>>(faults: F, target: keyof F): { with: string; timeoutMs: number } | undefined {
  const planned = faults[target]!;
  if (planned.failNext === 0 || planned.with === null) return undefined;
  planned.failNext -= 1;
  const taken = { with: planned.with, timeoutMs: planned.timeoutMs };
  if (planned.failNext === 0) planned.with = null;
  return taken;
}

/** `{"duffel": {"orders": {…}}, "cars": {…}}`, each supplier's checked whole before any of it applies. */
export function applyFaults(faults: PlannedFaults, body: Record<string, unknown>): string | undefined {
  for (const supplier of Object.keys(faultKinds) as FaultySupplier[]) {
    if (body[supplier] === undefined) continue;
    const refused = applySupplierFaults(supplier, faults[supplier], body[supplier]);
    if (refused) return refused;
  }
  return undefined;
}

function applySupplierFaults(supplier: FaultySupplier, faults: Record<string, Planned>, body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return `${supplier} must be an object`;
  const kindsOf: Record<string, readonly string[]> = faultKinds[supplier];
  const targets = Object.keys(kindsOf);
  const unknown = Object.keys(body).find((key) => !targets.includes(key));
  // Supplier settings go with "supplier": "…"; here a typo would otherwise pass unnoticed.
  if (unknown) return `${supplier} takes ${targets.join(", ")} only, not ${unknown}`;
  const planned: Record<string, Planned> = {};
  for (const [target, raw] of Object.entries(body) as Array<[string, { failNext?: unknown; with?: unknown; timeoutMs?: unknown } | null]>) {
    const kinds = kindsOf[target]!;
    const { failNext, with: way, timeoutMs = defaultTimeoutMs } = raw ?? {};
    if (typeof failNext !== "number" || !Number.isInteger(failNext) || failNext < 0) return `${supplier}.${target}.failNext must be a whole number, 0 or more`;
    if (failNext > 0 && !kinds.includes(way as string)) return `${supplier}.${target}.with must be one of ${kinds.join(", ")}`;
    if (typeof timeoutMs !== "number" || !(timeoutMs >= 0 && timeoutMs <= maxTimeoutMs)) return `${supplier}.${target}.timeoutMs must be from 0 to ${maxTimeoutMs}`;
    planned[target] = { failNext, with: failNext > 0 ? (way as string) : null, timeoutMs };
  }
  Object.assign(faults, planned);
  return undefined;
}
