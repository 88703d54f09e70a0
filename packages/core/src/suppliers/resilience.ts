import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
} from "cockatiel";
import { metrics, traced } from "../observability";
import { SupplierError, SupplierUnavailableError, type SupplierClient } from "../search/suppliers";

/** Resilience limits per supplier, declared once. */
export const supplierResilience = {
  /** Attempts for idempotent calls (searches), the first included. */
  attempts: 3,
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  /** Consecutive retryable failures that open the circuit. */
  breakAfterFailures: 5,
  /** How long an open circuit rejects calls before letting one through. */
  halfOpenAfterMs: 15_000,
  /** Concurrent calls to one supplier, and how many more may queue. */
  maxConcurrent: 32,
  maxQueued: 128,
} as const satisfies SupplierResilienceSettings;

export interface SupplierResilienceSettings {
  attempts: number;
  backoff: { initialDelayMs: number; maxDelayMs: number };
  breakAfterFailures: number;
  halfOpenAfterMs: number;
  maxConcurrent: number;
  maxQueued: number;
}

export interface SupplierHealth {
  name: string;
  circuit: "closed" | "open" | "half-open" | "isolated";
  retryAfterSeconds: number;
  calls: number;
  failures: number;
  retries: number;
  rejected: number;
  lastFailure?: { at: string; message: string };
  inFlight: number;
  queued: number;
}

const circuitNames: Record<CircuitState, SupplierHealth["circuit"]> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

/**
 * A supplier behind cockatiel policies: a bulkhead limits concurrent calls, idempotent calls are
 * retried with jittered exponential backoff on retryable failures, and a circuit breaker stops
 * calling a supplier that keeps failing. Each HTTP call has its own timeout in the adapter.
 */
export class SupplierGuard {
  readonly name: string;
  private readonly breaker;
  private readonly limiter;
  private readonly idempotent: IPolicy;
  private readonly settings: SupplierResilienceSettings;
  private openedAt = 0;
  private readonly health = { calls: 0, failures: 0, retries: 0, rejected: 0, lastFailure: undefined as SupplierHealth["lastFailure"] };
  private readonly observers: Array<(attempt: { supplier: string; ms: number; ok: boolean }) => void> = [];

  constructor(name: string, settings: Partial<SupplierResilienceSettings> = {}) {
    this.name = name;
    this.settings = { ...supplierResilience, ...settings };
    const retryable = handleWhen((error) => error instanceof SupplierError && error.retryable);
    this.breaker = circuitBreaker(retryable, {
      halfOpenAfter: this.settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(this.settings.breakAfterFailures),
    });
    this.breaker.onBreak(() => (this.openedAt = Date.now()));
    const retries = retry(retryable, {
      maxAttempts: this.settings.attempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: this.settings.backoff.initialDelayMs, maxDelay: this.settings.backoff.maxDelayMs }),
    });
    retries.onRetry(() => (this.health.retries += 1));
    this.limiter = bulkhead(this.settings.maxConcurrent, this.settings.maxQueued);
    // Outermost first: queue for a slot, retry inside it, and let the breaker see every attempt.
    this.idempotent = wrap(this.limiter, retries, this.breaker);
  }

  status(): SupplierHealth {
    return {
      name: this.name,
      circuit: circuitNames[this.breaker.state],
      retryAfterSeconds: this.retryAfterSeconds(),
      calls: this.health.calls,
      failures: this.health.failures,
      retries: this.health.retries,
      rejected: this.health.rejected,
      ...(this.health.lastFailure ? { lastFailure: this.health.lastFailure } : {}),
      inFlight: this.settings.maxConcurrent - this.limiter.executionSlots,
      queued: this.settings.maxQueued - this.limiter.queueSlots,
    };
  }

  private retryAfterSeconds(): number {
    if (this.breaker.state !== CircuitState.Open) return 0;
    return Math.max(1, Math.ceil((this.openedAt + this.settings.halfOpenAfterMs - Date.now()) / 1000));
  }

  /** Called after every attempt at the supplier (retries included): its duration and whether it succeeded. */
  observe(listener: (attempt: { supplier: string; ms: number; ok: boolean }) => void): void {
    this.observers.push(listener);
  }

  /** Run an idempotent supplier call under the policies. */
  async call<T>(operation: () => Promise<T>): Promise<T> {
    this.health.calls += 1;
    const attempt = async () => {
      const started = performance.now();
      let ok = false;
      try {
        const result = await traced("supplier", { supplier: this.name }, operation);
        ok = true;
        return result;
      } finally {
        const ms = performance.now() - started;
        metrics.record("SupplierCallDuration", ms, { Supplier: this.name });
        if (!ok) metrics.count("SupplierCallErrors", { Supplier: this.name });
        for (const observer of this.observers) observer({ supplier: this.name, ms, ok });
      }
    };
    try {
      return await this.idempotent.execute(attempt);
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.health.rejected += 1;
        throw new SupplierUnavailableError(this.name, "circuit-open", this.retryAfterSeconds());
      }
      if (error instanceof BulkheadRejectedError) {
        this.health.rejected += 1;
        throw new SupplierUnavailableError(this.name, "overloaded", 1);
      }
      this.health.failures += 1;
      this.health.lastFailure = { at: new Date().toISOString(), message: (error as Error).message };
      throw error;
    }
  }
}

/** A client's asynchronous methods: the calls that go to its supplier. */
type SupplierCalls<C> = { [K in keyof C as C[K] extends (...args: never[]) => Promise<unknown> ? K : never]: C[K] };

/** A supplier client whose calls all go through the supplier's guard. */
export type Resilient<C extends SupplierClient> = SupplierCalls<C> & {
  readonly name: string;
  readonly guard: SupplierGuard;
  status(): SupplierHealth;
};

/**
 * Any supplier client behind a guard of its own: each of its methods (for every vertical the
 * supplier sells) becomes a guarded call, so one wrapper serves every adapter and one supplier's
 * failures never open another supplier's circuit.
 */
export function resilient<C extends SupplierClient>(client: C, settings: Partial<SupplierResilienceSettings> = {}): Resilient<C> {
  const guard = new SupplierGuard(client.name, settings);
  const guarded: Record<string, unknown> = { name: client.name, guard, status: () => guard.status() };
  const methods = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of methodNames(client)) {
    const call = methods[method]!;
    guarded[method] = (...args: unknown[]) => guard.call(() => call.apply(client, args));
  }
  return guarded as Resilient<C>;
}

/** An adapter's methods live on its class's prototype (and its ancestors'), not on the instance. */
function methodNames(client: object): Set<string> {
  const names = new Set<string>();
  for (let layer: object | null = client; layer && layer !== Object.prototype; layer = Object.getPrototypeOf(layer)) {
    for (const name of Object.getOwnPropertyNames(layer)) {
      if (name !== "constructor" && typeof (client as Record<string, unknown>)[name] === "function") names.add(name);
    }
  }
  return names;
}
