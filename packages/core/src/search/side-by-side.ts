import { SupplierError, SupplierUnavailableError, type SupplierClient, type SupplierFailure } from "./suppliers";

/** How one supplier fared in one search: what `meta.suppliers` reports. */
export interface SupplierOutcome {
  supplier: string;
  status: "ok" | SupplierFailure;
  /** Offers it answered with, before offers sold by several suppliers were merged. */
  offers: number;
  /** From the first attempt to its answer or its last failure, retries included. */
  latencyMs: number;
  /** Why it failed, in the supplier's words. */
  message?: string;
}

/** A vertical's answer from all its suppliers, with how each of them fared. */
export interface SideBySideAnswer<T> {
  offers: T[];
  suppliers: SupplierOutcome[];
}

export function failureOf(error: unknown): SupplierFailure {
  if (error instanceof SupplierUnavailableError && error.reason === "circuit-open") return "circuit-open";
  if (error instanceof SupplierError && error.timedOut) return "timeout";
  return "error";
}

/** Some supplier failed: the answer is partial (and is kept fresh for less time). */
export function isPartial(answer: SideBySideAnswer<unknown>): boolean {
  return answer.suppliers.some((s) => s.status !== "ok");
}

/**
 * Ask every supplier of a vertical the same question at once (each already behind its own
 * timeout, retries, circuit breaker and bulkhead) and gather what they answer. One supplier
 * failing leaves the others' offers; only when all fail does the search fail, with the error a
 * client can act on best: unavailable (503 with Retry-After) when every supplier is, else the
 * first supplier's own failure.
 */
export async function askSideBySide<S extends SupplierClient, T>(
  suppliers: readonly S[],
  ask: (supplier: S) => Promise<T[]>,
): Promise<SideBySideAnswer<T>> {
  if (suppliers.length === 0) throw new Error("no supplier is configured for this vertical");
  const answers = await Promise.all(
    suppliers.map(async (supplier) => {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const offers = await ask(supplier);
        return { offers, outcome: { supplier: supplier.name, status: "ok", offers: offers.length, latencyMs: latency() } satisfies SupplierOutcome };
      } catch (error) {
        const outcome: SupplierOutcome = { supplier: supplier.name, status: failureOf(error), offers: 0, latencyMs: latency(), message: (error as Error).message };
        return { offers: [] as T[], outcome, error };
      }
    }),
  );
  const failed = answers.filter((a) => "error" in a);
  if (failed.length === answers.length) {
    const unavailable = failed.map((a) => a.error).filter((e): e is SupplierUnavailableError => e instanceof SupplierUnavailableError);
    if (unavailable.length === failed.length) throw unavailable.reduce((soonest, e) => (e.retryAfterSeconds < soonest.retryAfterSeconds ? e : soonest));
    throw failed.find((a) => !(a.error instanceof SupplierUnavailableError))!.error;
  }
  return { offers: answers.flatMap((a) => a.offers), suppliers: answers.map((a) => a.outcome) };
}

/**
 * Offers that are the same product (equal ids: for flights, the same flights, cabin, passengers
 * and currency, whoever sells them) collapse to the cheapest; on a tie, the supplier configured
 * first keeps it. The order of first appearance is kept.
 */
export function cheapestPerId<T extends { id: string; price: { total: string } }>(offers: T[]): T[] {
  const kept = new Map<string, T>();
  for (const offer of offers) {
    const held = kept.get(offer.id);
    if (!held || Number(offer.price.total) < Number(held.price.total)) kept.set(offer.id, offer);
  }
  return [...kept.values()];
}
