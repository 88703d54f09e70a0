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
import type { FlightOffer, FlightSearchCriteria } from "../search/flights";
import type { HotelOffer, HotelSearchCriteria, HotelSummary } from "../search/hotels";
import type { CarOffer, CarSearchCriteria } from "../search/cars";
import { SupplierError, type CarSupplierClient, type SupplierClient } from "./port";

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

/** The supplier cannot be called right now (circuit open or too many calls in flight). */
export class SupplierUnavailableError extends SupplierError {
  override name = "SupplierUnavailableError";
  constructor(
    supplier: string,
    reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${supplier} is unavailable: ${reason}`, supplier, 503, true);
  }
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
        throw new SupplierUnavailableError(this.name, "circuit open after repeated failures", this.retryAfterSeconds());
      }
      if (error instanceof BulkheadRejectedError) {
        this.health.rejected += 1;
        throw new SupplierUnavailableError(this.name, "too many calls in flight", 1);
      }
      this.health.failures += 1;
      this.health.lastFailure = { at: new Date().toISOString(), message: (error as Error).message };
      throw error;
    }
  }
}

/** The travel content supplier (flights, hotels) behind its guard. */
export class ResilientSupplier implements SupplierClient {
  readonly name: string;
  readonly guard: SupplierGuard;

  constructor(
    private readonly inner: SupplierClient,
    settings: Partial<SupplierResilienceSettings> = {},
  ) {
    this.name = inner.name;
    this.guard = new SupplierGuard(inner.name, settings);
  }

  searchFlights(criteria: FlightSearchCriteria, signal?: AbortSignal): Promise<FlightOffer[]> {
    return this.guard.call(() => this.inner.searchFlights(criteria, signal));
  }

  listHotels(cityCode: string, signal?: AbortSignal): Promise<HotelSummary[]> {
    return this.guard.call(() => this.inner.listHotels(cityCode, signal));
  }

  searchHotelOffers(hotels: HotelSummary[], criteria: HotelSearchCriteria, signal?: AbortSignal): Promise<HotelOffer[]> {
    return this.guard.call(() => this.inner.searchHotelOffers(hotels, criteria, signal));
  }

  status(): SupplierHealth {
    return this.guard.status();
  }
}

/** The car rental supplier behind its own guard: its failures never open the other circuit. */
export class ResilientCarSupplier implements CarSupplierClient {
  readonly name: string;
  readonly guard: SupplierGuard;

  constructor(
    private readonly inner: CarSupplierClient,
    settings: Partial<SupplierResilienceSettings> = {},
  ) {
    this.name = inner.name;
    this.guard = new SupplierGuard(inner.name, settings);
  }

  searchCars(criteria: CarSearchCriteria, signal?: AbortSignal): Promise<CarOffer[]> {
    return this.guard.call(() => this.inner.searchCars(criteria, signal));
  }

  status(): SupplierHealth {
    return this.guard.status();
  }
}
